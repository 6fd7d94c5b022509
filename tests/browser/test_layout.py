"""The navigation fits one line at 1366 px for every staff role and becomes a menu on a phone."""

import pytest

from jianfu.core.testing import factories as f
from tests.browser.conftest import login, nav_click

ROLES = (
    "community_worker",
    "community_head",
    "street_office",
    "district_office",
    "department",
    "district_admin",
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_navigation_fits_one_line_at_1366_and_is_a_menu_on_a_phone(live_server, browser):
    org = f.org_tree()
    units = {
        "community_worker": {"community": org["community"]},
        "community_head": {"community": org["community"]},
        "street_office": {"street": org["street"]},
        "district_office": {"district": org["district"]},
        "department": {"department": org["department"]},
        "district_admin": {"district": org["district"]},
    }
    desktop = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
    desktop.set_default_timeout(45_000)
    for role in ROLES:
        user = f.user(f"u-{role}", role, **units[role])
        desktop.context.clear_cookies()
        login(desktop, live_server, user)
        nav = desktop.locator("nav.mainnav").bounding_box()
        link = desktop.locator("nav.mainnav > a, nav.mainnav > details > summary").first.bounding_box()
        assert nav and link and nav["height"] <= link["height"] * 1.5, f"{role}: navigation wraps"
        header = desktop.locator("header.topbar").bounding_box()
        assert header and header["height"] < 80, f"{role}: header takes {header and header['height']} px"
    nav_click(desktop, "负担台账")
    desktop.wait_for_url("**/burden/")
    desktop.context.close()

    phone = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()
    phone.set_default_timeout(45_000)
    login(phone, live_server, f.user("phone-worker", "community_worker", community=org["community"]))
    assert not phone.locator("nav.mainnav").is_visible()
    phone.click("label.nav-toggle-label")
    assert phone.locator("nav.mainnav").is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the home page scrolls sideways on a phone ({width} px)"
    phone.context.close()
