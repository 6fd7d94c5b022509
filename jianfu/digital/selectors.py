"""Reads of the digital register, always for an actor and always through restrict()."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from jianfu.accounts.scope import communities_for
from jianfu.burden.services import add_months, month_start
from jianfu.core.paging import PeekPage
from jianfu.digital.choices import (
    GONE_STATUSES,
    LIVE_STATUSES,
    PlanProgress,
    ToolKind,
    ToolStatus,
    ViolationStatus,
)
from jianfu.digital.estimate import WORKING_DAYS_PER_WEEK
from jianfu.digital.models import Declaration, DigitalTool, PlanItem, Violation
from jianfu.digital.rules import rule_text

SIXTY = Decimal(60)
TREND_MONTHS = 12


def tools_for(
    actor: Any, *, q: str = "", kind: str = "", status: str = "", community: Any = None
) -> QuerySet:
    """The register as the actor may see it, filtered, with what a list shows (no N+1)."""
    qs = DigitalTool.objects.restrict(actor, "view").select_related("owner_department")
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(owner_department__name__icontains=q) | Q(owner_note__icontains=q)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if community is not None:
        qs = qs.filter(
            pk__in=DigitalTool.communities.through.objects.filter(community=community).values(
                "digitaltool_id"
            )
        )
    return qs.annotate(
        users=Count("declarations", filter=Q(declarations__withdrawn_on=None), distinct=True)
    ).order_by("name", "id")


def tool_detail(actor: Any, pk: int) -> DigitalTool:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        DigitalTool.objects.restrict(actor, "view").select_related(
            "owner_department", "merge_into", "gate_task"
        ),
        pk=pk,
    )


def tool_json(tool: DigitalTool, *, users: int | None = None) -> dict[str, Any]:
    return {
        "id": tool.pk,
        "kind": tool.kind,
        "platform": tool.platform,
        "name": tool.name,
        "owner": tool.owner_name,
        "owner_department_id": tool.owner_department_id,
        "status": tool.status,
        "status_since": tool.status_since.isoformat(),
        "merge_into": tool.merge_into_id,
        "minutes_per_day": float(tool.minutes_per_day),
        "asks": tool.asks,
        "violations": list(tool.violation_codes or []),
        "held_fields": [name for _c, name in tool.held_fields or []],
        "gate_task": tool.gate_task_id,
        **({"users": users} if users is not None else {}),
    }


def declarations_of(actor: Any) -> QuerySet:
    """The signed-in worker's own live declarations."""
    return (
        Declaration.objects.restrict(actor, "view")
        .filter(worker_id=getattr(actor, "pk", None), withdrawn_on=None)
        .select_related("tool__owner_department")
        .order_by("tool__kind", "tool__name")
    )


SEARCH_LIMIT = 60


def declarable(actor: Any, q: str = "") -> list[DigitalTool]:
    """What the worker may still declare, her own community's tools first, then the rest of the
    district, by kind and name (at most SEARCH_LIMIT)."""
    from jianfu.digital.services import declarable_tools

    tools = declarable_tools(actor).select_related("owner_department")
    if q:
        tools = tools.filter(name__icontains=q) | tools.filter(owner_department__name__icontains=q)
    mine = set(declarations_of(actor).values_list("tool_id", flat=True))
    local = set(
        DigitalTool.communities.through.objects.filter(community_id=actor.community_id or 0).values_list(
            "digitaltool_id", flat=True
        )
    )
    rows = sorted(tools.distinct()[:500], key=lambda t: (t.pk not in local, t.kind, t.name))
    return [t for t in rows if t.pk not in mine][:SEARCH_LIMIT]


def declared_summary(actor: Any) -> dict[str, Any]:
    """Her live declarations with how many groups and apps they are and the hours a week they cost."""
    from jianfu.digital.estimate import hours_per_week

    mine = list(declarations_of(actor))
    return {
        "mine": mine,
        "groups": sum(1 for d in mine if d.tool.kind == ToolKind.WORK_GROUP),
        "apps": sum(1 for d in mine if d.tool.kind != ToolKind.WORK_GROUP),
        "hours_per_week": hours_per_week(sum((d.tool.minutes_per_day for d in mine), Decimal(0))),
    }


