"""The digital register's roll-ups (CommunityDigital, DigitalMonth), kept exact: every service that
writes tools, links or declarations calls `refresh` for the communities it touched, inside its own
transaction; `rebuild` recomputes every row (`jianfu digital rebuild`). `computed` is the direct
computation from the source rows, used by both and by the tests."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from jianfu.digital.choices import LIVE_STATUSES, ToolKind
from jianfu.digital.models import CommunityDigital, Declaration, DigitalMonth, DigitalTool

CHUNK = 500
ZERO = Decimal(0)


def _where(field: str, ids: list[int] | None) -> Q:
    return Q() if ids is None else Q(**{f"{field}__in": ids})


def computed(
    ids: list[int] | None, *, tool_model: Any = DigitalTool, declaration_model: Any = Declaration
) -> tuple[dict[int, dict[str, Any]], dict[tuple[int, Any], list[Decimal]]]:
    """The roll-up rows computed from tools, links and declarations: per community
    {tools, work_groups, breaches, minutes, workers}; per (community, month) [minutes_in, minutes_out].
    `ids=None`: every community."""
    per: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"tools": 0, "work_groups": 0, "breaches": 0, "minutes": ZERO, "workers": 0}
    )
    through = tool_model.communities.through
    for community_id, kind, codes in through.objects.filter(
        _where("community_id", ids), digitaltool__status__in=list(LIVE_STATUSES)
    ).values_list("community_id", "digitaltool__kind", "digitaltool__violation_codes"):
        row = per[community_id]
        row["work_groups" if kind == ToolKind.WORK_GROUP else "tools"] += 1
        row["breaches"] += len(codes or [])
    declarations = declaration_model.objects.filter(_where("community_id", ids))
    for r in (
        declarations.filter(withdrawn_on=None)
        .values("community_id")
        .annotate(m=Sum("tool__minutes_per_day"), w=Count("worker_id", distinct=True))
        .order_by()
    ):
        per[r["community_id"]]["minutes"] = r["m"] or ZERO
        per[r["community_id"]]["workers"] = r["w"]
    months: dict[tuple[int, Any], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for side, field in ((0, "declared_on"), (1, "withdrawn_on")):
        for mr in (
            declarations.exclude(**{field: None})
            .annotate(mo=TruncMonth(field))
            .values("community_id", "mo")
            .annotate(m=Sum("tool__minutes_per_day"))
            .order_by()
        ):
            month = mr["mo"].date() if hasattr(mr["mo"], "date") else mr["mo"]
            months[(mr["community_id"], month)][side] += mr["m"] or ZERO
    return dict(per), dict(months)


def _write(ids: list[int] | None, *, models: dict[str, Any] | None = None) -> None:
    given = models or {}
    per, months = computed(
        ids,
        tool_model=given.get("DigitalTool", DigitalTool),
        declaration_model=given.get("Declaration", Declaration),
    )
    rows = given.get("CommunityDigital", CommunityDigital)
    by_month = given.get("DigitalMonth", DigitalMonth)
    rows.objects.filter(_where("community_id", ids)).delete()
    by_month.objects.filter(_where("community_id", ids)).delete()
    rows.objects.bulk_create([rows(community_id=c, **row) for c, row in per.items()], batch_size=CHUNK)
    by_month.objects.bulk_create(
        [
            by_month(community_id=c, month=m, minutes_in=v[0], minutes_out=v[1])
            for (c, m), v in months.items()
        ],
        batch_size=CHUNK,
    )


def refresh(community_ids: Iterable[int]) -> None:
    """Recompute the roll-up rows of these communities (call inside the writing transaction)."""
    ids = sorted({int(i) for i in community_ids if i})
    for start in range(0, len(ids), CHUNK):
        _write(ids[start : start + CHUNK])


def refresh_tools(tools: Iterable[Any], *communities: Any) -> None:
    """Refresh the communities the tools are linked to, plus any given (community objects or ids)."""
    pks = [t.pk for t in tools if t is not None and t.pk]
    ids = set(
        DigitalTool.communities.through.objects.filter(digitaltool_id__in=pks).values_list(
            "community_id", flat=True
        )
    )
    ids.update(getattr(c, "pk", c) for c in communities if c)
    refresh(ids)


@transaction.atomic
def rebuild() -> dict[str, int]:
    """Recompute every roll-up row from the register (after imports or bulk loads)."""
    _write(None)
    return {"communities": CommunityDigital.objects.count(), "months": DigitalMonth.objects.count()}
