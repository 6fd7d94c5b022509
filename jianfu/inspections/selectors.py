"""Reads of the inspections app, always for an acting user (through `restrict`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from jianfu.accounts.scope import communities_for
from jianfu.burden.choices import AlertStatus
from jianfu.core import compiled
from jianfu.inspections.choices import LIVE_STATUSES, MERGEABLE_STATUSES, InspectionStatus, MaterialStatus
from jianfu.inspections.models import (
    Inspection,
    InspectionRules,
    InspectionTarget,
    InspectorGrant,
    Material,
    VisitReboundAlert,
)
from jianfu.inspections.rules import CAP_FIELDS, Caps, caps_of, is_rebound, last_year_cutoff
from jianfu.inspections.services import MergeProposal, overlaps, preparation_hours_of
from jianfu.orgs.models import Community

__all__ = ["MergeProposal"]


def inspections_for(user: Any, *, year: int | None = None, status: str | None = None) -> QuerySet[Inspection]:
    qs = Inspection.objects.restrict(user, "view").select_related("department", "merged_into")
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.prefetch_related(
        Prefetch(
            "targets",
            queryset=InspectionTarget.objects.select_related("community").order_by("community__code"),
        )
    ).order_by("window_start", "id")


_STATUS_LABELS = dict(Inspection._meta.get_field("status").flatchoices)
_ROUTE_LABELS = dict(Inspection._meta.get_field("route").flatchoices)


@dataclass(slots=True)
class VisitRow:
    """A visit as the list page shows it ({% visit_rows %}, the 减负办's sections, merge proposals),
    from a `values()` row; `targets` are its (community id, name) by community code."""

    pk: int
    year: int
    title: str
    window_start: dt.date
    window_end: dt.date
    department_name: str
    status: str
    route: str
    joint: bool
    emergency: bool
    emergency_reason: str
    emergency_reviewed_at: dt.datetime | None
    unannounced: bool
    plan_id: int | None
    items: list[str]
    merged_into_id: int | None
    merged_into_title: str | None
    targets: list[tuple[int, str]] = field(default_factory=list)

    def get_status_display(self) -> Any:
        return _STATUS_LABELS.get(self.status, self.status)

    def get_route_display(self) -> Any:
        return _ROUTE_LABELS.get(self.route, self.route)


VISIT_ROW_COLUMNS = {
    **{name: name for name in ("pk", "year", "title", "window_start", "window_end", "status", "route")},
    **{name: name for name in ("joint", "emergency", "emergency_reason", "emergency_reviewed_at")},
    **{name: name for name in ("unannounced", "plan_id", "items", "merged_into_id")},
    "department_name": "department__name",
    "merged_into_title": "merged_into__title",
}


def _visits_of_year(actor: Any, year: int) -> QuerySet[Inspection]:
    return Inspection.objects.restrict(actor, "view").filter(year=year)


def visit_rows(user: Any, *, year: int) -> list[VisitRow]:
    """The visits of `inspections_for(user, year=year)`, in its order, as `VisitRow`s: the visits and
    their targets read by two queries compiled once per user and year (jianfu.core.compiled), both
    scoped by the same `restrict()` (which reads no department row: a department's visits are by its id)."""

    def visits(actor: Any) -> QuerySet:
        return _visits_of_year(actor, year).order_by("window_start", "id").values(*VISIT_ROW_COLUMNS.values())

    def targets(actor: Any) -> QuerySet:
        return (
            InspectionTarget.objects.filter(inspection__in=_visits_of_year(actor, year).values("pk"))
            .order_by("community__code")
            .values("inspection_id", "community_id", "community__name")
        )

    rows = [
        VisitRow(**{name: r[column] for name, column in VISIT_ROW_COLUMNS.items()})
        for r in compiled.rows(user, ("inspections.visit_rows", year), visits, department_read=False)
    ]
    if rows:
        by_pk = {v.pk: v for v in rows}
        for t in compiled.rows(user, ("inspections.visit_targets", year), targets, department_read=False):
            by_pk[t["inspection_id"]].targets.append((t["community_id"], t["community__name"]))
    return rows


def live_grants(user: Any) -> list[dict[str, Any]]:
    """The user's live inspector grants (visit, its title, expiry), compiled once per user; the
    current time is put in the query at every execution."""

    def build(actor: Any) -> QuerySet:
        return (
            InspectorGrant.active()
            .filter(user_id=actor.pk)
            .values("inspection_id", "inspection__title", "expires_at")
        )

    return compiled.rows(user, ("inspections.live_grants",), build, department_read=False)


def inspection_detail(user: Any, pk: int) -> Inspection | None:
    return (
        Inspection.objects.restrict(user, "view")
        .select_related("department", "plan", "merged_into", "decided_by")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=InspectionTarget.objects.select_related("community").order_by("community__code"),
            ),
            Prefetch("materials", queryset=Material.objects.order_by("position", "id")),
            "members__department",
        )
        .filter(pk=pk)
        .first()
    )


