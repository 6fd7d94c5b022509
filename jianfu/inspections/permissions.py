"""Who may do what with inspections (one place; the views, API and services ask here).

- a department registers and cancels its own visits, justifies materials, records findings;
- the 减负办 (street or district office) decides visits outside the plan or over a cap, merges,
  reviews emergencies, accepts or refuses justifications, sets the caps;
- community staff see and rate the visits to their community and build its evidence package;
- an inspector is an account of the dedicated role `Role.INSPECTOR` holding a grant on one visit:
  read-only, limited to its communities, items and window, until the grant expires (outside it:
  404 — `Inspection.objects.restrict` does not return it, and the role reaches no community of its
  own, so the registry and every community page stay closed to it);
- the system actor (commands, jobs, demo seeding) may do everything, and is named in the audit log.

`may_<verb>` answers for links and buttons; `require_<verb>` raises `OutOfScope` (a 404).
"""

from typing import Any

from django.db.models import Q

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action, communities_for
from jianfu.core import compiled
from jianfu.core.permissions import OutOfScope, is_system, require_actor


def _active(actor: Any) -> bool:
    require_actor(actor)
    return bool(getattr(actor, "is_authenticated", False) and actor.is_active)


def is_inspector_account(actor: Any) -> bool:
    return _active(actor) and actor.role == Role.INSPECTOR


def inspection_scope_q(actor: Any, action: Action) -> Q:
    """A department sees the visits it leads or takes part in; others the visits to communities they reach;
    an inspector (read-only) the visits of an active grant."""
    from jianfu.inspections.models import Inspection, InspectionTarget, InspectorGrant

    if is_system(actor):
        return Q()
    if not _active(actor):
        return Q(pk__in=[])
    if actor.is_superuser:
        return Q()
    granted = Q(pk__in=InspectorGrant.active().filter(user=actor).values("inspection_id"))
    if action != "view":
        granted = Q(pk__in=[])
    if actor.role == Role.INSPECTOR:
        return granted
    if actor.is_department:
        if not actor.department_id:
            return granted
        joint = Inspection.objects.filter(members__department_id=actor.department_id).values("pk")
        return granted | Q(department_id=actor.department_id) | Q(pk__in=joint)
    targets = InspectionTarget.objects.filter(community__in=communities_for(actor, action).values("pk"))
    return granted | Q(pk__in=targets.values("inspection_id"))


def plan_scope_q(actor: Any, action: Action) -> Q:
    from jianfu.inspections.models import Inspection

    return Q(pk__in=Inspection.objects.restrict(actor, action).values("plan_id"))


def is_office(actor: Any) -> bool:
    if is_system(actor):
        return True
    return _active(actor) and (
        actor.is_superuser or actor.is_burden_office or actor.role == Role.DISTRICT_ADMIN
    )


def may_register(actor: Any, department: Any) -> bool:
    if is_system(actor):
        return True
    if not _active(actor):
        return False
    return bool(
        actor.is_superuser or (actor.is_department and actor.department_id == getattr(department, "pk", None))
    )


def require_register(actor: Any, department: Any) -> None:
    if not may_register(actor, department):
        raise OutOfScope("only the department's own accounts register its inspections")


def require_department_account(actor: Any) -> Any:
    """The actor's department (API registration); OutOfScope for anyone else."""
    if not _active(actor) or not actor.is_department or not actor.department_id:
        raise OutOfScope("only department accounts register inspections")
    return actor.department


def is_lead_department(actor: Any, inspection: Any) -> bool:
    if is_system(actor):
        return True
    if not _active(actor):
        return False
    if actor.is_superuser:
        return True
    if not actor.is_department or not actor.department_id:
        return False
    if actor.department_id == inspection.department_id:
        return True
    return inspection.members.filter(department_id=actor.department_id).exists()


def may_decide(actor: Any, inspection: Any) -> bool:
    from jianfu.inspections.models import Inspection

    if is_system(actor):
        return True
    return is_office(actor) and Inspection.objects.restrict(actor, "view").filter(pk=inspection.pk).exists()


