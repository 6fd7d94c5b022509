"""A department registers a meeting notice that summons community heads to 陪会: the intake stops it
and cites the rule; a community worker pastes the same notice on her phone and is told she may refuse."""

import pytest

from jianfu.core.testing import factories as f
from jianfu.meetings.models import Notice
from tests.browser.conftest import login, settle

NOTICE = "请各社区书记、主任准时列席全区安全生产工作会议。会议时间：上午9:00-11:00，地点：区政府三楼会议室。"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_accompany_meeting_stopped_at_the_intake(live_server, page):
    org = f.org_tree()
    dept = f.user("mzj", "department", department=org["department"])
    login(page, live_server, dept)
    page.goto(f"{live_server.url}/meetings/new/")
    page.select_option("#id_kind", "meeting")
    page.fill("#id_title", "全区安全生产工作会议")
    page.fill("#id_text", NOTICE)
    page.check(f"input[name=communities][value='{org['community'].pk}']")
    page.fill("#id_approved_by", "区委办公室")
    page.click("main form.card button[type=submit]")
    settle(page)
    assert page.locator("[data-decision=refused]").is_visible(), page.locator("main").inner_text()[:3000]
    assert page.locator("[data-rule=meeting_accompany]").is_visible()
    assert "不得要求基层负责人陪会" in page.locator("#decision").inner_text()
    notice = Notice.objects.get()
    assert notice.status == "refused" and "meeting_accompany" in notice.violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_worker_checks_a_pasted_notice_on_her_phone(live_server, phone_page):
    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    login(phone_page, live_server, worker)
    phone_page.goto(f"{live_server.url}/meetings/check/")
    phone_page.fill("#id_title", "会议通知")
    phone_page.fill("#id_text", NOTICE)
    phone_page.click("main form.card button[type=submit]")
    phone_page.locator("#check-result [data-decision=refused]").wait_for()
    assert phone_page.locator("#check-result [data-rule=meeting_accompany]").is_visible()
    assert not Notice.objects.exists()