def merge_proposals(user: Any, *, year: int, listed: list[VisitRow] | None = None) -> list[MergeProposal]:
    """Pairs of live visits the same year that share communities and overlap in window or items.

    `listed`: the user's visits of that year as `visit_rows(user, year=year)` read them (with their
    targets), so the list page does not read them twice; the proposals then pair those rows."""
    visits: list[Any]  # Inspections, or the listed VisitRows
    if listed is None:
        visits = list(
            Inspection.objects.restrict(user, "view")
            .filter(year=year, status__in=MERGEABLE_STATUSES)
            .select_related("department")
            .order_by("window_start", "id")
        )
        targets: Any = (
            (t.inspection_id, t.community_id, t.community.name)
            for t in InspectionTarget.objects.filter(inspection__in=visits).select_related("community")
        )
    else:
        rows = [v for v in listed if v.year == year and v.status in MERGEABLE_STATUSES]
        targets = ((v.pk, community_id, name) for v in rows for community_id, name in v.targets)
        visits = rows
    communities: dict[int, set[int]] = defaultdict(set)
    names: dict[int, str] = {}
    for visit_id, community_id, name in targets:
        communities[visit_id].add(community_id)
        names[community_id] = name
    proposals = []
    for i, a in enumerate(visits):
        for b in visits[i + 1 :]:
            if overlaps(a, b, communities[a.pk], communities[b.pk]):
                shared = sorted(names[c] for c in communities[a.pk] & communities[b.pk])
                window = a.window_start <= b.window_end and b.window_start <= a.window_end
                proposals.append(
                    MergeProposal(a, b, tuple(shared), window, tuple(sorted(set(a.items) & set(b.items))))
                )
    return proposals


def calendar_reach(user: Any):
    """Communities whose calendar the user may read: their own scope; a department its whole reach (to plan)."""
    if getattr(user, "is_authenticated", False) and user.is_department and user.department_id:
        from jianfu.inspections.services import _department_reach

        return _department_reach(user.department).order_by("code")
    return communities_for(user, "view").order_by("code")


def calendar_communities(user: Any) -> list[Community]:
    """`calendar_reach(user)`, by code, as Community instances (id, street, code, name) from rows read
    by a query compiled once per user (jianfu.core.compiled)."""

    def build(actor: Any) -> QuerySet:
        return calendar_reach(actor).values("pk", "street_id", "code", "name")

    return [_community(r) for r in compiled.rows(user, ("inspections.calendar_reach",), build)]


def calendar_community(user: Any, communities: list[Community], code: str) -> Community | None:
    """The community whose calendar is shown, among `calendar_communities(user)`: the one of `code`,
    else the user's own (if reached), else the first; None when that is not among them."""
    if not code and user.community_id:
        own = next((c for c in communities if c.pk == user.community_id), None)
        code = own.code if own is not None else user.community.code
    if code:
        return next((c for c in communities if c.code == code), None)
    return communities[0] if communities else None


def calendar_visits(community: Any, year: int) -> list[Inspection]:
    """A community's published inspection calendar: admitted and completed visits (merged ones appear as the joint)."""
    return list(
        Inspection.objects.filter(
            year=year,
            status__in=[InspectionStatus.ADMITTED, InspectionStatus.COMPLETED],
            targets__community=community,
        )
        .select_related("department")
        .order_by("window_start", "id")
    )


@dataclass
class CommunityYear:
    community: Any
    year: int
    visits: int
    cap: int
    merged: int
    registered: int
    refused: int
    prep_manual: Decimal
    prep_package: Decimal
    traces_refused: int
    last_year_to_date: int
    rebound: bool

    @property
    def share_merged(self) -> float:
        return round(self.merged / self.registered, 3) if self.registered else 0.0

    @property
    def over_cap(self) -> bool:
        return self.visits > self.cap


def _live_visits(counts: defaultdict[str, int]) -> int:
    """A community's visits that count against the cap, from its visits by status."""
    return sum(counts[x] for x in LIVE_STATUSES)


