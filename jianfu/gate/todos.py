"""The gate's to-dos: approvals for the 减负办, tasks a community may refuse or should rate."""

from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import compiled
from jianfu.core.todos import Todo
from jianfu.gate.choices import ACTIVE_STATUSES, REFUSABLE_STATUSES, TargetStatus, TaskStatus
from jianfu.gate.models import TaskRating, TaskTarget
from jianfu.gate.selectors import tasks_for


def _community_figures(actor: Any) -> tuple[QuerySet, dict]:
    mine = TaskTarget.objects.restrict(actor, "view").filter(community_id=actor.community_id)
    refusable = Q(task__status__in=REFUSABLE_STATUSES) & ~Q(status=TargetStatus.REFUSED)
    rated = TaskRating.objects.filter(task_id=OuterRef("task_id"), community_id=actor.community_id)
    to_rate = Q(task__status__in=ACTIVE_STATUSES) & ~Q(Exists(rated))
    return mine, {
        "refusable": Count("pk", filter=refusable),
        "to_rate": Count("pk", filter=to_rate),
        "next_due": Min("task__deadline", filter=to_rate),
    }


def todos(actor: Any) -> list[Todo]:
    url = reverse("gate:task_list")
    if actor.is_burden_office:
        today = timezone.localdate()

        def pending(actor: Any) -> tuple[QuerySet, dict]:
            # one query for the count, the overdue part and the next deadline
            return tasks_for(actor).filter(status=TaskStatus.PENDING_APPROVAL), {
                "count": Count("pk"),
                "overdue": Count("pk", filter=Q(decision_due__lt=today)),
                "next_due": Min("decision_due"),
            }

        figures = compiled.aggregate(actor, "gate.pending", pending, dates=(today,))
        return [
            Todo(
                label=_("待审批的任务"),
                count=figures["count"],
                url=url,
                overdue=figures["overdue"],
                next_due=figures["next_due"],
            )
        ]
    if not (actor.is_community_staff and actor.community_id):
        return []
    figures = compiled.aggregate(actor, "gate.community", _community_figures)
    return [
        Todo(
            label=_("未经准入、可以拒绝执行的任务"),
            count=figures["refusable"],
            url=url,
            note=_("未准入的任务，社区有权拒绝。"),
        ),
        Todo(
            label=_("待评价的任务"),
            count=figures["to_rate"],
            url=url,
            next_due=figures["next_due"],
        ),
    ]
