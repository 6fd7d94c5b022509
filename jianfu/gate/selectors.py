"""Reads of the gate, always for an acting user (scoped by Task.scope_q / CommunityScoped).

The task list (/gate/) is read in every role's daily round. Its lists are `values()` rows compiled to
SQL once per actor (jianfu.core.compiled) and shown as `TaskRow`s: building the `restrict()` filters
and compiling them cost most of the page, model instances with five JSON columns most of the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from jianfu.core import compiled
from jianfu.gate.choices import ACTIVE_STATUSES, REFUSABLE_STATUSES, TargetStatus, TaskStatus
from jianfu.gate.models import OfficeNotice, Task, TaskRating, TaskTarget

LIST_LIMIT = 200
SIDE_LIMIT = 50


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


def _labels(model: Any, name: str) -> dict[str, Any]:
    return dict(model._meta.get_field(name).flatchoices)


_TASK_STATUS = _labels(Task, "status")
_DECISION = _labels(Task, "decision")
_NOTICE_KIND = _labels(OfficeNotice, "kind")


@dataclass(slots=True)
class TaskRow:
    """A task as the gate's lists show it, from a `values()` row (`get_*_display` as on the model)."""

    pk: int
    title: str
    status: str
    department_name: str = ""
    duplicate_of_id: int | None = None
    decision: str = ""
    item_code: str = ""
    item_name: str = ""
    created_at: Any = None
    deadline: Any = None
    decision_due: Any = None
    n_targets: int = 0
    n_comments: int = 0
    overdue: bool = False
    due_warning: str | None = None

    def get_status_display(self) -> Any:
        return _TASK_STATUS.get(self.status, self.status)

    def get_decision_display(self) -> Any:
        return _DECISION.get(self.decision, self.decision)


@dataclass(slots=True)
class TargetRow:
    """A community's row of a task on its board."""

    task: TaskRow
    status: str
    refused_at: Any
    rated: bool


@dataclass(slots=True)
class NoticeRow:
    kind: str
    created_at: Any
    task_id: int
    message: str

    def get_kind_display(self) -> Any:
        return _NOTICE_KIND.get(self.kind, self.kind)


def _task_rows(rows: list[dict[str, Any]]) -> list[TaskRow]:
    return [TaskRow(department_name=r.pop("department__name"), **r) for r in rows]


def department_task_rows(user: Any) -> list[TaskRow]:
    """A department's own tasks, newest first (the department's /gate/). Not compiled: the key would
    hold the department's row, read by one query more than building this list's SQL costs."""
    rows: Any = Task.objects.restrict(user, "view").values(
        "pk",
        "title",
        "status",
        "department__name",
        "duplicate_of_id",
        "created_at",
        "decision",
        "item_code",
        "item_name",
    )[:LIST_LIMIT]
    return _task_rows(list(rows))


def approval_queue_rows(user: Any) -> list[TaskRow]:
    """`approval_queue` as rows (the 减负办's /gate/)."""

    def build(actor: Any) -> QuerySet:
        queue: Any = approval_queue(actor)  # the stubs do not see its annotations
        return queue.values(
            "pk",
            "title",
            "status",
            "department__name",
            "duplicate_of_id",
            "decision_due",
            "n_targets",
            "n_comments",
        )[:LIST_LIMIT]

    return _task_rows(compiled.rows(user, ("gate.list", "queue"), build))


def recent_decided_rows(user: Any) -> list[TaskRow]:
    """Tasks in the user's area no longer awaiting a decision, newest first."""

    def build(actor: Any) -> QuerySet:
        return (
            Task.objects.restrict(actor, "view")
            .exclude(status=TaskStatus.PENDING_APPROVAL)
            .values("pk", "title", "status", "department__name")[:SIDE_LIMIT]
        )

    return _task_rows(compiled.rows(user, ("gate.list", "recent"), build))


def notice_rows(user: Any) -> list[NoticeRow]:
    def build(actor: Any) -> QuerySet:
        return OfficeNotice.objects.restrict(actor, "view").values(
            "kind", "created_at", "task_id", "message"
        )[:SIDE_LIMIT]

    return [NoticeRow(**r) for r in compiled.rows(user, ("gate.list", "notices"), build)]


def community_board(user: Any) -> dict[str, list[TargetRow]]:
    """A community's board: admitted/approved tasks, and unadmitted ones it may refuse."""

    def build(actor: Any) -> QuerySet:
        rated = TaskRating.objects.filter(task_id=OuterRef("task_id"), community_id=OuterRef("community_id"))
        return (
            TaskTarget.objects.restrict(actor, "view")
            .filter(community_id=actor.community_id)
            .filter(task__status__in=[*ACTIVE_STATUSES, *REFUSABLE_STATUSES])
            .annotate(rated=Exists(rated))
            .order_by("-task__created_at")
            .values(
                "task_id",
                "task__title",
                "task__status",
                "task__department__name",
                "task__deadline",
                "status",
                "refused_at",
                "rated",
            )
        )

    rows = [
        TargetRow(
            task=TaskRow(
                pk=r["task_id"],
                title=r["task__title"],
                status=r["task__status"],
                department_name=r["task__department__name"],
                deadline=r["task__deadline"],
            ),
            status=r["status"],
            refused_at=r["refused_at"],
            rated=bool(r["rated"]),
        )
        for r in compiled.rows(user, ("gate.list", "board"), build)
    ]
    return {
        "admitted": [r for r in rows if r.task.status in ACTIVE_STATUSES],
        "unadmitted": [
            r for r in rows if r.task.status in REFUSABLE_STATUSES and r.status != TargetStatus.REFUSED
        ],
        "refused": [r for r in rows if r.status == TargetStatus.REFUSED],
    }


def is_overdue(task: Any) -> bool:
    return bool(
        task.status == TaskStatus.PENDING_APPROVAL
        and task.decision_due
        and task.decision_due < timezone.localdate()
    )