def registrable_communities(actor: Any) -> list[Any]:
    """The communities a new tool may be registered for: a department's reach, else the actor's."""
    if getattr(actor, "is_department", False) and actor.department_id:
        from jianfu.gate.services import department_communities

        qs = department_communities(actor.department)
    else:
        qs = communities_for(actor, "view")
    return list(qs.select_related("street").order_by("code")[:500])


def colleagues_with_declarations(actor: Any) -> list[dict[str, Any]]:
    """Colleagues of the same community who declared tools (for "same as my colleague")."""
    if not getattr(actor, "community_id", None):
        return []
    rows = (
        Declaration.objects.restrict(actor, "view")
        .filter(community_id=actor.community_id, withdrawn_on=None)
        .exclude(worker_id=actor.pk)
        .values("worker_id", "worker__username", "worker__display_name")
        .annotate(n=Count("id"))
        .order_by("-n", "worker__display_name")
    )
    return [
        {"id": r["worker_id"], "name": r["worker__display_name"] or r["worker__username"], "tools": r["n"]}
        for r in rows
    ]


def violations_for(actor: Any, tool: DigitalTool) -> list[dict[str, Any]]:
    rows = Violation.objects.restrict(actor, "view").filter(tool=tool).order_by("status", "code")
    return [
        {
            "code": v.code,
            "label": rule_text(v.code)[0],
            "reason": v.reason,
            "rule": v.rule,
            "status": v.status,
            "status_label": v.get_status_display(),
            "detected_on": v.detected_on,
            "resolved_on": v.resolved_on,
        }
        for v in rows
    ]


def department_tools(actor: Any) -> QuerySet:
    """A department's own tools with their open breaches first."""
    return (
        tools_for(actor).filter(owner_department_id=actor.department_id).order_by("-violation_codes", "name")
    )


# ---------------------------------------------------------------------------------------------
# Reports per street and district


@dataclass
class Report:
    communities: list[dict[str, Any]] = field(default_factory=list)
    departments: list[dict[str, Any]] = field(default_factory=list)
    plan: list[dict[str, Any]] = field(default_factory=list)
    plan_progress: dict[str, int] = field(default_factory=dict)
    trend: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, Decimal):
                return float(value)
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list | tuple):
                return [plain(v) for v in value]
            return value

        return plain(
            {
                "communities": self.communities,
                "departments": self.departments,
                "plan": self.plan,
                "plan_progress": self.plan_progress,
                "trend": self.trend,
                "totals": self.totals,
            }
        )


def report_communities(actor: Any, *, street: Any = None, district: Any = None) -> QuerySet:
    qs = communities_for(actor, "view").select_related("street")
    if street is not None:
        qs = qs.filter(street=street)
    if district is not None:
        qs = qs.filter(street__district=district)
    return qs.order_by("street__code", "code")


def report_streets(actor: Any) -> list[Any]:
    """The streets of the communities the actor reaches (the report's street picker)."""
    from jianfu.orgs.models import Street

    return list(Street.objects.filter(pk__in=report_communities(actor).values("street_id")).order_by("code"))


def _hours(minutes: Decimal | None) -> Decimal:
    return ((minutes or Decimal(0)) * WORKING_DAYS_PER_WEEK / SIXTY).quantize(Decimal("0.1"))


