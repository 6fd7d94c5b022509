"""The REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Department systems authenticate with a bearer token (`jianfu api-token`); browsers with their
session. Every endpoint goes through the same `restrict(user, action)` scoping as the pages.
"""

from ninja import NinjaAPI
from ninja.security import django_auth

from jianfu.accounts.auth import TokenAuth
from jianfu.core.permissions import OutOfScope

api = NinjaAPI(
    title="jianfu API",
    version="1",
    description="减负 jianfu — registry, ledger import, one-form filling, work access, burden ledger, certificates.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)

for prefix, module in [
    ("/accounts/", "jianfu.accounts.api.router"),
    ("/orgs/", "jianfu.orgs.api.router"),
    ("/registry/", "jianfu.registry.api.router"),
    ("/ledgers/", "jianfu.ledgers.api.router"),
    ("/fills/", "jianfu.fills.api.router"),
    ("/catalog/", "jianfu.catalog.api.router"),
    ("/workdays/", "jianfu.workdays.api.router"),
    ("/gate/", "jianfu.gate.api.router"),
    ("/burden/", "jianfu.burden.api.router"),
    ("/certificates/", "jianfu.certificates.api.router"),
    ("/sharing/", "jianfu.sharing.api.router"),
    ("/inspections/", "jianfu.inspections.api.router"),
    ("/activities/", "jianfu.activities.api.router"),
    ("/audit/", "jianfu.core.api.router"),
    ("/casework/", "jianfu.casework.api.router"),
    ("/feedback/", "jianfu.feedback.api.router"),
    ("/meetings/", "jianfu.meetings.api.router"),
    ("/campaigns/", "jianfu.campaigns.api.router"),
    ("/digital/", "jianfu.digital.api.router"),
    ("/scorecard/", "jianfu.scorecard.api.router"),
]:
    api.add_router(prefix, module)


@api.exception_handler(OutOfScope)
def out_of_scope(request, exc):
    """Not for this caller: the same 404 as an id that does not exist (jianfu.core.permissions)."""
    return api.create_response(request, {"detail": "Not Found"}, status=404)
