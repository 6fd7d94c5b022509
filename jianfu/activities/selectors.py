"""Reads of community activities, for an acting user (through `restrict`)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from jianfu.activities.models import Activity
from jianfu.core import compiled

_STATUS_LABELS = dict(Activity._meta.get_field("status").flatchoices)
# ActivityListRow's fields and the `values()` columns they are read from
LIST_COLUMNS = {
    "pk": "pk",
    "starts_on": "starts_on",
    "title": "title",
    "community_name": "community__name",
    "capacity": "capacity",
    "status": "status",
    "signed": "signed",
    "came": "came",
}


def activities_for(user: Any) -> QuerySet[Activity]:
    return (
        Activity.objects.restrict(user, "view")
        .select_related("community")
        .annotate(
            signed=Count("signups", filter=Q(signups__cancelled_at__isnull=True)),
            came=Count("signups", filter=Q(signups__attended=True)),
        )
        .order_by("-starts_on", "-id")
    )


def activity_for(user: Any, pk: int, action: str = "view") -> Activity | None:
    return Activity.objects.restrict(user, action).select_related("community").filter(pk=pk).first()  # type: ignore[arg-type]


@dataclass(slots=True)
class ActivityListRow:
    """An activity as the list shows it, from a `values()` row of `activities_for`."""

    pk: int
    starts_on: dt.date
    title: str
    community_name: str
    capacity: int
    status: str
    signed: int
    came: int

    def get_status_display(self) -> Any:
        return _STATUS_LABELS.get(self.status, self.status)


def activity_list_rows(user: Any, limit: int = 300) -> list[ActivityListRow]:
    """The first `limit` of `activities_for(user)` as rows, their SQL compiled once per actor
    (jianfu.core.compiled): building the scoped, annotated query cost more than running it."""

    def build(actor: Any) -> QuerySet:
        return activities_for(actor).values(*LIST_COLUMNS.values())[:limit]

    rows = compiled.rows(user, ("activities.list", limit), build)
    return [ActivityListRow(**{name: r[column] for name, column in LIST_COLUMNS.items()}) for r in rows]