def report(
    actor: Any,
    *,
    street: Any = None,
    district: Any = None,
    today: dt.date | None = None,
    direct: bool = False,
    plan_rows: bool = True,
) -> Report:
    """Tools and groups per community, estimated hours per week, breaches per department, the
    consolidation plan and its progress, and the trend over 12 months. A fixed number of queries.
    The per-community figures and the hours come from the roll-ups (CommunityDigital, DigitalMonth)
    — no declaration is read; a department (which sees only its own tools) and `direct=True` compute
    them from the tools, links and declarations (the tests compare both). `plan_rows=False` leaves
    `plan` empty and only counts its progress (the page shows the plan a page at a time)."""
    today = today or timezone.localdate()
    rolled = not direct and not getattr(actor, "is_department", False)
    reached = report_communities(actor, street=street, district=district)
    communities = list(reached.values("id", "code", "name", "street__name"))
    tools_qs = report_tools(actor, street=street, district=district)
    if rolled:
        per_community = _per_community_rolled(communities, reached.values("pk"))
    else:
        per_community = _per_community_direct(actor, communities, tools_qs)
    rows: list[dict[str, Any]] = []
    for c in communities:
        r = per_community[c["id"]]
        hours = _hours(r["minutes"])
        workers = r["workers"]
        rows.append(
            {
                **c,
                "tools": r["tools"],
                "work_groups": r["work_groups"],
                "breaches": r["breaches"],
                "hours_per_week": hours,
                "workers": workers,
                "hours_per_worker": (hours / workers).quantize(Decimal("0.1")) if workers else Decimal(0),
            }
        )
    departments, plan, plan_progress = _departments_and_plan(
        tools_qs, tools_qs.values("pk"), today, plan_rows=plan_rows
    )
    counts, spans = _tool_counts(tools_qs)
    first = add_months(month_start(today), -(TREND_MONTHS - 1))
    months = [add_months(first, i) for i in range(TREND_MONTHS)]
    if rolled:
        deltas = _minute_deltas_rolled(reached.values("pk"), months[-1])
    else:
        deltas = _minute_deltas_direct(_declarations_of(actor, communities, tools_qs), first)
    totals = {
        "communities": len(rows),
        "tools": counts["tools"],
        "work_groups": counts["work_groups"],
        "hours_per_week": sum((r["hours_per_week"] for r in rows), Decimal(0)),
        "breaches": sum(d["total"] for d in departments),
        "closed_or_merged": counts["closed_or_merged"],
    }
    return Report(rows, departments, plan, plan_progress, _trend(spans, deltas, months, today), totals)


def _zero_community() -> dict[str, Any]:
    return {"tools": 0, "work_groups": 0, "breaches": 0, "minutes": Decimal(0), "workers": 0}


def _per_community_rolled(communities: list[dict[str, Any]], in_reach: QuerySet) -> dict[int, dict[str, Any]]:
    """Everyone but departments sees every tool linked to the communities it reaches, which is
    what CommunityDigital counts."""
    from jianfu.digital.models import CommunityDigital

    out = {c["id"]: _zero_community() for c in communities}
    for r in CommunityDigital.objects.filter(community_id__in=in_reach).values(
        "community_id", "tools", "work_groups", "breaches", "minutes", "workers"
    ):
        out[r["community_id"]].update(r)
    return out


def _declarations_of(actor: Any, communities: list[dict[str, Any]], tools_qs: QuerySet) -> QuerySet:
    declarations = Declaration.objects.filter(community_id__in=[c["id"] for c in communities])
    if getattr(actor, "is_department", False):
        # a department sees only its own tools; everyone else sees every tool linked to the
        # communities it reaches, and a declaration always links its tool to its community
        declarations = declarations.filter(tool__in=tools_qs.values("pk"))
    return declarations


def _per_community_direct(
    actor: Any, communities: list[dict[str, Any]], tools_qs: QuerySet
) -> dict[int, dict[str, Any]]:
    """Live tools and groups per community counted in the database; breaches read only from the
    tools that have some; minutes and workers from the live declarations."""
    out = {c["id"]: _zero_community() for c in communities}
    through = DigitalTool.communities.through
    # the link itself names a reached community: nesting the report's tool subquery (which
    # filters on the links again) here made SQLite's plan ten times slower
    live_links = through.objects.filter(
        community_id__in=list(out),
        digitaltool__status__in=list(LIVE_STATUSES),
        digitaltool_id__in=DigitalTool.objects.restrict(actor, "view").values("pk"),
    )
    for row in live_links.values("community_id", "digitaltool__kind").annotate(n=Count("id")).order_by():
        kind = "work_groups" if row["digitaltool__kind"] == ToolKind.WORK_GROUP else "tools"
        out[row["community_id"]][kind] += row["n"]
    for community_id, codes in live_links.filter(digitaltool__violation_codes__0__isnull=False).values_list(
        "community_id", "digitaltool__violation_codes"
    ):
        out[community_id]["breaches"] += len(codes or [])
    for agg in (
        _declarations_of(actor, communities, tools_qs)
        .filter(withdrawn_on=None)
        .values("community_id")
        .annotate(minutes=Sum("tool__minutes_per_day"), workers=Count("worker_id", distinct=True))
        .order_by()
    ):
        out[agg["community_id"]].update(minutes=agg["minutes"] or Decimal(0), workers=agg["workers"])
    return out


