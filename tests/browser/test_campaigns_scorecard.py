"""Campaigns in a browser: a department registers a campaign, the 减负办 approves it against the cap
(the next one is refused at once, citing it), a signboard the community inventoried is ordered down
and taken down; the campaigns list on a phone (390×844); and the district and community scorecards
opened and downloaded as xlsx and PDF on a desktop viewport."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.utils import timezone

from jianfu.burden.choices import EntryKind
from jianfu.burden.models import BurdenEntry
from jianfu.campaigns import services
from jianfu.campaigns.models import Campaign, Signboard
from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from tests.browser.conftest import login, settle

ASKS = "请各社区报送创建申报材料，建立创建工作台账，制作宣传展板，年底迎接区级验收。"


def _slow(page) -> None:
    page.set_default_timeout(60000)  # the shared 2-core machine is slow; nothing here is timed
    page.set_default_navigation_timeout(60000)


def _org():
    org = f.org_tree()
    users = {
        "dept": f.user("mzj", "department", department=org["department"]),
        "office": f.user("doffice", "district_office", district=org["district"]),
        "worker": f.user("worker", "community_worker", community=org["community"]),
    }
    return org, users


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_register_approve_against_the_cap_and_take_a_signboard_down(live_server, browser):
    org, users = _org()
    community = org["community"]
    services.caps_set(
        actor=SYSTEM, district=org["district"], campaigns_per_community=2, signboards_per_community=1
    )
    earlier = services.campaign_register(
        actor=SYSTEM,
        department=org["department"],
        title="创建老年友好型社区",
        kind="creation",
        communities=[community],
    )
    services.campaign_decide(actor=SYSTEM, campaign=earlier, approve=True, reason="保留")

    # 1. the department registers a campaign on the page
    dept_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = dept_ctx.new_page()
    _slow(page)
    login(page, live_server, users["dept"])
    page.goto(f"{live_server.url}/campaigns/")
    page.fill("#id_c-title", "健康社区示范创建")
    page.select_option("#id_c-kind", "demonstration")
    page.fill("#id_c-description", ASKS)
    page.check(f"input[name=c-communities][value='{community.pk}']")
    page.locator("#campaigns form.card button[type=submit]").click()
    settle(page)
    campaign = Campaign.objects.get(title="健康社区示范创建")
    assert campaign.status == "pending", page.locator("main").inner_text()[:2000]
    dept_ctx.close()

    # 2. the district 减负办 approves it: the community is now at the cap (2 a year)
    office_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = office_ctx.new_page()
    _slow(page)
    login(page, live_server, users["office"])
    page.goto(f"{live_server.url}/campaigns/")
    row = page.locator("#campaigns tr", has_text="健康社区示范创建")
    row.locator("select[name=approve]").select_option("1")
    row.locator("input[name=reason]").fill("与卫健条线合并后保留一项")
    row.locator("button[type=submit]").click()
    settle(page)
    assert (
        page.locator("#campaigns tr", has_text="健康社区示范创建")
        .locator("[data-status=approved]")
        .is_visible()
    )
    campaign.refresh_from_db()
    assert campaign.status == "approved" and campaign.hours > 0
    entry = BurdenEntry.objects.get(kind=EntryKind.CAMPAIGN, source_ref=f"campaigns.campaign:{campaign.pk}")
    assert entry.recorded_by == users["office"] and entry.community == community
    over = services.campaign_register(
        actor=users["dept"],
        department=org["department"],
        title="文明社区评比",
        kind="appraisal",
        communities=[community],
    )
    page.reload()
    over_row = page.locator("#campaigns tr", has_text="文明社区评比")
    assert over_row.locator("[data-status=refused]").is_visible()
    assert "达到上限" in over_row.inner_text() and over.status == "refused"

    # 3. the community inventories an old board; the office orders it down; the worker takes it down
    board = services.signboard_inventory(
        actor=users["worker"], community=community, name="科普示范社区", hung_on=dt.date(2020, 3, 1)
    )
    page.reload()
    board_row = page.locator("#signboards tr", has_text="科普示范社区")
    board_row.locator("form", has=page.locator("button.danger")).locator("input[name=reason]").fill(
        "无依据的牌子"
    )
    board_row.locator("button.danger").click()
    settle(page)
    board.refresh_from_db()
    assert board.status == "removal_ordered"
    office_ctx.close()

    worker_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = worker_ctx.new_page()
    _slow(page)
    login(page, live_server, users["worker"])
    page.goto(f"{live_server.url}/campaigns/")
    page.locator("#signboards tr", has_text="科普示范社区").locator("button", has_text="已摘除").click()
    settle(page)
    assert (
        page.locator("#signboards tr", has_text="科普示范社区").locator("[data-status=removed]").is_visible()
    )
    board.refresh_from_db()
    assert board.status == "removed" and board.removed_on == timezone.localdate()
    worker_ctx.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_campaigns_list_on_a_phone(live_server, phone_page):
    org, users = _org()
    for title in ("创建老年友好型社区", "健康社区示范创建（含入户宣传、工作台账和年底验收的长名称）"):
        services.campaign_register(
            actor=SYSTEM,
            department=org["department"],
            title=title,
            kind="creation",
            communities=[org["community"]],
        )
    services.signboard_inventory(actor=SYSTEM, community=org["community"], name="禁毒示范社区")
    page = phone_page
    _slow(page)
    login(page, live_server, users["worker"])
    page.goto(f"{live_server.url}/campaigns/")
    assert page.viewport_size == {"width": 390, "height": 844}
    assert page.locator("#campaigns tr", has_text="创建老年友好型社区").is_visible()
    assert page.locator("#signboards", has_text="禁毒示范社区").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone: {width}px"
    assert Signboard.objects.count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_district_and_community_scorecards_open_and_download(live_server, page):
    org, users = _org()
    services.signboard_inventory(actor=SYSTEM, community=org["community"], name="平安社区")
    _slow(page)
    login(page, live_server, users["office"])
    year = timezone.localdate().year
    page.goto(f"{live_server.url}/scorecard/?unit={org['district'].code}&year={year}")
    assert org["district"].name in page.locator("h1").inner_text()
    assert page.locator("section[id^=part-]").count() >= 7, page.locator("main").inner_text()[:2000]
    page.goto(f"{live_server.url}/scorecard/?unit={org['community'].code}&year={year}")
    assert org["community"].name in page.locator("h1").inner_text()
    with page.expect_download() as caught:
        page.click("a:has-text('导出 Excel')")
    xlsx = caught.value
    # a Chinese file name (RFC 5987 filename*), what a Chinese browser saves it as
    assert xlsx.suggested_filename == f"评分表-{org['community'].name}-{year}.xlsx"
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(Path(xlsx.path()).read_bytes()))
    assert any(org["community"].name in str(c.value) for ws in book for row in ws.iter_rows() for c in row)
    with page.expect_download() as caught:
        page.click("a:has-text('导出 PDF')")
    pdf = caught.value
    assert pdf.suggested_filename.endswith(".pdf")
    assert Path(pdf.path()).read_bytes()[:5] == b"%PDF-"
