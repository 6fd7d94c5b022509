"""Keeping RateMonth exact: after a write, the (month, community) of the request is recomputed
from its requests in one grouped query and the rows replaced."""

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from jianfu.casework.choices import Satisfaction, Status

COUNTS = {
    "total": Count("pk"),
    "responded": Count(
        "pk",
        filter=Q(responded_at__isnull=False)
        & (Q(response_due_at__isnull=True) | Q(responded_at__lte=F("response_due_at"))),
    ),
    "solved": Count("pk", filter=Q(solved=True)),
    "closed": Count("pk", filter=Q(closed_at__isnull=False)),
    "on_time": Count("pk", filter=Q(closed_on_time=True)),
    "rated": Count("pk", filter=~Q(satisfaction="")),
    "satisfied": Count("pk", filter=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC])),
    "rework": Count("pk", filter=Q(reopen_count__gt=0) | Q(rework_count__gt=0)),
}


def month_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date().replace(day=1)


def _bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    nxt = (month + dt.timedelta(days=32)).replace(day=1)
    return (
        timezone.make_aware(dt.datetime.combine(month, dt.time.min)),
        timezone.make_aware(dt.datetime.combine(nxt, dt.time.min)),
    )


def refresh(*, district_id: int, community_id: Any, month: dt.date) -> None:
    from jianfu.casework.models import RateMonth, ServiceRequest

    start, end = _bounds(month)
    qs = ServiceRequest.objects.filter(
        district_id=district_id, community_id=community_id, created_at__gte=start, created_at__lt=end
    ).exclude(status=Status.MERGED)
    rows = qs.values("lead_department_id", "category_id").annotate(**COUNTS)
    RateMonth.objects.filter(district_id=district_id, community_id=community_id, month=month).delete()
    RateMonth.objects.bulk_create(
        [
            RateMonth(
                month=month,
                district_id=district_id,
                community_id=community_id,
                department_id=r["lead_department_id"],
                category_id=r["category_id"],
                **{k: r[k] for k in COUNTS},  # type: ignore[literal-required]
            )
            for r in rows
        ]
    )


def touch(request: Any, *, old_community_id: int | None = -1) -> None:
    month = month_of(request.created_at)
    refresh(district_id=request.district_id, community_id=request.community_id, month=month)
    if old_community_id != -1 and old_community_id != request.community_id:
        refresh(district_id=request.district_id, community_id=old_community_id, month=month)


def rebuild(*, district_id: int | None = None) -> int:
    """Recompute every bucket (after a bulk load)."""
    from django.db.models.functions import TruncMonth

    from jianfu.casework.models import RateMonth, ServiceRequest

    qs = ServiceRequest.objects.all()
    if district_id is not None:
        qs = qs.filter(district_id=district_id)
        RateMonth.objects.filter(district_id=district_id).delete()
    else:
        RateMonth.objects.all().delete()
    rows = (
        qs.exclude(status=Status.MERGED)
        .annotate(m=TruncMonth("created_at"))
        .values("m", "district_id", "community_id", "lead_department_id", "category_id")
        .annotate(**COUNTS)
    )
    made = [
        RateMonth(
            month=(timezone.localtime(r["m"]).date() if isinstance(r["m"], dt.datetime) else r["m"]).replace(
                day=1
            ),
            district_id=r["district_id"],
            community_id=r["community_id"],
            department_id=r["lead_department_id"],
            category_id=r["category_id"],
            **{k: r[k] for k in COUNTS},  # type: ignore[literal-required]
        )
        for r in rows
    ]
    RateMonth.objects.bulk_create(made, batch_size=2000)
    return len(made)