def _tool_counts(tools_qs: QuerySet) -> tuple[Counter, list[tuple[str, dt.date, dt.date | None, int]]]:
    """Distinct live tools and groups, those closed or merged, and the (kind, start, end, count)
    spans of the trend, in one grouped query (a district-wide group is linked to every community)."""
    counts: Counter = Counter()
    spans: list[tuple[str, dt.date, dt.date | None, int]] = []
    for t in (
        tools_qs.exclude(status__in=[ToolStatus.PENDING, ToolStatus.REFUSED])
        .values("kind", "status", "started_on", "ended_on")
        .annotate(n=Count("id"))
        .order_by()
    ):
        group = t["kind"] == ToolKind.WORK_GROUP
        if t["status"] in LIVE_STATUSES:
            counts["work_groups" if group else "tools"] += t["n"]
        if t["status"] in GONE_STATUSES:
            counts["closed_or_merged"] += t["n"]
        spans.append((t["kind"], t["started_on"], t["ended_on"], t["n"]))
    return counts, spans


def _minute_deltas_rolled(in_reach: QuerySet, last: dt.date) -> dict[dt.date, Decimal]:
    """Minutes declared minus minutes withdrawn, per month, from DigitalMonth."""
    from jianfu.digital.models import DigitalMonth

    return {
        m["month"]: (m["i"] or Decimal(0)) - (m["o"] or Decimal(0))
        for m in DigitalMonth.objects.filter(community_id__in=in_reach, month__lte=last)
        .values("month")
        .annotate(i=Sum("minutes_in"), o=Sum("minutes_out"))
        .order_by()
    }


def _minute_deltas_direct(declarations: QuerySet, first: dt.date) -> dict[dt.date, Decimal]:
    """The same from the declarations, summed in the database per (day declared, day withdrawn) —
    grouping by month there would call SQLite's Python date functions on every row. Those withdrawn
    before the first month are left out: they are not live in any month shown, and the months
    before the first are only summed."""
    deltas: dict[dt.date, Decimal] = defaultdict(Decimal)
    starts: dict[dt.date, dt.date] = {}
    for declared, withdrawn, minutes in (
        declarations.exclude(withdrawn_on__lt=first)
        .values("declared_on", "withdrawn_on")
        .annotate(m=Sum("tool__minutes_per_day"))
        .order_by()
        .values_list("declared_on", "withdrawn_on", "m")
    ):
        minutes = minutes or Decimal(0)
        if declared not in starts:
            starts[declared] = month_start(declared)
        deltas[starts[declared]] += minutes
        if withdrawn is not None:
            if withdrawn not in starts:
                starts[withdrawn] = month_start(withdrawn)
            deltas[starts[withdrawn]] -= minutes
    return deltas


def _trend(
    spans: list[tuple[str, dt.date, dt.date | None, int]],
    deltas: dict[dt.date, Decimal],
    months: list[dt.date],
    today: dt.date,
) -> list[dict[str, Any]]:
    """Per month (last 12): tools and groups in use at the month's end, hours per week then (the
    minutes of declarations declared in or before the month and not withdrawn by its end)."""
    live_minutes = sum((v for m, v in deltas.items() if m < months[0]), Decimal(0))
    out = []
    for month in months:
        live_minutes += deltas.get(month, Decimal(0))
        end = min(add_months(month, 1) - dt.timedelta(days=1), today)
        in_use = [(k, n) for k, s, e, n in spans if s <= end and (e is None or e > end)]
        out.append(
            {
                "month": end.strftime("%Y-%m"),
                "tools": sum(n for k, n in in_use if k != ToolKind.WORK_GROUP),
                "work_groups": sum(n for k, n in in_use if k == ToolKind.WORK_GROUP),
                "hours_per_week": _hours(live_minutes),
            }
        )
    return out


