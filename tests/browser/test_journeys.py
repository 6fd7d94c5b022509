"""Each role's first task, found from the home page only by clicking what the page offers (to-do links,
the grouped navigation, the public service cards), done, and its result checked — at 1366×900 and
on a 390×844 phone, where no page may scroll sideways (issue 12, "Checked in a browser").

No journey types a URL after the home page: if a to-do or a link disappears, the journey fails.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from jianfu.core.testing.factories import PASSWORD
from tests.browser import world
from tests.browser.conftest import STEP_TIMEOUT_MS, nav_click, settle

VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser):
    context = browser.new_context(locale="zh-CN", **VIEWPORTS[request.param])
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.viewport_name = request.param  # type: ignore[attr-defined]
    yield page
    context.close()


def fits(page) -> None:
    """On a phone the page must not scroll sideways."""
    if page.viewport_name != "phone":
        return
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways on a phone ({width} px wide)"


def start(page, live_server, user=None) -> None:
    """Open the home page (signing in first through the login link when a user is given)."""
    page.goto(f"{live_server.url}/")
    fits(page)
    if user is None:
        return
    page.click("header .account a[href*='/accounts/login/']")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    settle(page)
    assert page.url.rstrip("/") == live_server.url, f"signed in, landed on {page.url}"
    fits(page)


def todo(page, label: str) -> None:
    """Follow the home page's to-do with this label."""
    page.locator("#todos li", has_text=label).locator("a").first.click()
    settle(page)
    fits(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_community_worker_decides_a_possible_same_person(live_server, screen):
    w = world.build()
    start(screen, live_server, w.users["community_worker"])
    todo(screen, "待核对的疑似同一人")
    item = screen.locator(".review-item", has_text="刘建果")
    assert "肢体" in item.inner_text()
    item.locator("button", has_text="是同一人").first.click()
    settle(screen)
    assert "已确认为" in screen.inner_text(".messages")
    assert screen.locator(".review-item", has_text="刘建果").count() == 0
    fits(screen)
    screen.click("header a.brand")
    assert screen.locator("#todos li", has_text="待核对的疑似同一人").count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_grid_worker_whistles_the_department_for_a_resident_request(live_server, screen):
    w = world.build()
    start(screen, live_server, w.users["grid_worker"])
    todo(screen, "办理中的居民诉求")
    screen.locator("table a", has_text=w.request_number).click()
    settle(screen)
    assert w.request_text in screen.inner_text("main")
    fits(screen)
    assert screen.is_checked("#whistle-form input[value=CGJ]")  # the catalog suggests 城管
    screen.click("#whistle-form button")
    settle(screen)
    assert "区城管局" in screen.inner_text("#whistles")
    fits(screen)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_street_office_approves_a_task_at_the_gate(live_server, screen):
    w = world.build()
    start(screen, live_server, w.users["street_office"])
    todo(screen, "待审批的任务")
    screen.click(f"#queue >> text={w.pending_task}")
    settle(screen)
    fits(screen)
    screen.fill("#id_legality", "区文明办文件有依据")
    screen.fill("#id_reasonableness", "需求合理，按季度报送即可")
    screen.fill("#id_feasibility", "社区可承担")
    screen.fill("#id_reason", "同意，改为按季度报送")
    screen.click("#decide button:has-text('批准准入')")
    settle(screen)
    assert "同意，改为按季度报送" in screen.inner_text("main")
    fits(screen)
    screen.click("header a.brand")
    assert screen.locator("#todos li", has_text="待审批的任务").count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_district_office_approves_a_data_request(live_server, screen):
    w = world.build()
    start(screen, live_server, w.users["district_office"])
    todo(screen, "待核准的数据需求")
    screen.click(f"#pending >> text={w.data_request}")
    settle(screen)
    fits(screen)
    assert screen.inner_text("[data-testid=count-total]") == "2"  # who would be released, before it is
    screen.click("#approve button:has-text('核准并提供')")
    settle(screen)
    assert screen.locator("[data-status]").get_attribute("data-status") == "released"
    fits(screen)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_district_admin_finds_an_issued_certificate_in_the_audit_log(live_server, screen):
    w = world.build()
    start(screen, live_server, w.users["district_admin"])
    nav_click(screen, "审计日志")
    settle(screen)
    fits(screen)
    screen.fill("input[name=q]", w.certificate_serial)
    screen.press("input[name=q]", "Enter")
    settle(screen)
    assert w.certificate_serial in screen.inner_text("main")
    fits(screen)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_department_submits_a_task_and_reads_the_decision(live_server, screen):
    w = world.build()
    start(screen, live_server, w.users["department"])
    nav_click(screen, "任务准入")
    screen.click("text=提交新任务")
    settle(screen)
    fits(screen)
    screen.fill("#id_title", "协助开展2026年度低保年度复核")
    screen.fill("#id_description", "请各社区协助开展低保年度复核，入户调查家庭收入变化并张贴公示。")
    screen.select_option("#id_kind", "general")
    screen.fill("#id_resource_money", "2000")
    screen.fill("#id_expected_hours", "8")
    screen.check(f"input[name=communities][value='{w.org['community'].pk}']")
    screen.click("main form.card button[type=submit]")
    settle(screen)
    assert screen.locator("[data-decision]").get_attribute("data-decision") == "admitted"
    assert "理由" in screen.inner_text("#decision")
    fits(screen)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_inspector_opens_the_granted_visit_and_downloads_its_package(live_server, screen):
    w = world.build()
    start(screen, live_server, w.users["inspector"])
    todo(screen, "可以查看的检查")
    screen.click(f"main a:has-text('{w.visit_title}')")
    settle(screen)
    fits(screen)
    with screen.expect_download() as info:
        screen.click(f"#evidence li:has-text('{w.org['community'].name}') >> text=下载材料包")
    assert info.value.suggested_filename.endswith(".zip")
    assert screen.locator("#decide").count() == 0  # read-only


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_resident_checks_a_certificate_and_verifies_an_issued_one(live_server, screen):
    w = world.build()
    start(screen, live_server, w.users["resident"])
    screen.click("#public-services a:has-text('开证明前先问一问')")
    fits(screen)
    screen.fill("#q", "开个单身证明")
    screen.press("#q", "Enter")
    answer = screen.locator("#answer")
    assert answer.get_attribute("data-decision") == "must_not_issue"
    assert "婚姻登记机关" in answer.inner_text()
    fits(screen)
    screen.click("header a.brand")
    screen.click("#public-services a:has-text('核验证明真伪')")
    fits(screen)
    screen.fill("#verify-link", live_server.url + w.certificate_url)
    screen.click("main form button[type=submit]")
    screen.wait_for_selector("#verify-result")
    result = screen.inner_text("#verify-result")
    assert "有效证明" in result and w.certificate_serial in result
    assert "王**" in result and "王秀兰" not in result
    fits(screen)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitor_reports_a_problem_without_signing_in(live_server, screen):
    w = world.build()
    start(screen, live_server)
    screen.click("#public-services a:has-text('我要反映')")
    fits(screen)
    screen.select_option("#id_category", "street-lamp")
    screen.select_option("fieldset[data-category=street-lamp] select[name=attr_fault]", "fault_1")
    screen.fill("#id_text", "永红小区7栋后面的路灯一闪一闪，晚上看不清台阶")
    screen.select_option("#id_community", w.org["other_community"].code)
    screen.fill("input[name=reporter_phone]", "13712345670")
    screen.click("#report-form button[type=submit]")
    screen.wait_for_url(re.compile(r"/casework/t/"))
    assert "路灯损坏" in screen.inner_text("main")
    fits(screen)