def _targets_seen(actor: Any) -> QuerySet[InspectionTarget]:
    """The visits' targets in the communities the actor sees (the dashboard's reads start here)."""
    return InspectionTarget.objects.filter(community__in=communities_for(actor, "view"))


def _visible_communities(user: Any) -> list[dict[str, Any]]:
    """The communities the user sees, by code, with their district (compiled once per user)."""

    def build(actor: Any) -> QuerySet:
        return (
            communities_for(actor, "view")
            .order_by("code")
            .values("pk", "street_id", "code", "name", "street__district_id")
        )

    return compiled.rows(user, ("inspections.dashboard.communities",), build)


def _community(row: dict[str, Any]) -> Community:
    return Community(id=row["pk"], street_id=row["street_id"], code=row["code"], name=row["name"])


def _visits_by_status(user: Any, year: int) -> defaultdict[int, defaultdict[str, int]]:
    def build(actor: Any) -> QuerySet:
        return (
            _targets_seen(actor)
            .filter(inspection__year=year)
            .values("community_id", "inspection__status")
            .annotate(n=Count("inspection_id"))
        )

    by_status: defaultdict[int, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in compiled.rows(user, ("inspections.dashboard.by_status", year), build):
        by_status[row["community_id"]][row["inspection__status"]] += row["n"]
    return by_status


def _last_year_to_date(user: Any, year: int, cutoff: dt.date) -> dict[int, int]:
    """Live visits per community last year up to `cutoff` (the same period)."""

    def build(actor: Any) -> QuerySet:
        return (
            _targets_seen(actor)
            .filter(
                inspection__year=year - 1,
                inspection__status__in=sorted(LIVE_STATUSES),
                inspection__window_start__lte=cutoff,
            )
            .values("community_id")
            .annotate(n=Count("inspection_id"))
        )

    rows = compiled.rows(user, ("inspections.dashboard.last_year", year), build, dates=(cutoff,))
    return {r["community_id"]: r["n"] for r in rows}


def _traces_refused(user: Any, year: int) -> dict[int, int]:
    """Refused 留痕 materials per community, this year."""

    def build(actor: Any) -> QuerySet:
        return (
            Material.objects.filter(
                inspection__targets__community__in=communities_for(actor, "view"),
                inspection__year=year,
                status=MaterialStatus.TRACE_REFUSED,
            )
            .values("inspection__targets__community_id")
            .annotate(n=Count("id"))
        )

    rows = compiled.rows(user, ("inspections.dashboard.traces", year), build)
    return {r["inspection__targets__community_id"]: r["n"] for r in rows}


def _preparation_by_community(user: Any, year: int) -> defaultdict[int, list[Decimal]]:
    """(manual, with the package) preparation hours per community: the sum over its live visits this
    year of each visit's `preparation_hours`, from one grouped read of the materials' statuses (a
    visit without materials counts too: its zero hours are written 0.00, not 0)."""

    def build(actor: Any) -> QuerySet:
        return (
            _targets_seen(actor)
            .filter(inspection__year=year, inspection__status__in=sorted(LIVE_STATUSES))
            .values("community_id", "inspection_id", "inspection__materials__status")
            .annotate(n=Count("inspection__materials__id"))
            .order_by()
        )

    statuses: defaultdict[tuple[int, int], list[str]] = defaultdict(list)
    for row in compiled.rows(user, ("inspections.dashboard.preparation", year), build):
        statuses[(row["community_id"], row["inspection_id"])] += [row["inspection__materials__status"]] * row[
            "n"
        ]
    prep: defaultdict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for (community_id, _visit), visit_statuses in statuses.items():
        manual, package = preparation_hours_of(visit_statuses)
        prep[community_id][0] += manual
        prep[community_id][1] += package
    return prep


def _rules_of_district(actor: Any, district_id: int) -> QuerySet:
    return InspectionRules.objects.filter(district_id=district_id).order_by("id").values(*CAP_FIELDS)[:1]


def _district_caps(user: Any, district_id: int) -> Caps:
    """`caps_for(district_id)`, its query compiled once per user with the district as the parameter."""
    rows = compiled.rows_for(user, "inspections.district_caps", _rules_of_district, district_id)
    return caps_of(rows[0] if rows else None)


@dataclass
class OverCap:
    community_id: int
    community_name: str
    visits: int
    cap: int


def over_cap(user: Any, *, year: int) -> list[OverCap]:
    """The communities whose live visits this year exceed the cap: the dashboard's `over_cap` rows,
    without the figures the list page does not show (preparation hours, 留痕, last year). One grouped
    query compiled once per user and year (jianfu.core.compiled), the district's caps a second."""

    def build(actor: Any) -> QuerySet:
        live = Q(
            inspection_targets__inspection__year=year,
            inspection_targets__inspection__status__in=sorted(LIVE_STATUSES),
        )
        return (
            communities_for(actor, "view")
            .order_by("code")
            .values("pk", "name", "street__district_id")
            .annotate(live=Count("inspection_targets", filter=live))
        )

    communities = compiled.rows(user, ("inspections.over_cap", year), build)
    if not communities:
        return []
    cap = _district_caps(user, communities[0]["street__district_id"]).per_community_per_year
    return [
        OverCap(community_id=c["pk"], community_name=c["name"], visits=c["live"], cap=cap)
        for c in communities
        if c["live"] > cap
    ]


def dashboard(user: Any, *, year: int, today: dt.date | None = None) -> list[CommunityYear]:
    """Per community and year: visits against the cap, share merged, preparation hours, 留痕 refused, rebound."""
    today = today or timezone.localdate()
    communities = _visible_communities(user)
    if not communities:
        return []
    by_status = _visits_by_status(user, year)
    last = _last_year_to_date(user, year, last_year_cutoff(year, today))
    traces = _traces_refused(user, year)
    prep = _preparation_by_community(user, year)
    caps = _district_caps(user, communities[0]["street__district_id"])
    rows = []
    for c in map(_community, communities):
        s = by_status[c.pk]
        visits = _live_visits(s)
        registered = visits + s[InspectionStatus.MERGED] + s[InspectionStatus.REFUSED]
        before = last.get(c.pk, 0)
        rebound = is_rebound(visits, before, caps)
        rows.append(
            CommunityYear(
                community=c,
                year=year,
                visits=visits,
                cap=caps.per_community_per_year,
                merged=s[InspectionStatus.MERGED],
                registered=registered,
                refused=s[InspectionStatus.REFUSED],
                prep_manual=prep[c.pk][0],
                prep_package=prep[c.pk][1],
                traces_refused=traces.get(c.pk, 0),
                last_year_to_date=before,
                rebound=rebound,
            )
        )
    return rows


def rebound_alerts(
    user: Any, *, year: int | None = None, status: str | None = None
) -> QuerySet[VisitReboundAlert]:
    """The rebound alerts of the communities the user sees (the 减负办's list; staff see their own)."""
    rows = VisitReboundAlert.objects.restrict(user, "view").select_related("community", "acknowledged_by")
    if year is not None:
        rows = rows.filter(year=year)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-year", "status", "-visits", "community__code")


_ALERT_STATUS_LABELS = dict(VisitReboundAlert._meta.get_field("status").flatchoices)


@dataclass(slots=True)
class AlertRow:
    """A rebound alert as the list page shows it, from a `values()` row; `acknowledged_by` is how the
    acknowledging user is written (`str(user)`), None if nobody acknowledged it."""

    pk: int
    community_name: str
    visits: int
    last_year_to_date: int
    cap: int
    status: str
    acknowledged_by: str | None
    acknowledged_at: dt.datetime | None
    note: str

    def get_status_display(self) -> Any:
        return _ALERT_STATUS_LABELS.get(self.status, self.status)


ALERT_ROW_COLUMNS = (
    *("pk", "community__name", "visits", "last_year_to_date", "cap", "status"),
    *("acknowledged_by_id", "acknowledged_by__display_name", "acknowledged_by__username"),
    *("acknowledged_at", "note"),
)


def open_alert_rows(user: Any, *, year: int) -> list[AlertRow]:
    """`rebound_alerts(user, year=year)` not yet cleared, in its order, as `AlertRow`s (compiled once
    per user and year)."""

    def build(actor: Any) -> QuerySet:
        return rebound_alerts(actor, year=year).exclude(status=AlertStatus.CLEARED).values(*ALERT_ROW_COLUMNS)

    return [
        AlertRow(
            pk=r["pk"],
            community_name=r["community__name"],
            visits=r["visits"],
            last_year_to_date=r["last_year_to_date"],
            cap=r["cap"],
            status=r["status"],
            acknowledged_by=None
            if r["acknowledged_by_id"] is None
            else r["acknowledged_by__display_name"] or r["acknowledged_by__username"],
            acknowledged_at=r["acknowledged_at"],
            note=r["note"],
        )
        for r in compiled.rows(user, ("inspections.open_alerts", year), build)
    ]
