"""Reads of community activities, for an acting user (through `restrict`)."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from jianfu.activities.models import Activity


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
