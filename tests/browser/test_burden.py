import datetime as dt

import pytest

from jianfu.burden.services import add_months, burden_entry_record, month_start
from jianfu.core.testing import factories as f
from tests.browser.conftest import login, nav_click


def _ledger(org):
    this_month = month_start(dt.date.today())
    for i in range(1, 4):
        burden_entry_record(
            community=org["community"],
            department=org["department"],
            kind="inspection",
            title="民政例行检查",
            actor=f.SYSTEM,
            occurred_on=add_months(this_month, -i).replace(day=3),
        )
    burden_entry_record(
        community=org["community"],
        department=org["department"],
        kind="inspection",
        title="加码专项检查",
        actor=f.SYSTEM,
        occurred_on=this_month,
        units=3,
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_sees_dashboard_and_acknowledges_alert(live_server, page):
    org = f.org_tree()
    officer = f.user("officer", "street_office", street=org["street"])
    _ledger(org)
    login(page, live_server, officer)
    nav_click(page, "负担台账")
    page.wait_for_selector("#chart-months svg")
    assert "区民政局" in page.inner_text("#table-departments")
    assert "加码专项检查" not in page.inner_text("main")  # titles are on the alert page
    page.click("#burden-alerts a >> nth=0")
    assert "加码专项检查" in page.inner_text("#alert-entries")
    page.fill("#id_note", "已约谈区民政局")
    page.click("text=知悉")
    assert "已知悉" in page.inner_text("#alert-status")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_worker_records_meeting_on_phone(live_server, phone_page):
    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    page = phone_page
    login(page, live_server, worker)
    page.goto(f"{live_server.url}/burden/entries/new/")
    page.select_option("#id_kind", "meeting")
    page.fill("#id_title", "创文推进会")
    page.select_option("#id_department", label="区民政局")
    page.fill("#id_frequency", "4")
    page.fill("#id_people", "2")
    page.click("text=记入台账")
    assert "16.0" in page.inner_text("#estimate")  # hours with one decimal
    page.fill("#id_hours", "10")
    page.fill("#id_reason", "两次会议合并召开")
    page.click("text=保存修正")
    assert "两次会议合并召开" in page.inner_text("#correction")
