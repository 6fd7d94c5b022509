"""Who may see and do what with requests (the rules of this app in one place).

- Community staff (grid worker, community worker, head) see and handle their community's requests.
- The street 减负办/office sees its street's requests and supervises (督办) them.
- The district office and administrator see the whole district, dispatch the ones nobody else can
  (职责不清 → district fallback) and supervise.
- A department sees only the requests whistled to it, and the reporter's contact only when it
  must act (after signing, revealed and audited).
- A resident sees only what they reported.
Grid workers are never measured: nothing here ranks or tracks them.
"""

from typing import Any, Literal

from django.db.models import Q

from jianfu.accounts.choices import COMMUNITY_STAFF, Role
from jianfu.accounts.scope import Action, communities_for, reachable_communities

Op = Literal[
    "dispatch",  # 派单 to the community / whistle a department
    "handle",  # start, reply (the community or the lead department)
    "report_in",  # a department signs, contacts, reports on site, returns
    "verify",  # grid worker / community staff verifies on site
    "visit",  # 回访
    "rate_whistle",  # the community rates the department
    "supervise",  # 督办
    "merge",
    "reopen",
    "reveal",
]


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def request_scope_q(user: Any, action: Action) -> Q:
    from jianfu.casework.models import Whistle

    none = Q(pk__in=[])
    if not _active(user):
        return none
    if user.is_superuser:
        return Q()
    role = user.role
    if role == Role.RESIDENT:
        return Q(reporter_id=user.pk) if action == "view" else none
    if role == Role.DEPARTMENT:
        if not user.department_id or action not in ("view", "change", "export"):
            return none
        return Q(pk__in=Whistle.objects.filter(department_id=user.department_id).values("request_id")) | Q(
            lead_department_id=user.department_id
        )
    if role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN):
        return Q(district_id=user.district_id) if user.district_id else none
    if role == Role.STREET_OFFICE:
        action = "view" if action in ("change", "export") else action
    return Q(community__in=communities_for(user, action).values("pk"))


def may(user: Any, request: Any, op: Op) -> bool:
    """Whether the user may perform `op` on this (already visible) request."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    role = user.role
    staff_here = role in COMMUNITY_STAFF and request.community_id == user.community_id
    district_here = (
        role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN) and request.district_id == user.district_id
    )
    if op in ("dispatch", "merge"):
        return staff_here or district_here
    if op in ("handle", "visit", "reopen"):
        if role == Role.DEPARTMENT:
            return op == "handle" and request.lead_department_id == user.department_id
        return staff_here or (district_here and op != "visit")
    if op == "report_in":
        return role == Role.DEPARTMENT
    if op in ("verify", "rate_whistle"):
        return staff_here
    if op == "supervise":
        street_here = (
            role == Role.STREET_OFFICE
            and request.community_id is not None
            and reachable_communities(user).filter(pk=request.community_id).exists()
        )
        return street_here or district_here
    if op == "reveal":
        if role == Role.DEPARTMENT:
            return request.whistles.filter(department_id=user.department_id, signed_at__isnull=False).exists()
        return staff_here or district_here
    return False


def may_import_hotline(user: Any) -> bool:
    """The district's hotline desk (district office or administrator) imports the 12345 export of its district."""
    if not _active(user):
        return False
    return bool(
        (user.is_superuser and user.district_id)
        or (user.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN) and user.district_id)
    )


def require_import_hotline(user: Any) -> None:
    from jianfu.core.permissions import OutOfScope

    if not may_import_hotline(user):
        raise OutOfScope
