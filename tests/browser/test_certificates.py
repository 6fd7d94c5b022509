"""The certificate desk as a new user meets it: five everyday requests, a residence certificate
for a registry resident, its QR link on a phone, revocation by the head, and the register."""

import re

import pytest
from django.core.cache import cache

from jianfu.certificates.tests.helpers import ensure_reference_data
from jianfu.core.testing import factories as f
from tests.browser.conftest import login, nav_click

REQUESTS = [
    ("开个单身证明", "must_not_issue", "婚姻状况证明", "婚姻登记机关"),
    ("证明我妈还健在", "must_not_issue", "健在证明", "社保经办机构"),
    ("孩子上学要居住证明", "may_issue", "居民在社区居住证明", "户口簿"),
    ("开个无犯罪证明", "must_not_issue", "无犯罪记录证明", "公安机关"),
    ("证明我家漏水是楼上造成的", "needs_review", "清单外", "法律顾问"),
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_certificate_desk_end_to_end(live_server, page, phone_page, browser):
    cache.clear()
    ensure_reference_data()
    org = f.org_tree()
    community = org["community"]
    worker = f.user("worker", "community_worker", community=community)
    head = f.user("head", "community_head", community=community)
    f.person(community, name="王秀兰", address="民意小区3栋2单元501")

    login(page, live_server, worker)
    nav_click(page, "证明窗口")
    for text, decision, item, hint in REQUESTS:
        page.fill("#q", text)
        page.press("#q", "Enter")
        page.wait_for_selector("#answer")
        answer = page.locator("#answer")
        assert answer.get_attribute("data-decision") == decision, text
        content = answer.inner_text()
        assert item in content and hint in content, (text, content)
        assert "匹配" in content  # the answer explains what it matched

    # issue a residence certificate for a registry resident
    page.fill("#q", "孩子上学要居住证明")
    page.press("#q", "Enter")
    page.fill("#who", "王秀兰")
    page.click("#answer button:has-text('查找')")
    page.click("text=为此人出具")
    page.fill("input[name=purpose]", "子女入学报名")
    page.fill("input[name=since]", "2015年3月")
    page.click("#fill")
    body = page.input_value("textarea[name=body]")
    assert (
        "王秀兰" in body and "民意小区3栋2单元501" in body and "2015年3月" in body and "子女入学报名" in body
    )
    page.click("#issue")
    page.wait_for_selector("#verify-link")
    heading = page.inner_text("h1")
    serial = re.search(r"〔\d{4}〕第\d{4}号", heading).group(0)
    verify_url = page.get_attribute("#verify-link", "href")

    # a phone opens the QR link: verified, with the name masked
    phone_page.goto(verify_url)
    result = phone_page.inner_text("#verify-result")
    assert "有效证明" in result and "王**" in result and "王秀兰" not in result and serial in result
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "the verification page fits a phone screen"

    # the head revokes it
    head_context = browser.new_context(locale="zh-CN")
    head_page = head_context.new_page()
    login(head_page, live_server, head)
    head_page.goto(page.url)
    head_page.fill("input[name=reason]", "居民已搬离")
    head_page.click("#revoke")
    assert "撤销" in head_page.inner_text("#status")

    phone_page.reload()
    assert "已撤销" in phone_page.inner_text("#verify-result")

    # the register shows it
    head_page.goto(f"{live_server.url}/certificates/register/")
    row = head_page.locator("#register tbody tr", has_text=serial)
    assert "已撤销" in row.inner_text()
    head_context.close()
