"""Resident-request to-dos: open requests for the community and grid, whistles for departments,
overdue requests for the offices that supervise them."""

from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.casework.choices import OPEN_STATUSES, WhistleStatus
from jianfu.casework.models import ServiceRequest, Whistle
from jianfu.core import compiled
from jianfu.core.todos import Todo

REPORT_IN = (WhistleStatus.WHISTLED, WhistleStatus.SIGNED, WhistleStatus.CONTACTED)


def _whistle_figures(actor: Any) -> tuple[QuerySet, dict]:
    now = timezone.now()
    waiting = Whistle.objects.restrict(actor, "view").filter(status__in=REPORT_IN)
    late = Q(status=WhistleStatus.WHISTLED, sign_due__lt=now) | Q(onsite_due__lt=now)
    return waiting, {"count": Count("pk"), "overdue": Count("pk", filter=late), "next_due": Min("onsite_due")}


def _open_requests(actor: Any) -> QuerySet:
    return ServiceRequest.objects.restrict(actor, "view").filter(status__in=OPEN_STATUSES)


def _overdue_requests(actor: Any) -> QuerySet:
    return _open_requests(actor).filter(due_at__lt=timezone.now())


def _open_figures(actor: Any) -> tuple[QuerySet, dict]:
    now = timezone.now()
    return _open_requests(actor), {
        "count": Count("pk"),
        "overdue": Count("pk", filter=Q(due_at__lt=now)),
        "next_due": Min("due_at"),
    }


def todos(actor: Any) -> list[Todo]:
    board = reverse("casework:board")
    if actor.is_department:
        figures = compiled.aggregate(actor, "casework.whistles", _whistle_figures)
        next_due = figures["next_due"]
        return [
            Todo(
                label=_("待签收、报到的吹哨"),
                count=figures["count"],
                url=board,
                overdue=figures["overdue"],
                next_due=timezone.localdate(next_due) if next_due else None,
            )
        ]
    if actor.is_burden_office:
        overdue = compiled.count(actor, "casework.overdue", _overdue_requests)
        return [Todo(label=_("超期未办结的居民诉求"), count=overdue, url=board + "?overdue=1")]
    if not actor.is_community_staff:
        return []
    figures = compiled.aggregate(actor, "casework.open", _open_figures)
    next_due = figures["next_due"]
    return [
        Todo(
            label=_("办理中的居民诉求"),
            count=figures["count"],
            url=board + "?status=open",
            overdue=figures["overdue"],
            next_due=timezone.localdate(next_due) if next_due else None,
        )
    ]
