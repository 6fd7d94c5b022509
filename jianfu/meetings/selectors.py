"""Reads of the meetings intake, always for an actor."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from jianfu.meetings.choices import NoticeKind, NoticeStatus
from jianfu.meetings.models import CountAlert, FormCatalogEntry, Notice


def notices_for(actor: Any, *, kind: str = "", status: str = "", year: int | None = None) -> QuerySet[Notice]:
    qs = (
        Notice.objects.restrict(actor, "view")
        .select_related("department")
        .defer("text", "detected")
        .annotate(n_targets=Count("targets"))
    )
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-date", "-id")


def notice_for(actor: Any, pk: int) -> Notice | None:
    return Notice.objects.restrict(actor, "view").select_related("department").filter(pk=pk).first()


def notice_targets(notice: Notice) -> list[Any]:
    return [t.community for t in notice.targets.select_related("community__street")]


def department_counts(actor: Any, *, year: int) -> list[dict[str, Any]]:
    """Per department: meetings and documents admitted/refused this year and last (one query)."""
    qs = Notice.objects.restrict(actor, "view").filter(year__in=(year, year - 1))
    rows = (
        qs.values("department_id", "department__name", "department__code")
        .annotate(
            documents=Count(
                "id", filter=Q(kind=NoticeKind.DOCUMENT, status=NoticeStatus.ADMITTED, year=year)
            ),
            documents_before=Count(
                "id", filter=Q(kind=NoticeKind.DOCUMENT, status=NoticeStatus.ADMITTED, year=year - 1)
            ),
            meetings=Count("id", filter=Q(kind=NoticeKind.MEETING, status=NoticeStatus.ADMITTED, year=year)),
            meetings_before=Count(
                "id", filter=Q(kind=NoticeKind.MEETING, status=NoticeStatus.ADMITTED, year=year - 1)
            ),
            refused=Count("id", filter=Q(status=NoticeStatus.REFUSED, year=year)),
        )
        .order_by("department__code")
    )
    out: list[dict[str, Any]] = []
    for r in rows:
        row: dict[str, Any] = dict(r)
        row["grows"] = row["documents"] > row["documents_before"] and row["documents_before"] > 0
        out.append(row)
    return out


def alerts_for(actor: Any) -> QuerySet[CountAlert]:
    return CountAlert.objects.restrict(actor, "view").select_related("department")


def forms_for(actor: Any, *, year: int) -> QuerySet[FormCatalogEntry]:
    return FormCatalogEntry.objects.restrict(actor, "view").filter(year=year).select_related("department")


def alert_for(actor: Any, pk: int) -> CountAlert | None:
    return alerts_for(actor).select_related("explained_by", "reviewed_by").filter(pk=pk).first()


def alert_documents(actor: Any, alert: CountAlert) -> QuerySet[Notice]:
    """The admitted documents the alert counts (this year), as far as the actor may see them."""
    return notices_for(actor, kind=NoticeKind.DOCUMENT, status=NoticeStatus.ADMITTED, year=alert.year).filter(
        department_id=alert.department_id
    )


def alerts_to_review(actor: Any) -> QuerySet[CountAlert]:
    """Explained alerts this 减负办 decides (a street office: its street's departments only)."""
    from jianfu.accounts.choices import Role
    from jianfu.meetings.choices import AlertStatus

    qs = alerts_for(actor).filter(status=AlertStatus.EXPLAINED)
    if getattr(actor, "role", "") == Role.STREET_OFFICE:
        qs = qs.filter(department__street_id=actor.street_id)
    return qs