def require_decide(actor: Any, inspection: Any) -> None:
    if not may_decide(actor, inspection):
        raise OutOfScope


def may_run(actor: Any, inspection: Any) -> bool:
    """Cancel, announce, complete, grant inspectors: the lead department or the 减负办."""
    return is_lead_department(actor, inspection) or may_decide(actor, inspection)


def require_run(actor: Any, inspection: Any) -> None:
    if not may_run(actor, inspection):
        raise OutOfScope


def require_justify(actor: Any, inspection: Any) -> None:
    if not is_lead_department(actor, inspection):
        raise OutOfScope


def is_inspector(actor: Any, inspection: Any) -> bool:
    from jianfu.inspections.models import InspectorGrant

    return _active(actor) and InspectorGrant.active().filter(user=actor, inspection=inspection).exists()


def may_record_finding(actor: Any, inspection: Any) -> bool:
    return is_lead_department(actor, inspection) or is_inspector(actor, inspection)


def require_record_finding(actor: Any, inspection: Any) -> None:
    if not may_record_finding(actor, inspection):
        raise OutOfScope


def may_rate(actor: Any, community: Any) -> bool:
    return (
        _active(actor)
        and actor.role in (Role.COMMUNITY_HEAD, Role.COMMUNITY_WORKER)
        and actor.community_id == getattr(community, "pk", None)
    )


def require_rate(actor: Any, community: Any) -> None:
    if community is None or not may_rate(actor, community):
        raise OutOfScope


def may_export_community(actor: Any, community: Any) -> bool:
    """Community staff and administrators export their community's package (action "export")."""
    if is_system(actor):
        return True
    if not _active(actor):
        return False
    if actor.role in (Role.DEPARTMENT, Role.INSPECTOR):
        return False  # a department or an inspector gets a package only through a visit
    return communities_for(actor, "export").filter(pk=community.pk).exists()


def may_build_for_inspection(actor: Any, inspection: Any, community: Any) -> bool:
    """The package of a visit: the community itself, the 减负办, the lead department, or its inspector."""
    if not inspection.targets.filter(community=community).exists():
        return False
    if may_export_community(actor, community) or may_decide(actor, inspection):
        return True
    return is_lead_department(actor, inspection) or is_inspector(actor, inspection)


def require_build_for_inspection(actor: Any, inspection: Any, community: Any) -> None:
    if not may_build_for_inspection(actor, inspection, community):
        raise OutOfScope


def require_export_community(actor: Any, community: Any) -> None:
    if not may_export_community(actor, community):
        raise OutOfScope


def only_inspector(actor: Any, inspection: Any, community: Any) -> bool:
    """Access through a grant alone: the package is then limited to the visit's year up to its window."""
    return (
        is_inspector(actor, inspection)
        and not may_export_community(actor, community)
        and not may_decide(actor, inspection)
        and not is_lead_department(actor, inspection)
    )


def may_set_rules(actor: Any, district: Any) -> bool:
    if is_system(actor):
        return True
    return _active(actor) and bool(
        actor.is_superuser
        or (actor.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN) and actor.district_id == district.pk)
    )


def require_set_rules(actor: Any, district: Any) -> None:
    if not may_set_rules(actor, district):
        raise OutOfScope


def require_dashboard(actor: Any) -> None:
    """The per-community dashboard: the communities' own staff, the 减负办 and administrators (not
    departments, not inspectors: they see visits, not the communities' year)."""
    if is_system(actor):
        return
    if not _active(actor) or actor.is_department or actor.role == Role.INSPECTOR:
        raise OutOfScope
    if not _sees_a_community(actor):
        raise OutOfScope


def _communities_viewed(actor: Any) -> Any:
    return communities_for(actor, "view")


def _sees_a_community(actor: Any) -> bool:
    """Whether the actor sees any community (a count compiled once per actor, jianfu.core.compiled)."""
    return compiled.count(actor, ("inspections.communities_viewed",), _communities_viewed) > 0
