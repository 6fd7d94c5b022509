"""No page, export or API answer shows a full ID number or mobile number without a reason.

Signed in as each persona that belongs to world A (tests/matrix/base.py) — so that lists, details
and exports render real rows — GET every page pattern (from the same registry as the matrix) and
every API GET route. No body (HTML, JSON, CSV, xlsx cells, zip members, PDF text) may contain a
resident's full 18-digit ID number or full 11-digit mobile number, except:

- a file released under a data-sharing agreement whose full values have a recorded legal basis
  (sharing), and the audited exports of a community's own working files (a fill it made or that
  was delivered to the department, its import outcome, a sending department's problem list):
  each such response must have written its audit row (AuditEvent action "export");
- the audited reveal (a POST with a stated purpose): not a GET, so never crawled here.
"""

from __future__ import annotations

from typing import Any

from jianfu.activities.models import Signup
from jianfu.casework.models import ServiceRequest
from jianfu.core.models import AuditEvent
from jianfu.registry.models import Person
from tests.matrix.base import WorldsTestCase
from tests.matrix.walk import api_entry, api_routes, api_url, page_entry, page_patterns, page_url

# Full values allowed, when the response writes its export audit row (see the module docstring).
AUDITED_EXPORTS = {
    "sharing:request_file",
    "GET /api/v1/sharing/requests/{request_id}/file",
    "fills:fill_download",
    "GET /api/v1/fills/{fill_id}/download",
    "ledgers:import_outcome_xlsx",
    "feedback:import_problems_xlsx",
}
INSIDERS = (
    "worker",
    "street_officer",
    "district_officer",
    "dept_user",
    "dept_with_agreement",
    "admin",
)


class NoFullIdentifiersCrawl(WorldsTestCase):
    def full_values(self) -> set[str]:
        values: set[str] = {v for v in Person.objects.values_list("id_number", flat=True) if v}
        values |= {p for p in Person.objects.values_list("phone", flat=True) if len(p) == 11}
        values |= set(Signup.objects.values_list("phone", flat=True))
        values |= {p for p in ServiceRequest.objects.values_list("reporter_phone", flat=True) if p}
        assert len(values) > 20  # the worlds really hold residents
        return values

    def user(self, persona: str) -> Any:
        if persona == "dept_with_agreement":
            return self.personas[persona][0]
        return getattr(self.A, persona)

    def crawl(self, persona: str) -> tuple[list[str], int, list[str]]:
        client = self.client_for(self.user(persona))
        full = self.full_values()
        problems: list[str] = []
        seen = 0
        exported: list[str] = []  # audited exports that did carry full values (the detector works)
        targets: list[tuple[str, str]] = []
        for pattern in page_patterns():
            if pattern.name in ("accounts:logout", "set_language") or page_entry(pattern) is None:
                continue
            targets.append((pattern.name, page_url(pattern, self.A)))
        for route in api_routes():
            if route.method == "GET" and api_entry(route) is not None:
                targets.append((route.key, api_url(route, self.A)))
        for name, url in targets:
            before = AuditEvent.objects.filter(action="export").count()
            result = self.fetch(client, "GET", url)
            if result.status == 405:
                continue
            seen += 1
            if result.status >= 500:
                problems.append(f"{persona} GET {url}: server error {result.error}")
                continue
            shown = sorted(v for v in full if v in result.body)
            if not shown:
                continue
            if name in AUDITED_EXPORTS:
                exported.append(name)
                if AuditEvent.objects.filter(action="export").count() <= before:
                    problems.append(f"{persona} GET {url}: full values exported without an audit row")
                continue
            problems.append(f"{persona} GET {url} ({name}): shows full ID numbers/phones {shown[:3]}")
        return problems, seen, exported


def _make(persona: str):
    def test(self: NoFullIdentifiersCrawl) -> None:
        problems, seen, exported = self.crawl(persona)
        assert seen > 100, seen  # pages and routes really answered
        if persona == "dept_user":
            # 区卫健委's own released file holds full ID numbers under its agreement's legal basis:
            # the detector finds them in the xlsx (page and API), so a leak elsewhere would be found too.
            assert {"sharing:request_file", "GET /api/v1/sharing/requests/{request_id}/file"} <= set(exported)
        assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)

    test.__name__ = f"test_crawl_{persona}"
    return test


for _persona in INSIDERS:
    _t = _make(_persona)
    setattr(NoFullIdentifiersCrawl, _t.__name__, _t)
