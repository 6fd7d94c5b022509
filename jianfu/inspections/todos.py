"""Inspection to-dos: visits for the 减负办 to decide, visits coming to a community."""

import datetime as dt
from typing import Any

from django.db.models import Count, Min, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.choices import AlertStatus
from jianfu.core import compiled
from jianfu.core.todos import Todo
from jianfu.inspections.choices import InspectionStatus
from jianfu.inspections.models import Inspection
from jianfu.inspections.permissions import is_inspector_account, is_office
from jianfu.inspections.selectors import rebound_alerts

SOON = dt.timedelta(days=30)


def _pending(actor: Any) -> tuple[QuerySet, dict]:
    pending = Inspection.objects.restrict(actor, "view").filter(status=InspectionStatus.PENDING_OFFICE)
    return pending, {"count": Count("pk"), "next_due": Min("window_start")}


def _granted(actor: Any) -> tuple[QuerySet, dict]:
    return Inspection.objects.restrict(actor, "view"), {"count": Count("pk"), "next_due": Min("window_start")}


def todos(actor: Any) -> list[Todo]:
    today = timezone.localdate()
    if is_office(actor):
        figures = compiled.aggregate(actor, "inspections.pending", _pending)
        return [
            Todo(
                label=_("待审定的检查考核"),
                count=figures["count"],
                url=reverse("inspections:list"),
                next_due=figures["next_due"],
            ),
            Todo(
                label=_("检查回升提醒"),
                count=compiled.count(
                    actor, "inspections.rebound", lambda a: rebound_alerts(a, status=AlertStatus.OPEN)
                ),
                url=reverse("inspections:list") + "#rebound",
                note=_("本年检查次数比上年同期明显增多的社区。"),
            ),
        ]
    if is_inspector_account(actor):
        # an inspector's account exists for its granted visits: the home page leads straight to them
        granted = compiled.aggregate(actor, "inspections.granted", _granted)
        return [
            Todo(
                label=_("可以查看的检查"),
                count=granted["count"],
                url=reverse("inspections:list"),
                next_due=granted["next_due"],
                note=_("只读：可查看检查事项、下载材料包，访问权限在检查结束后失效。"),
            )
        ]
    if not (actor.is_community_staff and actor.community_id):
        return []

    def coming(actor: Any) -> tuple[QuerySet, dict]:
        visits = Inspection.objects.restrict(actor, "view").filter(
            status=InspectionStatus.ADMITTED,
            targets__community_id=actor.community_id,
            window_end__gte=today,
            window_start__lte=today + SOON,
        )
        # one query: an inspection of several of the community's targets is counted once
        return visits, {"count": Count("pk", distinct=True), "next_due": Min("window_start")}

    figures = compiled.aggregate(actor, "inspections.coming", coming, dates=(today, today + SOON))
    return [
        Todo(
            label=_("30天内的检查"),
            count=figures["count"],
            url=reverse("inspections:calendar"),
            next_due=figures["next_due"],
            note=_("材料由系统生成，无需另行准备台账。"),
        )
    ]
