"""Reads of the gate, always for an acting user (scoped by Task.scope_q / CommunityScoped)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from jianfu.gate.choices import ACTIVE_STATUSES, REFUSABLE_STATUSES, TargetStatus, TaskStatus
from jianfu.gate.models import OfficeNotice, Task, TaskTarget


def tasks_for(user: Any) -> QuerySet[Task]:
    return Task.objects.restrict(user, "view").select_related("department")


def task_for(user: Any, pk: int) -> Task | None:
    return tasks_for(user).filter(pk=pk).first()


def approval_queue(user: Any) -> QuerySet[Task]:
    """Tasks awaiting the 减负办's decision in the user's area, earliest due first."""
    return (
        tasks_for(user)
        .filter(status=TaskStatus.PENDING_APPROVAL)
        .annotate(n_targets=Count("targets", distinct=True), n_comments=Count("comments", distinct=True))
        .order_by("decision_due", "created_at")
    )


def notices_for(user: Any) -> QuerySet[OfficeNotice]:
    return OfficeNotice.objects.restrict(user, "view").select_related("task", "task__department", "community")


def community_board(user: Any) -> dict[str, list[TaskTarget]]:
    """A community's board: admitted/approved tasks, and unadmitted ones it may refuse."""
    rows: list[TaskTarget] = list(
        TaskTarget.objects.restrict(user, "view")
        .filter(community_id=user.community_id)
        .filter(task__status__in=[*ACTIVE_STATUSES, *REFUSABLE_STATUSES])
        .select_related("task", "task__department", "community")
        .prefetch_related(Prefetch("task__ratings", to_attr="all_ratings"))
        .order_by("-task__created_at")
    )
    for row in rows:
        ratings = getattr(row.task, "all_ratings", [])
        setattr(row, "rated", any(r.community_id == row.community_id for r in ratings))  # noqa: B010
    return {
        "admitted": [r for r in rows if r.task.status in ACTIVE_STATUSES],
        "unadmitted": [
            r for r in rows if r.task.status in REFUSABLE_STATUSES and r.status != TargetStatus.REFUSED
        ],
        "refused": [r for r in rows if r.status == TargetStatus.REFUSED],
    }


def is_overdue(task: Task) -> bool:
    return bool(
        task.status == TaskStatus.PENDING_APPROVAL
        and task.decision_due
        and task.decision_due < timezone.localdate()
    )
