"""Accessibility: axe-core on every role's main pages (home, lists, a detail, a form) at 1366×900 and
on a 390×844 phone. No moderate, serious or critical violation is allowed; minor ones left are printed
per rule with their first nodes, so they can be worked down (run with `-s` to see them)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.browser import world
from tests.browser.conftest import BLOCKING_IMPACTS, STEP_TIMEOUT_MS, axe_violations, login
from tests.browser.test_journeys import VIEWPORTS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_moderate_serious_or_critical_violations_on_any_roles_main_pages(live_server, browser, viewport):
    w = world.build()
    blocking: list[str] = []
    remaining: Counter[str] = Counter()
    examples: dict[str, str] = {}
    checked = 0
    for role, paths in w.pages.items():
        context = browser.new_context(locale="zh-CN", **VIEWPORTS[viewport])
        page = context.new_page()
        page.set_default_timeout(STEP_TIMEOUT_MS)
        if role != "visitor":
            login(page, live_server, w.users[role])
            assert "/accounts/login" not in page.url, f"{role} could not sign in"
        for path in paths:
            response = page.goto(f"{live_server.url}{path}", wait_until="networkidle")
            assert response is not None and response.status == 200, (
                f"{role} {path}: {response and response.status}"
            )
            checked += 1
            for violation in axe_violations(page):
                where = f"{viewport} {role} {path}"
                if violation["impact"] in BLOCKING_IMPACTS:
                    nodes = "; ".join(violation["nodes"][:3])
                    blocking.append(
                        f"{where}: {violation['impact']} {violation['id']} ({violation['help']}): {nodes}"
                    )
                else:
                    rule = f"{violation['impact']} {violation['id']}"
                    remaining[rule] += len(violation["nodes"])
                    examples.setdefault(rule, f"{where}: {'; '.join(violation['nodes'][:3])}")
        context.close()
    print(f"\naxe, {viewport}: {checked} pages; minor left (nodes per rule): {dict(remaining)}")
    for rule, example in examples.items():
        print(f"  {rule}, first at {example}")
    assert checked >= 30
    assert not blocking, "moderate/serious/critical accessibility violations:\n" + "\n".join(blocking)
