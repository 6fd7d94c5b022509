"""Meeting and document to-dos: a department's document growth it has not explained (or must explain
again), and, for the 减负办, explanations waiting for its review. One query (an aggregate)."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from jianfu.accounts.choices import Role
from jianfu.core import compiled
from jianfu.core.todos import Todo
from jianfu.meetings.choices import UNEXPLAINED, AlertStatus
from jianfu.meetings.selectors import alerts_for


def _figures(actor: Any) -> tuple[QuerySet, dict]:
    to_review = Q(status=AlertStatus.EXPLAINED)
    if actor.role == Role.STREET_OFFICE:  # the same rule as selectors.alerts_to_review
        to_review &= Q(department__street_id=actor.street_id)
    return alerts_for(actor), {
        "unexplained": Count("id", filter=Q(status__in=UNEXPLAINED)),
        "to_review": Count("id", filter=to_review),
    }


def todos(actor: Any) -> list[Todo]:
    if not (actor.is_department or actor.is_burden_office):
        return []
    url = reverse("meetings:notice_list")
    counts = compiled.aggregate(actor, "meetings.alerts", _figures)
    out = [Todo(label=_("发文数量增长未说明"), count=counts["unexplained"], url=url)]
    if actor.is_burden_office:
        out.append(Todo(label=_("发文数量增长说明待审核"), count=counts["to_review"], url=url))
    return out
