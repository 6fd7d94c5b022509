"""Browser tests: real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Use the `page` fixture with `live_server.url`, and `login(page, live_server, user)` to sign in.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("JIANFU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm; chromium then crashes
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (installs Debian chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# How long a browser step may wait for the server. Generous on purpose: CI runs the live server,
# Chromium and the test on 2 shared cores, where an import page can take tens of seconds under load;
# a real failure still fails, only later.
STEP_TIMEOUT_MS = 45_000


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    yield page
    context.close()


# htmx marks the element that sent a request (or its hx-indicator) with this class until the response is
# swapped in; Playwright's "networkidle" load state does not wait for such requests once the page has loaded.
HTMX_BUSY = "() => !document.querySelector('.htmx-request')"


def settle(page) -> None:
    """Wait for the page after a click: its navigation, if the click started one, and every htmx request
    the click sent, swapped in. Without the second wait an assertion can read the page before the swap."""
    from playwright.sync_api import Error

    page.wait_for_load_state("networkidle")
    for _attempt in range(3):
        try:
            page.wait_for_function(HTMX_BUSY)
            return
        except Error as error:  # a navigation replaced the document while we looked: look again
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
            page.wait_for_load_state("networkidle")
    page.wait_for_function(HTMX_BUSY)


def login(page, live_server, user, password: str | None = None) -> None:
    from jianfu.core.testing.factories import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password or PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def nav_click(page, label: str) -> None:
    """Follow a main-navigation link, opening the phone menu and the link's group when needed."""
    toggle = page.locator("label.nav-toggle-label")
    if not page.locator("nav.mainnav").is_visible() and toggle.is_visible():
        toggle.click()
    link = page.locator("nav.mainnav a", has_text=label).first
    if not link.is_visible():
        page.locator("nav.mainnav details.navgroup", has=page.locator("a", has_text=label)).locator(
            "summary"
        ).click()
    link.click()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("moderate", "serious", "critical")


def axe_violations(page) -> list[dict]:
    """Run axe-core (npm package `axe-core`, installed by `make assets`) on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make assets` (npm ci installs axe-core from package-lock.json)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => n.target.join(" ")),
            }));
        }"""
    )
