"""Who sees and does what in the meetings-and-documents intake. Failures raise `OutOfScope` (404)."""

from typing import Any

from django.db.models import Q

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action
from jianfu.core.permissions import (
    OutOfScope,
    department_area_q,
    department_or_targets_q,
    is_active_user,
    is_system,
)


def _staff(actor: Any) -> bool:
    return is_active_user(actor) and actor.role != Role.RESIDENT


def notice_scope_q(actor: Any, action: Action) -> Q:
    """A department sees its own notices; everyone else the notices aimed at communities they reach."""
    from jianfu.meetings.models import NoticeTarget

    return department_or_targets_q(actor, action, NoticeTarget, "notice_id")


def form_scope_q(actor: Any, action: Action) -> Q:
    """The form catalog is read by every staff account of the district."""
    if is_system(actor):
        return Q()
    if not _staff(actor):
        return Q(pk__in=[])
    if actor.is_superuser:
        return Q()
    return Q(district_id=actor.district_id) if actor.district_id else Q(pk__in=[])


def alert_scope_q(actor: Any, action: Action) -> Q:
    """Count alerts: a department its own; the 减负办 and administrators the departments of their area."""
    return department_area_q(actor)


def may_check(actor: Any) -> bool:
    """Anyone on the staff may paste a notice and see what the rules say (nothing is written)."""
    return is_system(actor) or _staff(actor)


def require_check(actor: Any) -> None:
    if not may_check(actor):
        raise OutOfScope


def may_submit_for(actor: Any, department: Any) -> bool:
    """The organising department registers its notices; the 减负办 may register one it received."""
    if is_system(actor):
        return True
    if not is_active_user(actor):
        return False
    if actor.is_superuser:
        return True
    if actor.is_department:
        return actor.department_id == department.pk
    if actor.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN):
        return actor.district_id == department.district_id
    if actor.role == Role.STREET_OFFICE:
        return department.district_id == actor.district_id and department.street_id in (None, actor.street_id)
    return False


def may_submit(actor: Any) -> bool:
    if is_system(actor):
        return True
    if not is_active_user(actor):
        return False
    return bool(
        actor.is_superuser
        or (actor.is_department and actor.department_id)
        or actor.role in (Role.STREET_OFFICE, Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN)
    )


def require_submit(actor: Any) -> None:
    if not may_submit(actor):
        raise OutOfScope


def may_withdraw(actor: Any, notice: Any) -> bool:
    from jianfu.meetings.models import Notice

    if not (is_system(actor) or is_active_user(actor)):
        return False
    if not Notice.objects.restrict(actor, "view").filter(pk=notice.pk).exists():
        return False
    return bool(
        is_system(actor)
        or actor.is_superuser
        or (actor.is_department and actor.department_id == notice.department_id)
        or actor.is_burden_office
    )


def require_withdraw(actor: Any, notice: Any) -> None:
    if not may_withdraw(actor, notice):
        raise OutOfScope


def may_manage(actor: Any, district: Any) -> bool:
    """The district 减负办 and administrators set the caps and keep the form catalog."""
    if is_system(actor):
        return True
    if not is_active_user(actor):
        return False
    return bool(
        actor.is_superuser
        or (
            actor.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN)
            and district is not None
            and actor.district_id == district.pk
        )
    )


def require_manage(actor: Any, district: Any) -> None:
    if not may_manage(actor, district):
        raise OutOfScope


def may_explain(actor: Any, alert: Any) -> bool:
    """The department the alert is about answers for its documents (the system actor too, for commands)."""
    if is_system(actor):
        return True
    return bool(is_active_user(actor) and actor.is_department and actor.department_id == alert.department_id)


def require_explain(actor: Any, alert: Any) -> None:
    if not may_explain(actor, alert):
        raise OutOfScope


def may_review(actor: Any, alert: Any) -> bool:
    """The 减负办 (or an administrator) whose area holds the department accepts the explanation or not:
    the district office for a district department, the street office (or the district's) for a
    street's department."""
    from jianfu.meetings.models import CountAlert

    if not is_system(actor):
        if not is_active_user(actor):
            return False
        if not (actor.is_superuser or actor.is_burden_office or actor.role == Role.DISTRICT_ADMIN):
            return False
        # A district department answers to the district office; a street's department to its street's.
        if actor.role == Role.STREET_OFFICE and alert.department.street_id != actor.street_id:
            return False
    return CountAlert.objects.restrict(actor, "view").filter(pk=alert.pk).exists()


def require_review(actor: Any, alert: Any) -> None:
    if not may_review(actor, alert):
        raise OutOfScope