def _departments_and_plan(
    tools_qs: QuerySet, visible_pks: QuerySet, today: dt.date, *, plan_rows: bool = True
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, int]]:
    # breaches per department (open or answered, on live tools), counted in the database
    by_department: dict[str, Counter] = defaultdict(Counter)
    for v in (
        Violation.objects.filter(tool__in=tools_qs.filter(status__in=list(LIVE_STATUSES)).values("pk"))
        .exclude(status=ViolationStatus.RESOLVED)
        .values("tool__owner_department__name", "tool__owner_note", "code")
        .annotate(n=Count("id"))
    ):
        by_department[v["tool__owner_department__name"] or v["tool__owner_note"] or "—"][v["code"]] += v["n"]
    departments: list[dict[str, Any]] = sorted(
        (
            {
                "department": name,
                "total": sum(c.values()),
                "codes": dict(c),
                "labels": {k: rule_text(k)[0] for k in c},
            }
            for name, c in by_department.items()
        ),
        key=lambda d: (-d["total"], d["department"]),
    )
    items = _plan_items(visible_pks)
    if not plan_rows:
        return departments, [], _plan_progress_counted(items, today)
    plan = [_plan_row(p, today) for p in items.values(*PLAN_COLUMNS)]
    progress = Counter(p["progress"] for p in plan)
    plan_progress = {
        "total": len(plan),
        "done": progress.get(PlanProgress.DONE, 0),
        "in_progress": progress.get(PlanProgress.IN_PROGRESS, 0),
        "planned": progress.get(PlanProgress.PLANNED, 0),
        "overdue": sum(1 for p in plan if p["overdue"]),
    }
    return departments, plan, plan_progress


# ---------------------------------------------------------------------------------------------
# The consolidation plan of a report: all of it (exports, API) or one page (the report page)

PLAN_COLUMNS = (
    "id",
    "tool_id",
    "tool__name",
    "tool__owner_department__name",
    "tool__owner_note",
    "action",
    "merge_into__name",
    "due_on",
    "progress",
    "done_on",
)
OPEN_PROGRESS = (PlanProgress.PLANNED, PlanProgress.IN_PROGRESS)
PLAN_PAGE_SIZE = 50
MAX_PLAN_PAGE = 1000


def _plan_items(visible_pks: QuerySet) -> QuerySet:
    return PlanItem.objects.filter(tool__in=visible_pks).order_by("progress", "due_on", "id")


def _plan_row(p: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {
        "id": p["id"],
        "tool": p["tool__name"],
        "tool_id": p["tool_id"],
        "owner": p["tool__owner_department__name"] or p["tool__owner_note"],
        "action": p["action"],
        "merge_into": p["merge_into__name"],
        "due_on": p["due_on"],
        "progress": p["progress"],
        "done_on": p["done_on"],
        "overdue": p["progress"] in OPEN_PROGRESS and p["due_on"] < today,
    }


def _plan_progress_counted(items: QuerySet, today: dt.date) -> dict[str, int]:
    """The plan's progress counted in the database (one query), without reading its items."""
    return items.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(progress=PlanProgress.DONE)),
        in_progress=Count("id", filter=Q(progress=PlanProgress.IN_PROGRESS)),
        planned=Count("id", filter=Q(progress=PlanProgress.PLANNED)),
        overdue=Count("id", filter=Q(progress__in=OPEN_PROGRESS, due_on__lt=today)),
    )


PlanPage = PeekPage  # a page of the consolidation plan: see jianfu.core.paging


def report_tools(actor: Any, *, street: Any = None, district: Any = None) -> QuerySet:
    """The tools a report covers: those the actor may see, linked to the communities it reaches."""
    reached = report_communities(actor, street=street, district=district).values("pk")
    linked = DigitalTool.communities.through.objects.filter(community_id__in=reached)
    return DigitalTool.objects.restrict(actor, "view").filter(pk__in=linked.values("digitaltool_id"))


def plan_page(
    actor: Any,
    *,
    street: Any = None,
    district: Any = None,
    number: int = 1,
    size: int = PLAN_PAGE_SIZE,
    today: dt.date | None = None,
) -> PlanPage:
    """Page `number` (from 1) of the consolidation plan of `report(actor, street=…)`, in its order."""
    today = today or timezone.localdate()
    number = min(max(number, 1), MAX_PLAN_PAGE)
    start = (number - 1) * size
    items = _plan_items(report_tools(actor, street=street, district=district).values("pk"))
    rows = [_plan_row(p, today) for p in items.values(*PLAN_COLUMNS)[start : start + size + 1]]
    return PeekPage.of(rows, number=number, size=size)


# ---------------------------------------------------------------------------------------------
# The scorecard's section "apps and groups" (jianfu.scorecard reads this)


