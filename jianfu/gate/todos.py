"""The gate's to-dos: approvals for the 减负办, tasks a community may refuse or should rate."""

from typing import Any

from django.db.models import Exists, Min, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.todos import Todo
from jianfu.gate.choices import ACTIVE_STATUSES, REFUSABLE_STATUSES, TargetStatus, TaskStatus
from jianfu.gate.models import TaskRating, TaskTarget
from jianfu.gate.selectors import tasks_for


def todos(actor: Any) -> list[Todo]:
    url = reverse("gate:task_list")
    if actor.is_burden_office:
        pending = tasks_for(actor).filter(status=TaskStatus.PENDING_APPROVAL)
        figures = pending.aggregate(next_due=Min("decision_due"))
        return [
            Todo(
                label=_("待审批的任务"),
                count=pending.count(),
                url=url,
                overdue=pending.filter(decision_due__lt=timezone.localdate()).count(),
                next_due=figures["next_due"],
            )
        ]
    if not (actor.is_community_staff and actor.community_id):
        return []
    mine = TaskTarget.objects.restrict(actor, "view").filter(community_id=actor.community_id)
    refusable = mine.filter(task__status__in=REFUSABLE_STATUSES).exclude(status=TargetStatus.REFUSED)
    rated = TaskRating.objects.filter(task_id=OuterRef("task_id"), community_id=actor.community_id)
    to_rate = mine.filter(task__status__in=ACTIVE_STATUSES).exclude(Exists(rated))
    return [
        Todo(
            label=_("未经准入、可以拒绝执行的任务"),
            count=refusable.count(),
            url=url,
            note=_("未准入的任务，社区有权拒绝。"),
        ),
        Todo(
            label=_("待评价的任务"),
            count=to_rate.count(),
            url=url,
            next_due=to_rate.aggregate(next_due=Min("task__deadline"))["next_due"],
        ),
    ]
