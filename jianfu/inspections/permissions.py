"""Who may do what with inspections (one place; the views, API and services ask here).

- a department registers and cancels its own visits, justifies materials, records findings;
- the 减负办 (street or district office) decides visits outside the plan or over a cap, merges,
  reviews emergencies, accepts or refuses justifications, sets the caps;
- community staff see and rate the visits to their community and build its evidence package;
- an inspector holds a grant on one visit: read-only, its communities, items and window, until it
  expires (outside it: 404 — `Inspection.objects.restrict` does not return it).
"""

from typing import Any

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import communities_for


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_office(user: Any) -> bool:
    return _active(user) and (user.is_superuser or user.is_burden_office or user.role == Role.DISTRICT_ADMIN)


def may_register(user: Any, department: Any) -> bool:
    if not _active(user):
        return False
    return bool(
        user.is_superuser or (user.is_department and user.department_id == getattr(department, "pk", None))
    )


def is_lead_department(user: Any, inspection: Any) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if not user.is_department or not user.department_id:
        return False
    if user.department_id == inspection.department_id:
        return True
    return inspection.members.filter(department_id=user.department_id).exists()


def may_decide(user: Any, inspection: Any) -> bool:
    from jianfu.inspections.models import Inspection

    return is_office(user) and Inspection.objects.restrict(user, "view").filter(pk=inspection.pk).exists()


def is_inspector(user: Any, inspection: Any) -> bool:
    from jianfu.inspections.models import InspectorGrant

    return _active(user) and InspectorGrant.active().filter(user=user, inspection=inspection).exists()


def may_record_finding(user: Any, inspection: Any) -> bool:
    return is_lead_department(user, inspection) or is_inspector(user, inspection)


def may_rate(user: Any, community: Any) -> bool:
    return (
        _active(user)
        and user.role in (Role.COMMUNITY_HEAD, Role.COMMUNITY_WORKER)
        and user.community_id == getattr(community, "pk", None)
    )


def may_export_community(user: Any, community: Any) -> bool:
    """Community staff and administrators export their community's package (action "export")."""
    if not _active(user):
        return False
    if user.role == Role.DEPARTMENT:
        return False  # a department gets a package only through a visit it runs
    return communities_for(user, "export").filter(pk=community.pk).exists()


def may_build_for_inspection(user: Any, inspection: Any, community: Any) -> bool:
    """The package of a visit: the community itself, the 减负办, the lead department, or its inspector."""
    if not inspection.targets.filter(community=community).exists():
        return False
    if may_export_community(user, community) or may_decide(user, inspection):
        return True
    return is_lead_department(user, inspection) or is_inspector(user, inspection)


def only_inspector(user: Any, inspection: Any, community: Any) -> bool:
    """Access through a grant alone: the package is then limited to the visit's year up to its window."""
    return (
        is_inspector(user, inspection)
        and not may_export_community(user, community)
        and not may_decide(user, inspection)
        and not is_lead_department(user, inspection)
    )