def _year_figures(
    actor: Any, ids: list[int], year: int, today: dt.date, *, departments: bool, direct: bool = False
) -> dict[str, Any]:
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
    visible = DigitalTool.objects.restrict(actor, "view").exclude(
        status__in=[ToolStatus.PENDING, ToolStatus.REFUSED]
    )
    linked = DigitalTool.communities.through.objects.filter(community_id__in=ids).values("digitaltool_id")
    tools = visible.filter(pk__in=linked)
    figures: dict[str, Any] = {
        "tools": 0,
        "work_groups": 0,
        "hours_per_week": 0.0,
        "breaches": 0,
        "closed_or_merged": 0,
    }
    if end < start:
        if departments:
            figures["breaches_by_department"] = []
        return figures
    in_year = tools.filter(started_on__lte=end).filter(Q(ended_on=None) | Q(ended_on__gte=start))
    counts = in_year.aggregate(
        tools=Count("id", filter=~Q(kind=ToolKind.WORK_GROUP)),
        groups=Count("id", filter=Q(kind=ToolKind.WORK_GROUP)),
    )
    if direct or getattr(actor, "is_department", False):  # its own tools only: from the declarations
        minutes = (
            Declaration.objects.filter(
                community_id__in=ids, tool__in=tools.values("pk"), declared_on__lte=end
            )
            .filter(Q(withdrawn_on=None) | Q(withdrawn_on__gt=end))
            .aggregate(m=Sum("tool__minutes_per_day"))["m"]
        )
    else:  # every tool of these communities: the monthly roll-up, live at the end's month
        from jianfu.digital.models import DigitalMonth

        row = DigitalMonth.objects.filter(community_id__in=ids, month__lte=month_start(end)).aggregate(
            i=Sum("minutes_in"), o=Sum("minutes_out")
        )
        minutes = (row["i"] or Decimal(0)) - (row["o"] or Decimal(0))
    breaches = Violation.objects.filter(tool__in=in_year.values("pk"), detected_on__lte=end).filter(
        Q(resolved_on=None) | Q(resolved_on__gte=start)
    )
    figures.update(
        tools=counts["tools"],
        work_groups=counts["groups"],
        hours_per_week=float(_hours(minutes)),
        breaches=breaches.count(),
        closed_or_merged=tools.filter(
            status__in=list(GONE_STATUSES), ended_on__gte=start, ended_on__lte=end
        ).count(),
    )
    if departments:
        rows = (
            breaches.values("tool__owner_department__name", "tool__owner_note")
            .annotate(n=Count("id"))
            .order_by("-n", "tool__owner_department__name")
        )
        merged: Counter = Counter()
        for r in rows:
            merged[r["tool__owner_department__name"] or r["tool__owner_note"] or "—"] += r["n"]
        figures["breaches_by_department"] = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
    return figures


def digital_scorecard_figures(
    *, actor: Any, community_ids: list[int], year: int, direct: bool = False
) -> dict[str, Any]:
    """The apps-and-groups figures of the scorecard for these communities (scoped to the actor):
    {"tools", "work_groups", "hours_per_week", "breaches", "breaches_by_department":
    [(department, count)], "closed_or_merged", "previous_year": {same keys without
    breaches_by_department}}. Tools: apps, mini-programs and public accounts in use during the year;
    hours per week: estimated (SCM) for the declarations live at the year's end (today for this
    year); breaches: rule breaches present during the year; closed_or_merged: ended in the year."""
    today = timezone.localdate()
    ids = list(communities_for(actor, "view").filter(pk__in=list(community_ids)).values_list("pk", flat=True))
    current = _year_figures(actor, ids, year, today, departments=True, direct=direct)
    current["previous_year"] = _year_figures(actor, ids, year - 1, today, departments=False, direct=direct)
    return current


def ask_unit_times() -> list[dict[str, Any]]:
    """The Standard Cost Model's minutes per ask: the stored figure, or the default (one query)."""
    from jianfu.digital.choices import DEFAULT_ASK_MINUTES, AskKind
    from jianfu.digital.models import AskUnitTime

    stored = {r.kind: r for r in AskUnitTime.objects.select_related("updated_by").order_by("kind")}
    rows = []
    for kind in AskKind:
        default, default_basis = DEFAULT_ASK_MINUTES[kind.value]
        row = stored.get(kind.value)
        rows.append(
            {
                "kind": kind.value,
                "label": str(kind.label),
                "minutes": row.minutes if row else default,
                "default": default,
                "basis": row.basis if row else default_basis,
                "updated_by": str(row.updated_by) if row and row.updated_by else "",
                "updated_at": row.updated_at if row else None,
            }
        )
    return rows
