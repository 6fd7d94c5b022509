"""In the browser: guessing a password locks the sign-in (the lock-out page says until when and who
unlocks), the district administrator unlocks it on the lock-out page, and a worker issues and
revokes an API token. Each browser sends its own address (X-Real-IP, trusted through
JIANFU_CLIENT_IP_HEADER as a reverse proxy would set it)."""

import pytest

from jianfu.accounts.models import ApiToken
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.testing import factories as f
from tests.browser.conftest import login, nav_click, settle


def sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    settle(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_guessing_locks_and_the_district_admin_unlocks(live_server, browser, settings):
    settings.JIANFU_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    org = f.org_tree()
    f.user("worker", "community_worker", community=org["community"])
    admin = f.user("qadmin", "district_admin", district=org["district"])

    guesser = browser.new_context(
        locale="zh-CN", extra_http_headers={"X-Real-IP": "198.51.100.10"}
    ).new_page()
    for i in range(4):
        sign_in(guesser, live_server, "worker", f"guess-{i}")
        assert "用户名或密码不对" in guesser.inner_text("main")
    sign_in(guesser, live_server, "worker", "guess-5")
    text = guesser.inner_text("#lockout")
    assert "登录已暂时锁定" in text and "锁定到" in text and "区管理员" in text
    sign_in(guesser, live_server, "worker", f.PASSWORD)  # the right password is refused too
    assert guesser.locator("#lockout").is_visible()
    assert AuditEvent.objects.filter(action=AuditAction.SIGNIN_FAILED).count() == 6

    office = browser.new_context(locale="zh-CN", extra_http_headers={"X-Real-IP": "198.51.100.20"}).new_page()
    login(office, live_server, admin)
    nav_click(office, "登录锁定")
    rows = office.inner_text("#lockouts")
    assert "worker" in rows and "198.51.100.10" in rows
    office.locator("#lockouts tr", has_text="worker").locator("button", has_text="解锁").click()
    settle(office)
    assert "已解锁worker" in office.inner_text("main")
    assert AuditEvent.objects.filter(action=AuditAction.UNLOCK).count() == 1

    # the account is unlocked; from a fresh address the worker signs in again
    other = browser.new_context(locale="zh-CN", extra_http_headers={"X-Real-IP": "198.51.100.30"}).new_page()
    sign_in(other, live_server, "worker", f.PASSWORD)
    assert "worker" in other.inner_text("header")
    for context in {guesser.context, office.context, other.context}:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_worker_issues_and_revokes_a_token_on_a_phone(live_server, phone_page):
    org = f.org_tree()
    worker = f.user("worker", "community_worker", community=org["community"])
    login(phone_page, live_server, worker)
    phone_page.goto(f"{live_server.url}/accounts/tokens/")
    phone_page.fill("#id_name", "社区微信小程序")
    phone_page.fill("#id_days", "30")
    phone_page.click("form >> text=签发")
    settle(phone_page)
    plain = phone_page.inner_text("#plain-token").strip()
    assert plain.startswith("jf_")
    token = ApiToken.objects.get(user=worker)
    assert token.status == "active"
    phone_page.goto(f"{live_server.url}/accounts/tokens/")
    assert plain not in phone_page.content()  # shown once
    assert f"{token.prefix}…" in phone_page.inner_text("#my-tokens")
    phone_page.locator("#my-tokens button", has_text="吊销").click()
    settle(phone_page)
    assert "已吊销" in phone_page.inner_text("#my-tokens")
    token.refresh_from_db()
    assert token.revoked_at is not None
