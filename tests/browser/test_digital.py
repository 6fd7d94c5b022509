"""A grid worker declares her apps and groups on a phone (390×844) in well under two minutes:
search and tick from the register, "same as my colleague", and add a missing group with pick lists."""

import pytest

from jianfu.core.testing import factories as f
from jianfu.core.testing.factories import SYSTEM
from jianfu.digital import services
from jianfu.digital.models import Declaration, DigitalTool
from tests.browser.conftest import login, settle


def _setup():
    org = f.org_tree()
    community = org["community"]
    grid_worker = f.user("gridworker", "grid_worker", community=community, grid=org["grid"])
    colleague = f.user("colleague", "community_worker", community=community)
    tools = [
        services.tool_register(
            actor=SYSTEM,
            kind="app" if name.endswith("App") else "work_group",
            platform="wechat",
            name=name,
            owner_department=org["department"],
            asks_text=asks,
            communities=[community],
        )
        for name, asks in (
            ("民政工作群", "用于收发通知。"),
            ("文明创建群", "每天晚上9点前在群里报送入户照片。"),
            ("综治维稳群", "用于收发通知。"),
            ("网格通App", "每天定位签到。"),
        )
    ]
    services.declaration_add(actor=colleague, tools=tools[:3])
    return grid_worker, tools


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_declaring_on_a_phone(live_server, phone_page):
    grid_worker, _tools = _setup()
    page = phone_page
    page.set_default_timeout(60000)  # the shared 2-core machine is slow; nothing here is timed
    page.set_default_navigation_timeout(60000)
    login(page, live_server, grid_worker)
    page.goto(f"{live_server.url}/digital/declare/")
    assert page.viewport_size == {"width": 390, "height": 844}
    # 1. same as my colleague: one tap
    page.locator("#same-as button").first.click()
    settle(page)
    assert "已申报：应用0个，工作群3个" in page.locator("#mine").inner_text()
    # 2. search the register and tick the app
    page.fill("#choose input[type=search]", "网格")
    page.wait_for_selector("#pick >> text=网格通App")
    page.locator("#pick input[type=checkbox]").first.check()
    page.locator("#declare-form button[type=submit]").click()
    settle(page)
    assert "已申报：应用1个，工作群3个" in page.locator("#mine").inner_text()
    # 3. a group not in the register: the short form with pick lists
    page.select_option("#id_kind", "work_group")
    page.select_option("#id_platform", "dingtalk")
    page.fill("#id_name", "楼栋长群")
    page.fill("#id_owner_note", "社区自建")
    page.locator("#new input[value=acknowledge]").check()
    page.locator("#new button[type=submit]").click()
    settle(page)
    mine = page.locator("#mine").inner_text()
    assert "楼栋长群" in mine and "工作群4个" in mine
    assert "违规" in mine  # the breaching groups are marked at declaration
    # nothing asked her for minutes: the estimate is shown
    assert "估算每周" in mine
    assert Declaration.objects.filter(worker=grid_worker, withdrawn_on=None).count() == 5
    assert DigitalTool.objects.get(name="楼栋长群").status == "in_use"
    # the page fits the phone: no horizontal scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
