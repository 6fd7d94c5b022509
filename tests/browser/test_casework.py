"""The "done when" journey in a real browser: a resident reports a broken street lamp from a phone
(no sign-in), the grid worker whistles 城管, the department signs, reports in on site and replies,
the resident confirms and rates on the phone, the community rates the department, everyone's
notifications are in the outbox and the rates move."""

import re

import pytest

from jianfu.casework.models import Category, ServiceRequest
from jianfu.casework.seed import load_categories
from jianfu.core.testing import factories as f
from jianfu.orgs.models import Department
from tests.browser.conftest import STEP_TIMEOUT_MS, login


def _context_page(browser, *, phone=False):
    kw = (
        {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
        if phone
        else {"viewport": {"width": 1280, "height": 900}}
    )
    context = browser.new_context(locale="zh-CN", **kw)
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    return context, page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_broken_lamp_from_phone_to_rated(browser, phone_page, live_server):
    load_categories(Category)
    org = f.org_tree()
    community, grid = org["community"], org["grid"]
    cgj = Department.objects.create(district=org["district"], code="CGJ", name="区城管局", level="district")
    grid_worker = f.user("gw", "grid_worker", community=community, grid=grid)
    worker = f.user("cw", "community_worker", community=community)
    dept = f.user("cgj", "department", department=cgj)
    officer = f.user("do", "district_office", district=org["district"])
    for u, mail in ((grid_worker, "gw@example.cn"), (worker, "cw@example.cn"), (dept, "cgj@example.cn")):
        u.email = mail
        u.save(update_fields=["email"])

    # 1. the resident, on a phone, without signing in
    phone = phone_page
    phone.goto(f"{live_server.url}/casework/report/")
    phone.select_option("#id_category", "street-lamp")
    phone.select_option("fieldset[data-category=street-lamp] select[name=attr_fault]", "fault_1")
    phone.fill("#id_text", "民意小区3栋门口的路灯坏了一周，晚上很黑")
    phone.select_option("#id_community", community.code)
    phone.fill("input[name=reporter_phone]", "13912345678")
    phone.click("#report-form button[type=submit]")
    phone.wait_for_url(re.compile(r"/casework/t/"))
    follow_url = phone.url
    assert "路灯损坏" in phone.content()
    sr = ServiceRequest.objects.get()

    # 2. the grid worker whistles 城管 (the catalog's suggestion is ticked)
    context, page = _context_page(browser)
    login(page, live_server, grid_worker)
    page.goto(f"{live_server.url}/casework/{sr.pk}/")
    assert page.is_checked("#whistle-form input[value=CGJ]")
    page.click("#whistle-form button")
    page.wait_for_load_state("networkidle")
    assert "区城管局" in page.inner_text("#whistles")
    context.close()

    # 3. the department signs, reports in on site and replies
    context, page = _context_page(browser)
    login(page, live_server, dept)
    page.goto(f"{live_server.url}/casework/")
    page.click(f"#whistles a[href='/casework/{sr.pk}/']")
    page.click("#report-in button:has-text('签收')")
    page.wait_for_load_state("networkidle")
    page.click("#report-in button:has-text('到场报到')")
    page.wait_for_load_state("networkidle")
    page.fill("textarea[name=reply]", "已更换灯泡，恢复照明")
    page.click("button:has-text('回复办理结果')")
    page.wait_for_load_state("networkidle")
    context.close()

    # 4. the resident confirms and rates, on the phone
    phone.goto(follow_url)
    phone.click("#confirm button[value=yes]")
    phone.wait_for_load_state("networkidle")
    phone.check("#rate input[value=satisfied]")
    phone.click("#rate button")
    phone.wait_for_load_state("networkidle")
    assert "评价" in phone.inner_text("#timeline")
    sr.refresh_from_db()
    assert sr.status == "rated" and sr.verification == "reporter"

    # 5. the community rates the department; the outbox shows every step's notifications
    context, page = _context_page(browser)
    login(page, live_server, worker)
    page.goto(f"{live_server.url}/casework/{sr.pk}/")
    page.select_option("#whistles select[name=score]", "5")
    page.click("#whistles button")
    page.wait_for_load_state("networkidle")
    assert sr.whistles.get().score == 5
    page.goto(f"{live_server.url}/notify/")
    outbox = page.inner_text("#outbox")
    for subject in ("诉求已受理", "吹哨报到", "诉求已办理，请确认", "诉求已办结"):
        assert subject in outbox
    assert "139****5678" in outbox and "13912345678" not in outbox
    context.close()

    # 6. the rates moved
    context, page = _context_page(browser)
    login(page, live_server, officer)
    page.goto(f"{live_server.url}/casework/rates/?by=department")
    row = page.inner_text("#rates tbody")
    assert "区城管局" in row and "100.0" in row
    context.close()
