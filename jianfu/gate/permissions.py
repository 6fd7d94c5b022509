"""The gate's rules: who sees a task, who decides it, who refuses or rates it for a community.

Everything that fails here raises `OutOfScope` (a 404 in pages and the API).
"""

from typing import Any

from django.db.models import Q

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action
from jianfu.core.permissions import (
    OutOfScope,
    department_or_targets_q,
    is_active_user,
    is_system,
    ladder_start,
)


def task_scope_q(actor: Any, action: Action) -> Q:
    """A department sees its own tasks; everyone else the tasks aimed at communities they reach."""
    from jianfu.gate.models import TaskTarget

    return department_or_targets_q(actor, action, TaskTarget, "task_id")


def notice_scope_q(actor: Any, action: Action) -> Q:
    """Only the 减负办 (and administrators) read notices, for the tasks they see in their area."""
    from jianfu.gate.models import Task

    start = ladder_start(actor)
    if start is not None:
        return start
    if not (actor.is_burden_office or actor.role == Role.DISTRICT_ADMIN):
        return Q(pk__in=[])
    return Q(task__in=Task.objects.restrict(actor, "view").values("pk"))


def require_department_account(actor: Any) -> Any:
    """The actor's department, for submitting or checking tasks; OutOfScope for anyone else."""
    if not is_active_user(actor) or not actor.is_department or not actor.department_id:
        raise OutOfScope("only department accounts submit or check tasks")
    return actor.department


def may_submit_for(actor: Any, department: Any) -> bool:
    """A user submits only in the name of their own department; the system for any department."""
    if is_system(actor):
        return True
    if not is_active_user(actor):
        return False
    return bool(actor.is_superuser or (actor.is_department and actor.department_id == department.pk))


def require_office(actor: Any, task: Any) -> None:
    """The 减负办 (street or district) of the task's area decides or withdraws it."""
    from jianfu.gate.models import Task

    if not is_active_user(actor) or not (actor.is_superuser or actor.is_burden_office):
        raise OutOfScope
    if not Task.objects.restrict(actor, "view").filter(pk=task.pk).exists():
        raise OutOfScope


def require_withdraw(actor: Any, task: Any) -> None:
    """The department withdraws its own task while it awaits approval; otherwise the 减负办."""
    from jianfu.gate.choices import TaskStatus

    if not is_active_user(actor):
        raise OutOfScope
    own_pending = (
        actor.is_department
        and task.department_id == actor.department_id
        and task.status == TaskStatus.PENDING_APPROVAL
    )
    if not own_pending:
        require_office(actor, task)


def community_target(actor: Any, task: Any, action: Action = "change") -> Any:
    """The actor's community's target row of this task (refuse, comment, rate); OutOfScope otherwise."""
    from jianfu.gate.models import TaskTarget

    if not is_active_user(actor) or not actor.is_community_staff:
        raise OutOfScope
    target = (
        TaskTarget.objects.restrict(actor, action)
        .select_related("community")
        .filter(task_id=task.pk, community_id=actor.community_id)
        .first()
    )
    if target is None:
        raise OutOfScope
    return target
