"""Reads of the inspections app, always for an acting user (through `restrict`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from jianfu.accounts.scope import communities_for
from jianfu.core import compiled
from jianfu.inspections.choices import LIVE_STATUSES, MERGEABLE_STATUSES, InspectionStatus, MaterialStatus
from jianfu.inspections.models import Inspection, InspectionTarget, Material, VisitReboundAlert
from jianfu.inspections.rules import caps_for, is_rebound, last_year_cutoff
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


def merge_proposals(user: Any, *, year: int, listed: list[Inspection] | None = None) -> list[MergeProposal]:
    """Pairs of live visits the same year that share communities and overlap in window or items.

    `listed`: the user's visits of that year as `inspections_for(user, year=year)` read them (targets
    prefetched), so the list page does not read them twice."""
    if listed is None:
        visits = list(
            Inspection.objects.restrict(user, "view")
            .filter(year=year, status__in=MERGEABLE_STATUSES)
            .select_related("department")
            .order_by("window_start", "id")
        )
        targets: Any = InspectionTarget.objects.filter(inspection__in=visits).select_related("community")
    else:
        visits = [v for v in listed if v.year == year and v.status in MERGEABLE_STATUSES]
        targets = (t for v in visits for t in v.targets.all())
    communities: dict[int, set[int]] = defaultdict(set)
    names: dict[int, str] = {}
    for t in targets:
        communities[t.inspection_id].add(t.community_id)
        names[t.community_id] = t.community.name
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
    cap = caps_for(communities[0]["street__district_id"]).per_community_per_year
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
    caps = caps_for(communities[0]["street__district_id"])
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
