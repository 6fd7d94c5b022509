"""How to fill the path parameters of every URL pattern and API route with a real object.

The matrix (test_matrix.py) and the crawl (test_crawl.py) walk every pattern of
`django.urls.get_resolver()` and every path of the API's OpenAPI document. A pattern or route with
path parameters must have an entry here — a function of a `World` (tests/matrix/world.py) giving
the parameters — or the matrix fails and names it: a new page cannot silently go untested.

Kinds (what the matrix expects from someone the object does not belong to):
- SCOPED: the object belongs to a unit; an outsider gets 404, an anonymous visitor the sign-in
  page (pages) or 401 (API). The default.
- SHARED: reference data the same for everyone allowed to use the feature (the data dictionary,
  the catalog, the calendar, sources). No 404 expected; still never 500 and no unit's data.
- PUBLIC: meant for anyone (no sign-in); must not carry any unit's residents' identifying data.
- DISTRICT: a community's record that the departments of its district may read (the community's
  counts, its activities): it carries no resident's data; community staff of another community,
  residents and offices of another street still get 404.
- CAPABILITY: an unguessable token is the permission (a certificate's verification code, a
  resident's follow-up link, an inspector's expiring evidence link, an activity's sign-up page);
  whoever holds it sees what it opens, never a full ID number or phone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SCOPED, SHARED, PUBLIC, CAPABILITY, DISTRICT = "scoped", "shared", "public", "capability", "district"


@dataclass(frozen=True)
class Entry:
    params: Callable[[Any], dict[str, Any]]
    kind: str = SCOPED


def _e(_kind: str = SCOPED, /, **params: Callable[[Any], Any]) -> Entry:
    return Entry(params=lambda w: {k: fn(w) for k, fn in params.items()}, kind=_kind)


def pk(key: str) -> Callable[[Any], Any]:
    return lambda w: w[key].pk


def pid(w: Any) -> str:
    return w["person"].pid


def community_code(w: Any) -> str:
    return w.community.code


def district_code(w: Any) -> str:
    return w.district.code


# An item every district's catalog holds (a certificate a community may issue).
ITEM_KIND, ITEM_CODE = "certificate_may_issue", "CM01"

# Pages that answer anonymous visitors by design, without parameters.
PUBLIC_PAGES = {
    "core:home",
    "core:healthz",
    "set_language",
    "accounts:login",
    "accounts:logout",
    "catalog:public_lists",
    "certificates:ask",
    "certificates:verify_lookup",
    "casework:report",
    "open311:root",
    "open311:discovery",
    "open311:services",
    "open311:requests",
    "open311:updates",
}

PAGES: dict[str, Entry] = {
    "accounts:token_revoke": _e(pk=pk("api_token")),
    "orgs:community_detail": _e(DISTRICT, code=community_code),
    "registry:person_detail": _e(pid=pid),
    "registry:person_edit": _e(pid=pid),
    "registry:person_reveal": _e(pid=pid),
    "registry:person_resolve": _e(pid=pid),
    "registry:person_settle": _e(pid=pid, fact_id=pk("fact")),
    "registry:attribute_synonyms": _e(SHARED, code=lambda w: w["attribute"].code),
    "registry:source_priority": _e(SHARED, pk=pk("source")),
    "registry:source_rules": _e(SHARED, pk=pk("source")),
    "registry:source_settings": _e(SHARED, pk=pk("source")),
    "registry:household_detail": _e(pk=pk("household")),
    "registry:place_detail": _e(pk=pk("place")),
    "registry:sensitive_access_revoke": _e(pk=pk("sensitive_grant")),
    "ledgers:import_detail": _e(pk=pk("ledger_import")),
    "ledgers:import_confirm": _e(pk=pk("ledger_import")),
    "ledgers:import_progress": _e(pk=pk("ledger_import")),
    "ledgers:import_retry": _e(pk=pk("ledger_import")),
    "ledgers:import_outcome_xlsx": _e(pk=pk("ledger_import")),
    "ledgers:review_decide": _e(pk=pk("review_item")),
    **{
        f"fills:{name}": _e(pk=pk("fill"))
        for name in ("fill_detail", "fill_run", "fill_redo", "fill_count", "fill_progress", "fill_missing")
    },
    "fills:fill_download": _e(pk=pk("fill")),
    "catalog:item_history": _e(PUBLIC, list_kind=lambda w: ITEM_KIND, code=lambda w: ITEM_CODE),
    # The district's lists are public; their editors are the district's and its streets' 减负办.
    "catalog:manage": _e(SHARED, district_code=district_code),
    "catalog:item_new": _e(SHARED, district_code=district_code),
    "catalog:item_override": _e(
        SHARED, district_code=district_code, list_kind=lambda w: ITEM_KIND, code=lambda w: ITEM_CODE
    ),
    "catalog:item_remove": _e(
        SHARED, district_code=district_code, list_kind=lambda w: ITEM_KIND, code=lambda w: ITEM_CODE
    ),
    "workdays:year": _e(SHARED, year=lambda w: __import__("datetime").date.today().year),
    **{
        f"gate:{name}": _e(pk=pk("task"))
        for name in (
            "task_detail",
            "task_decide",
            "task_withdraw",
            "task_refuse",
            "task_comment",
            "task_rate",
        )
    },
    "burden:entry_detail": _e(pk=pk("burden_entry")),
    "burden:alert_detail": _e(pk=pk("alert")),
    "certificates:issue": _e(SHARED, code=lambda w: ITEM_CODE),
    "certificates:template_edit": _e(SHARED, code=lambda w: ITEM_CODE),
    "certificates:detail": _e(pk=pk("certificate")),
    "certificates:pdf": _e(pk=pk("certificate")),
    "certificates:revoke": _e(pk=pk("certificate")),
    "certificates:verify": _e(CAPABILITY, token=lambda w: w["certificate"].token),
    "sharing:request_detail": _e(pk=pk("data_request")),
    "sharing:request_approve": _e(pk=pk("data_request")),
    "sharing:request_reject": _e(pk=pk("data_request")),
    "sharing:request_file": _e(pk=pk("data_request")),
    "sharing:agreement_detail": _e(pk=pk("agreement")),
    "sharing:agreement_revoke": _e(pk=pk("agreement")),
    "casework:follow": _e(CAPABILITY, token=lambda w: w["service_request"].token),
    "casework:detail": _e(pk=pk("service_request")),
    "casework:photo": _e(pk=pk("service_request")),
    "casework:reveal": _e(pk=pk("service_request")),
    "casework:act": _e(pk=pk("service_request"), action=lambda w: "start"),
    "notify:retry": _e(pk=pk("delivery")),
    "open311:discovery": _e(PUBLIC, fmt=lambda w: "json"),
    "open311:services": _e(PUBLIC, fmt=lambda w: "json"),
    "open311:service": _e(PUBLIC, code=lambda w: "street-lamp", fmt=lambda w: "json"),
    "open311:requests": _e(PUBLIC, fmt=lambda w: "json"),
    "open311:request": _e(PUBLIC, pk=lambda w: str(w["service_request"].pk), fmt=lambda w: "json"),
    "open311:token": _e(PUBLIC, token=lambda w: w["service_request"].token, fmt=lambda w: "json"),
    "open311:updates": _e(PUBLIC, fmt=lambda w: "json"),
    "inspections:evidence_link": _e(CAPABILITY, token=lambda w: w["evidence_token"]),
    **{
        f"inspections:{name}": _e(pk=pk("inspection"))
        for name in (
            "detail",
            "decide",
            "review",
            "cancel",
            "announce",
            "complete",
            "finding",
            "rate",
            "grant",
        )
    },
    "inspections:rebound_acknowledge": _e(pk=pk("rebound_alert")),
    "inspections:material_justify": _e(pk=pk("inspection"), material=pk("material")),
    "inspections:material_decide": _e(pk=pk("inspection"), material=pk("material")),
    "inspections:evidence": _e(pk=pk("inspection"), code=community_code),
    "inspections:evidence_link_create": _e(pk=pk("inspection"), code=community_code),
    "activities:detail": _e(DISTRICT, pk=pk("activity")),
    "activities:edit": _e(pk=pk("activity")),
    "activities:status": _e(pk=pk("activity")),
    "activities:signup_add": _e(pk=pk("activity")),
    "activities:attendance": _e(pk=pk("activity"), signup=pk("signup")),
    "activities:document": _e(pk=pk("activity"), kind=lambda w: "signups"),
    "activities:summary_docx": _e(DISTRICT, pk=pk("activity")),  # counts and text, like the detail page
    # The format is not an object: each actor gets the scorecard of their own unit.
    "scorecard:export": _e(SHARED, fmt=lambda w: "xlsx"),
    "activities:public": _e(CAPABILITY, token=lambda w: w["activity"].token),
    "activities:public_qr": _e(CAPABILITY, token=lambda w: w["activity"].token),
    "feedback:department_detail": _e(pk=lambda w: w.department.pk),
    "campaigns:register": _e(SHARED, what=lambda w: "campaign"),  # the form to register one
    "campaigns:act": _e(what=lambda w: "campaign", pk=pk("campaign")),
    "digital:tool": _e(pk=pk("digital_tool")),
    "digital:tool_answer": _e(pk=pk("digital_tool")),
    "digital:tool_plan": _e(pk=pk("digital_tool")),
    "digital:tool_revise": _e(pk=pk("digital_tool")),
    "digital:plan_progress": _e(pk=pk("plan_item")),
    "meetings:notice_detail": _e(pk=pk("notice")),
    "meetings:notice_withdraw": _e(pk=pk("notice")),
    "meetings:alert_detail": _e(pk=pk("alert")),
    "feedback:import_problems": _e(pk=pk("ledger_import")),
    "feedback:import_problems_xlsx": _e(pk=pk("ledger_import")),
}

# API routes that answer without a token or session by design.
PUBLIC_API = {
    "GET /api/v1/catalog/lists",
    "GET /api/v1/catalog/history/{list_kind}/{code}",
    "GET /api/v1/catalog/match",
    "GET /api/v1/certificates/verify/{token}",
}

API: dict[str, Entry] = {
    "POST /api/v1/accounts/tokens/{token_id}/revoke": _e(token_id=pk("api_token")),
    "GET /api/v1/registry/people/{pid}": _e(pid=pid),
    "POST /api/v1/registry/people/{pid}/facts/{fact_id}/settle": _e(pid=pid, fact_id=pk("fact")),
    "POST /api/v1/registry/people/{pid}/reveal": _e(pid=pid),
    "PUT /api/v1/registry/sources/{source_id}/rules": _e(SHARED, source_id=pk("source")),
    "PATCH /api/v1/registry/sources/{source_id}": _e(SHARED, source_id=pk("source")),
    "POST /api/v1/registry/sensitive-access/{grant_id}/revoke": _e(grant_id=pk("sensitive_grant")),
    "GET /api/v1/ledgers/imports/{import_id}": _e(import_id=pk("ledger_import")),
    "POST /api/v1/ledgers/imports/{import_id}/retry": _e(import_id=pk("ledger_import")),
    "POST /api/v1/ledgers/imports/{import_id}/confirm": _e(import_id=pk("ledger_import")),
    "GET /api/v1/ledgers/imports/{import_id}/rows": _e(import_id=pk("ledger_import")),
    "POST /api/v1/ledgers/reviews/{item_id}/decision": _e(item_id=pk("review_item")),
    "GET /api/v1/fills/{fill_id}": _e(fill_id=pk("fill")),
    "POST /api/v1/fills/{fill_id}/retry": _e(fill_id=pk("fill")),
    "GET /api/v1/fills/{fill_id}/download": _e(fill_id=pk("fill")),
    "GET /api/v1/catalog/history/{list_kind}/{code}": _e(
        PUBLIC, list_kind=lambda w: ITEM_KIND, code=lambda w: ITEM_CODE
    ),
    "GET /api/v1/workdays/status/{year}": _e(SHARED, year=lambda w: __import__("datetime").date.today().year),
    **{
        f"{route}": _e(task_id=pk("task"))
        for route in (
            "GET /api/v1/gate/tasks/{task_id}",
            "POST /api/v1/gate/tasks/{task_id}/decide",
            "POST /api/v1/gate/tasks/{task_id}/refuse",
            "POST /api/v1/gate/tasks/{task_id}/comments",
            "POST /api/v1/gate/tasks/{task_id}/rate",
        )
    },
    "POST /api/v1/burden/alerts/{alert_id}/acknowledge": _e(alert_id=pk("alert")),
    "GET /api/v1/certificates/verify/{token}": _e(CAPABILITY, token=lambda w: w["certificate"].token),
    "POST /api/v1/certificates/{pk}/revoke": _e(pk=pk("certificate")),
    "GET /api/v1/sharing/agreements/{agreement_id}": _e(agreement_id=pk("agreement")),
    "POST /api/v1/sharing/agreements/{agreement_id}/revoke": _e(agreement_id=pk("agreement")),
    "GET /api/v1/sharing/requests/{request_id}": _e(request_id=pk("data_request")),
    "POST /api/v1/sharing/requests/{request_id}/approve": _e(request_id=pk("data_request")),
    "POST /api/v1/sharing/requests/{request_id}/reject": _e(request_id=pk("data_request")),
    "GET /api/v1/sharing/requests/{request_id}/file": _e(request_id=pk("data_request")),
    "GET /api/v1/inspections/{pk}": _e(pk=pk("inspection")),
    "POST /api/v1/inspections/rebounds/{pk}/acknowledge": _e(pk=pk("rebound_alert")),
    "POST /api/v1/inspections/{pk}/decide": _e(pk=pk("inspection")),
    "POST /api/v1/inspections/{pk}/findings": _e(pk=pk("inspection")),
    "GET /api/v1/inspections/{pk}/evidence/{code}.zip": _e(pk=pk("inspection"), code=community_code),
    "GET /api/v1/activities/{pk}": _e(DISTRICT, pk=pk("activity")),
    "GET /api/v1/casework/requests/{pk}": _e(pk=pk("service_request")),
    "POST /api/v1/casework/requests/{pk}/{step}": _e(pk=pk("service_request"), step=lambda w: "start"),
    "POST /api/v1/casework/whistles/{pk}/{step}": _e(pk=pk("whistle"), step=lambda w: "sign"),
    "GET /api/v1/feedback/imports/{import_id}/problems": _e(import_id=pk("ledger_import")),
    "GET /api/v1/feedback/departments/{department_id}": _e(department_id=lambda w: w.department.pk),
    "POST /api/v1/campaigns/campaigns/{campaign_id}/decide": _e(campaign_id=pk("campaign")),
    "GET /api/v1/digital/tools/{pk}": _e(pk=pk("digital_tool")),
    "POST /api/v1/digital/tools/{pk}/answer": _e(pk=pk("digital_tool")),
    "POST /api/v1/digital/tools/{pk}/plan": _e(pk=pk("digital_tool")),
    "POST /api/v1/digital/declarations/{pk}/withdraw": _e(pk=pk("declaration")),
    "POST /api/v1/digital/plan/{pk}/progress": _e(pk=pk("plan_item")),
    # the Standard Cost Model's unit times hold for the installation (district 减负办 sets them)
    "PUT /api/v1/digital/unit-times/{kind}": _e(SHARED, kind=lambda w: "read"),
    "GET /api/v1/meetings/notices/{notice_id}": _e(notice_id=pk("notice")),
    "POST /api/v1/meetings/notices/{notice_id}/withdraw": _e(notice_id=pk("notice")),
    "GET /api/v1/meetings/alerts/{alert_id}": _e(alert_id=pk("alert")),
    "POST /api/v1/meetings/alerts/{alert_id}/explain": _e(alert_id=pk("alert")),
    "POST /api/v1/meetings/alerts/{alert_id}/review": _e(alert_id=pk("alert")),
}
