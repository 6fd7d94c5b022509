"""Who sees and does what in the digital register. Every refusal is `OutOfScope` (404).

- community staff: the tools used in (linked to) their community; they declare and add tools there;
- a department: the tools it owns; it registers new ones (through the gate) and answers for them;
- the 减负办 (street / district) and district administrators: the tools of the communities they
  reach (the district office also the district's unlinked tools); they decide the consolidation plan.
"""

from typing import Any

from django.db.models import Q

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action
from jianfu.core.permissions import OutOfScope, department_or_targets_q, is_active_user, is_system

# A department answers for its own tools wherever they are used; it does not review or audit them.
DEPARTMENT_TOOL_ACTIONS = frozenset({"view", "change", "export"})


def tool_scope_q(actor: Any, action: Action) -> Q:
    """A department its own tools; everyone else the tools used in the communities they reach; the
    district 减负办 and administrators also see the district's tools not linked to any community."""
    from jianfu.digital.models import DigitalTool

    q = department_or_targets_q(
        actor,
        action,
        DigitalTool.communities.through,
        "digitaltool_id",
        department_field="owner_department_id",
        department_actions=DEPARTMENT_TOOL_ACTIONS,
    )
    if _sees_unlinked_tools(actor, action):
        q |= Q(district_id=actor.district_id)
    return q


def _sees_unlinked_tools(actor: Any, action: Action) -> bool:
    return bool(
        action == "view"
        and is_active_user(actor)
        and not actor.is_superuser
        and actor.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN)
        and actor.district_id
    )


def is_office(actor: Any) -> bool:
    if is_system(actor):
        return True
    return bool(
        is_active_user(actor)
        and (actor.is_superuser or actor.is_burden_office or actor.role == Role.DISTRICT_ADMIN)
    )


def may_set_unit_times(actor: Any) -> bool:
    """The Standard Cost Model's unit times hold for the whole installation: the district 减负办 and
    district administrators set them (not a street office)."""
    if is_system(actor):
        return True
    return bool(
        is_active_user(actor)
        and (actor.is_superuser or actor.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN))
    )


def may_declare(actor: Any) -> bool:
    return bool(is_active_user(actor) and actor.is_community_staff and actor.community_id)


def require_declarer(actor: Any) -> None:
    if not may_declare(actor):
        raise OutOfScope("only community staff declare the tools they use")


def require_view(actor: Any, tool: Any) -> None:
    from jianfu.digital.models import DigitalTool

    if not DigitalTool.objects.restrict(actor, "view").filter(pk=tool.pk).exists():
        raise OutOfScope


def may_answer(actor: Any, tool: Any) -> bool:
    """The owner department answers for its tool (the system actor too, for commands)."""
    if is_system(actor):
        return True
    return bool(
        is_active_user(actor)
        and (actor.is_superuser or (actor.is_department and actor.department_id == tool.owner_department_id))
        and tool.owner_department_id
    )


def require_answer(actor: Any, tool: Any) -> None:
    if not may_answer(actor, tool):
        raise OutOfScope


def may_plan(actor: Any, tool: Any) -> bool:
    """The 减负办 who reaches the tool decides merge/close and records progress."""
    from jianfu.digital.models import DigitalTool

    if not is_office(actor):
        return False
    return DigitalTool.objects.restrict(actor, "view").filter(pk=tool.pk).exists()


def require_plan(actor: Any, tool: Any) -> None:
    if not may_plan(actor, tool):
        raise OutOfScope


def may_register(actor: Any) -> bool:
    """Departments register their tools (through the gate); community staff and offices add the
    tools already in use."""
    if is_system(actor):
        return True
    if not is_active_user(actor):
        return False
    return bool(actor.is_superuser or actor.is_department or actor.is_community_staff or is_office(actor))


def may_report(actor: Any) -> bool:
    if is_system(actor):
        return True
    return bool(is_active_user(actor) and (is_office(actor) or actor.is_community_staff))


def require_report(actor: Any) -> None:
    if not may_report(actor):
        raise OutOfScope
