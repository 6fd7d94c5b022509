"""Reads of the burden ledger. Every function takes the acting user and stays inside their scope.

The dashboard aggregates the monthly rollup (`MonthlyBurden`) in SQL: one GROUP BY per figure, never
a Python loop over entries.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import communities_for, may
from jianfu.burden.choices import AlertStatus, AlertSubject, EntryKind
from jianfu.burden.format import hours_float
from jianfu.burden.models import (
    BurdenEntry,
    CommunityMonth,
    DepartmentMonth,
    MonthlyBurden,
    ReboundAlert,
    UnitTime,
)
from jianfu.burden.services import DEFAULT_UNIT_MINUTES, add_months, month_start
from jianfu.core import compiled
from jianfu.core.rows import InstanceShape
from jianfu.orgs.models import Community, Department, Street

TOP_DEPARTMENTS = 10
DEFAULT_MONTHS = 12
MAX_MONTHS = 60


def may_manage_burden(user: Any) -> bool:
    """The 减负办 (street or district) and the district administrator manage unit times and alerts."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.is_burden_office or user.role == Role.DISTRICT_ADMIN)


def recordable_communities(user: Any) -> QuerySet[Community]:
    """Communities for which the user may enter ledger entries by hand."""
    if may_manage_burden(user):
        return communities_for(user, "view")
    if getattr(user, "is_authenticated", False) and user.is_community_staff:
        return communities_for(user, "change")
    return Community.objects.none()


def may_record(user: Any) -> bool:
    """Whether the user may enter ledger entries for some community (counted by SQL compiled once per actor)."""
    return compiled.count(user, ("burden.recordable",), recordable_communities) > 0


def may_correct(user: Any, entry: BurdenEntry) -> bool:
    return recordable_communities(user).filter(pk=entry.community_id).exists()


def departments_for(user: Any) -> QuerySet[Department]:
    """Departments that can impose work on the user's communities (for filters and the entry form)."""
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    if user.role == Role.DEPARTMENT:
        return Department.objects.filter(pk=user.department_id)
    streets = communities_for(user, "view").values("street_id")
    districts = Street.objects.filter(pk__in=streets).values("district_id")
    return Department.objects.filter(Q(street__isnull=True) | Q(street__in=streets), district__in=districts)


def streets_for(user: Any) -> QuerySet[Street]:
    return Street.objects.filter(pk__in=communities_for(user, "view").values("street_id"))


def _communities_viewed(actor: Any) -> QuerySet[Community]:
    return communities_for(actor, "view")


_FILTER_LISTS = {"streets": streets_for, "communities": _communities_viewed, "departments": departments_for}


def filter_choices(user: Any) -> dict[str, list[tuple[int, str]]]:
    """The (pk, name) rows of the filters' street, community and department selects, by code; their
    SQL compiled once per actor (jianfu.core.compiled)."""

    def choices(name: str) -> list[tuple[int, str]]:
        of = _FILTER_LISTS[name]
        rows = compiled.rows(
            user, ("burden.filters", name), lambda a: of(a).order_by("code").values("pk", "name")
        )
        return [(r["pk"], r["name"]) for r in rows]

    return {name: choices(name) for name in _FILTER_LISTS}


def parse_month(value: str | None) -> dt.date | None:
    """'2026-05' → date(2026, 5, 1); anything else → None."""
    if not value:
        return None
    try:
        month = dt.datetime.strptime(value.strip()[:7], "%Y-%m").date()
    except ValueError:
        return None
    return month if 1990 <= month.year <= 2100 else None


@dataclass
class LedgerFilter:
    community: int | None = None
    street: int | None = None
    department: int | None = None
    kind: str = ""
    month: dt.date | None = None
    month_from: dt.date | None = None
    month_to: dt.date | None = None

    @classmethod
    def from_params(cls, params: Any) -> "LedgerFilter":
        def as_int(name: str) -> int | None:
            value = (params.get(name) or "").strip()
            return int(value) if value.isascii() and value.isdigit() else None

        return cls(
            community=as_int("community"),
            street=as_int("street"),
            department=as_int("department"),
            kind=(params.get("kind") or "").strip()[:32],
            month=parse_month(params.get("month")),
            month_from=parse_month(params.get("from")),
            month_to=parse_month(params.get("to")),
        )

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.community:
            qs = qs.filter(community_id=self.community)
        if self.street:
            qs = qs.filter(community__street_id=self.street)
        if self.department:
            qs = qs.filter(department_id=self.department)
        if self.kind and hasattr(qs.model, "kind"):
            qs = qs.filter(kind=self.kind)
        if self.month:
            qs = qs.filter(month=self.month)
        if self.month_from:
            qs = qs.filter(month__gte=self.month_from)
        if self.month_to:
            qs = qs.filter(month__lte=self.month_to)
        return qs

    def as_dict(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "street": self.street,
            "department": self.department,
            "kind": self.kind,
            "month": self.month.strftime("%Y-%m") if self.month else "",
            "from": self.month_from.strftime("%Y-%m") if self.month_from else "",
            "to": self.month_to.strftime("%Y-%m") if self.month_to else "",
        }


def entry_list(*, user: Any, filters: LedgerFilter | None = None) -> QuerySet[BurdenEntry]:
    qs = BurdenEntry.objects.restrict(user, "view").select_related("community", "department")
    return (filters or LedgerFilter()).apply(qs)


_ENTRY_KIND = dict(BurdenEntry._meta.get_field("kind").flatchoices)


@dataclass(slots=True)
class EntryRow:
    """A ledger entry as the list shows it ({% entry_rows %}), from a `values()` row."""

    pk: int
    occurred_on: dt.date
    community_name: str
    department_name: str | None
    kind: str
    title: str
    hours: Decimal
    corrected_hours: Decimal | None
    saved_hours: Decimal
    outside_lists: bool
    withdrawn_at: dt.datetime | None

    def get_kind_display(self) -> Any:
        return _ENTRY_KIND.get(self.kind, self.kind)


ENTRY_ROW_COLUMNS = {
    "pk": "pk",
    "occurred_on": "occurred_on",
    "community_name": "community__name",
    "department_name": "department__name",
    "kind": "kind",
    "title": "title",
    "hours": "hours",
    "corrected_hours": "corrected_hours",
    "saved_hours": "saved_hours",
    "outside_lists": "outside_lists",
    "withdrawn_at": "withdrawn_at",
}


class EntryPages:
    """The ledger list for a Paginator: its count and each page's rows compiled to SQL once per actor,
    filter and page (jianfu.core.compiled); building the scoped, filtered query cost more than
    running it, and model instances more than `EntryRow`s."""

    def __init__(self, user: Any, filters: LedgerFilter) -> None:
        self.user = user
        self.filters = filters
        self.key = ("burden.entries", *sorted(filters.as_dict().items()))
        self.dates = tuple(d for d in (filters.month, filters.month_from, filters.month_to) if d)

    def _build(self, actor: Any) -> QuerySet[BurdenEntry]:
        return self.filters.apply(BurdenEntry.objects.restrict(actor, "view"))

    def count(self) -> int:
        return compiled.count(self.user, (*self.key, "count"), self._build, dates=self.dates)

    def __getitem__(self, window: slice) -> list[EntryRow]:
        columns = ENTRY_ROW_COLUMNS

        def build(actor: Any) -> QuerySet:
            return self._build(actor).values(*columns.values())[window]

        rows = compiled.rows(self.user, (*self.key, window.start, window.stop), build, dates=self.dates)
        return [EntryRow(**{name: r[column] for name, column in columns.items()}) for r in rows]


def entry_get(*, user: Any, pk: int) -> BurdenEntry:
    return get_object_or_404(
        BurdenEntry.objects.restrict(user, "view").select_related(
            "community", "community__street", "department", "corrected_by", "recorded_by"
        ),
        pk=pk,
    )


def unit_times() -> list[dict[str, Any]]:
    """Every kind with its current minutes per unit, unit and basis (defaults where none is stored)."""
    stored = {u.kind: u for u in UnitTime.objects.select_related("updated_by")}
    rows = []
    for kind, (minutes, unit, basis) in DEFAULT_UNIT_MINUTES.items():
        row = stored.get(kind)
        rows.append(
            {
                "kind": str(kind),
                "label": EntryKind(kind).label,
                "minutes_per_unit": row.minutes_per_unit if row else minutes,
                "unit_label": row.unit_label if row else unit,
                "basis": row.basis if row else basis,
                "default_minutes": minutes,
                "updated_at": row.updated_at if row else None,
                "updated_by": row.updated_by if row else None,
            }
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Dashboard


def _f(value: Any) -> float:
    """Hours (and shares) with one decimal, as everywhere (jianfu.burden.format)."""
    return hours_float(value)


@dataclass
class Dashboard:
    month_from: dt.date
    month_to: dt.date
    months: list[str] = field(default_factory=list)
    imposed_by_month: list[float] = field(default_factory=list)
    saved_by_month: list[float] = field(default_factory=list)
    outside_by_month: list[float] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    by_community: list[dict[str, Any]] = field(default_factory=list)
    by_street: list[dict[str, Any]] = field(default_factory=list)
    top_departments: list[dict[str, Any]] = field(default_factory=list)
    approvals: dict[str, int] = field(default_factory=dict)
    refusals_by_department: list[dict[str, Any]] = field(default_factory=list)
    ratings: list[dict[str, Any]] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.month_from.strftime("%Y-%m"),
            "to": self.month_to.strftime("%Y-%m"),
            "months": self.months,
            "imposed_by_month": self.imposed_by_month,
            "saved_by_month": self.saved_by_month,
            "outside_by_month": self.outside_by_month,
            "totals": self.totals,
            "by_community": self.by_community,
            "by_street": self.by_street,
            "top_departments": self.top_departments,
            "approvals": self.approvals,
            "refusals_by_department": self.refusals_by_department,
            "ratings": self.ratings,
            "alerts": self.alerts,
        }


def dashboard_range(filters: LedgerFilter) -> tuple[dt.date, dt.date]:
    today = month_start(timezone.localdate())
    month_to = filters.month_to or filters.month or today
    month_from = filters.month_from or filters.month or add_months(month_to, -(DEFAULT_MONTHS - 1))
    if month_from > month_to:
        month_from, month_to = month_to, month_from
    if (month_to.year - month_from.year) * 12 + month_to.month - month_from.month >= MAX_MONTHS:
        month_from = add_months(month_to, -(MAX_MONTHS - 1))
    return month_from, month_to


def dashboard_figures(*, user: Any, filters: LedgerFilter | None = None) -> Dashboard:
    filters = filters or LedgerFilter()
    month_from, month_to = dashboard_range(filters)
    ranged = LedgerFilter(
        community=filters.community,
        street=filters.street,
        department=filters.department,
        month_from=month_from,
        month_to=month_to,
    )
    by_department = bool(filters.department) or (user.role == Role.DEPARTMENT and not user.is_superuser)

    # Pick the smallest rollup that answers exactly for this user and filter (see models).
    def rollup(actor: Any) -> QuerySet:
        fine = ranged.apply(MonthlyBurden.objects.restrict(actor, "view")).order_by()
        return (
            fine if by_department else ranged.apply(CommunityMonth.objects.restrict(actor, "view")).order_by()
        )

    def departments(actor: Any) -> QuerySet:
        if by_department or filters.community or not _whole_streets(actor):
            return ranged.apply(MonthlyBurden.objects.restrict(actor, "view")).order_by()
        rows = DepartmentMonth.objects.filter(
            street__in=streets_for(actor).values("pk"), month__gte=month_from, month__lte=month_to
        ).order_by()
        return rows.filter(street_id=filters.street) if filters.street else rows

    # each figure's SQL is compiled once per user, filter and range (jianfu.core.compiled)
    scope_key = ("burden.dashboard", filters.community, filters.street, filters.department)
    span = (month_from, month_to)
    street_field = "community__street" if by_department else "street"
    sums = {
        "imposed": Sum("imposed_hours"),
        "saved": Sum("saved_hours"),
        "outside": Sum("outside_hours"),
        "entries": Sum("entries"),
        "refusals": Sum("refusals"),
    }
    board = Dashboard(month_from=month_from, month_to=month_to)

    by_month = {
        r["month"]: r
        for r in compiled.rows(
            user, (*scope_key, "months"), lambda a: rollup(a).values("month").annotate(**sums), dates=span
        )
    }
    month = month_from
    totals: dict[str, Decimal | int] = {
        "imposed": Decimal(0),
        "saved": Decimal(0),
        "outside": Decimal(0),
        "entries": 0,
        "refusals": 0,
    }
    while month <= month_to:
        row = by_month.get(month, {})
        board.months.append(month.strftime("%Y-%m"))
        board.imposed_by_month.append(_f(row.get("imposed")))
        board.saved_by_month.append(_f(row.get("saved")))
        board.outside_by_month.append(_f(row.get("outside")))
        for key in totals:
            totals[key] += row.get(key) or 0
        month = add_months(month, 1)
    board.totals = {
        "imposed_hours": _f(totals["imposed"]),
        "saved_hours": _f(totals["saved"]),
        "outside_hours": _f(totals["outside"]),
        "outside_share": _f(totals["outside"] / totals["imposed"] * 100) if totals["imposed"] else 0.0,
        "entries": int(totals["entries"]),
        "refusals": int(totals["refusals"]),
    }

    def rows(qs, *, name_fields: dict[str, str]) -> list[dict[str, Any]]:
        out = []
        for r in qs:
            imposed = r["imposed"] or 0
            out.append(
                {
                    **{key: r[src] for key, src in name_fields.items()},
                    "imposed_hours": _f(imposed),
                    "saved_hours": _f(r["saved"]),
                    "outside_share": _f((r["outside"] or 0) / imposed * 100) if imposed else 0.0,
                    "entries": int(r["entries"] or 0),
                    "refusals": int(r["refusals"] or 0),
                }
            )
        return out

    # One GROUP BY per rollup instead of one per figure: streets are sums of their communities, and
    # both department figures come from one grouping (a department's refusals are its rows' sum).
    community_rows = compiled.rows(
        user,
        (*scope_key, "communities"),
        lambda a: (
            rollup(a)
            .values(
                "community_id",
                "community__name",
                "community__code",
                f"{street_field}_id",
                f"{street_field}__name",
            )
            .annotate(**sums)
            .order_by("-imposed", "community__code")
        ),
        dates=span,
    )
    board.by_community = rows(
        community_rows,
        name_fields={
            "id": "community_id",
            "name": "community__name",
            "code": "community__code",
            "street": f"{street_field}__name",
        },
    )
    board.by_street = rows(
        summed_by(community_rows, f"{street_field}_id", f"{street_field}__name", keys=tuple(sums)),
        name_fields={"id": f"{street_field}_id", "name": f"{street_field}__name"},
    )
    department_rows = compiled.rows(
        user,
        (*scope_key, "departments"),
        lambda a: (
            departments(a)
            .exclude(department=None)
            .values("department_id", "department__name")
            .annotate(**sums)
            .order_by("-imposed", "department__name")
        ),
        dates=span,
    )
    board.top_departments = rows(
        department_rows[:TOP_DEPARTMENTS],
        name_fields={"id": "department_id", "name": "department__name"},
    )
    refused = sorted(
        (r for r in department_rows if r["refusals"]),
        key=lambda r: (-r["refusals"], r["department__name"]),
    )
    board.refusals_by_department = [
        {"id": r["department_id"], "name": r["department__name"], "refusals": int(r["refusals"])}
        for r in refused[:TOP_DEPARTMENTS]
    ]
    board.approvals = _approvals(user, filters, month_from, month_to)
    board.ratings = _ratings(user, filters, month_from, month_to)
    board.alerts = _open_alerts(user) if may_manage_burden(user) else []
    return board


def _open_alerts(user: Any) -> list[dict[str, Any]]:
    """The ten first open rebound alerts (the list's order), as the dashboard shows them."""

    def build(actor: Any) -> QuerySet:
        return (
            ReboundAlert.objects.restrict(actor, "view")
            .filter(status=AlertStatus.OPEN)
            .values(
                "pk",
                "subject",
                "community__name",
                "department__name",
                "month",
                "hours",
                "baseline",
                "threshold",
                "status",
            )[:10]
        )

    this_month = timezone.localdate().replace(day=1)
    return [
        {
            "id": a["pk"],
            "subject": a["subject"],
            # ReboundAlert.subject_name: str() of the community or the department, i.e. its name
            "name": str(
                a["community__name"] if a["subject"] == AlertSubject.COMMUNITY else a["department__name"]
            ),
            "month": a["month"].strftime("%Y-%m"),
            "hours": _f(a["hours"]),
            "baseline": _f(a["baseline"]),
            "threshold": _f(a["threshold"]),
            "status": a["status"],
            "month_to_date": a["month"] == this_month,
        }
        for a in compiled.rows(user, ("burden.dashboard", "open alerts"), build)
    ]


def summed_by(rows: list[dict[str, Any]], id_key: str, name_key: str, *, keys: tuple[str, ...]) -> list[dict]:
    """Rows of finer groups summed into their parent (communities into streets), biggest imposed first."""
    parents: dict[Any, dict[str, Any]] = {}
    for r in rows:
        parent = parents.setdefault(
            r[id_key], {id_key: r[id_key], name_key: r[name_key], **dict.fromkeys(keys, 0)}
        )
        for key in keys:
            parent[key] += r[key] or 0
    return sorted(parents.values(), key=lambda p: (-p["imposed"], p[name_key] or ""))


def _whole_streets(user: Any) -> bool:
    """Whether the user's scope is made of whole streets (so street-level rollups answer exactly)."""
    return bool(
        user.is_superuser or user.role in (Role.STREET_OFFICE, Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN)
    )


def _target_communities(user: Any, filters: LedgerFilter) -> QuerySet[Community]:
    communities = communities_for(user, "view")
    if filters.community:
        communities = communities.filter(pk=filters.community)
    if filters.street:
        communities = communities.filter(street_id=filters.street)
    return communities


def _approvals(user: Any, filters: LedgerFilter, month_from: dt.date, month_to: dt.date) -> dict[str, int]:
    """Tasks awaiting the 减负办's decision that reach the user's communities; overdue past decision_due."""
    from jianfu.gate.choices import TaskStatus
    from jianfu.gate.models import Task, TaskTarget

    today = timezone.localdate()
    after = add_months(month_to, 1)

    def targets(actor: Any) -> QuerySet:
        return TaskTarget.objects.filter(community__in=_target_communities(actor, filters).values("pk"))

    def pending(actor: Any) -> tuple[QuerySet, dict]:
        tasks = Task.objects.restrict(actor, "view").filter(pk__in=targets(actor).values("task_id"))
        if filters.department:
            tasks = tasks.filter(department_id=filters.department)
        return tasks.filter(status=TaskStatus.PENDING_APPROVAL), {
            "pending": Count("id"),
            "overdue": Count("id", filter=Q(decision_due__lt=today)),
        }

    def refused(actor: Any) -> QuerySet:
        rows = TaskTarget.objects.restrict(actor, "view").filter(
            pk__in=targets(actor).values("pk"),
            status="refused",
            refused_at__date__gte=month_from,
            refused_at__date__lt=after,
        )
        return _of_department(rows, actor, filters)

    key = ("burden.approvals", filters.community, filters.street, filters.department)
    figures = compiled.aggregate(user, (*key, "pending"), pending, dates=(today,))
    return {
        "pending": figures["pending"] or 0,
        "overdue": figures["overdue"] or 0,
        "refused_targets": compiled.count(user, (*key, "refused"), refused, dates=(month_from, after)),
    }


def _of_department(rows: Any, actor: Any, filters: LedgerFilter) -> Any:
    """Rows of tasks narrowed to the filtered department, and a department user to their own."""
    if filters.department:
        rows = rows.filter(task__department_id=filters.department)
    if actor.role == Role.DEPARTMENT and not actor.is_superuser:
        rows = rows.filter(task__department_id=actor.department_id)
    return rows


def _ratings(
    user: Any, filters: LedgerFilter, month_from: dt.date, month_to: dt.date
) -> list[dict[str, Any]]:
    """Communities' reverse evaluation of departments: average score and count per department."""
    from jianfu.gate.models import TaskRating

    after = add_months(month_to, 1)

    def grouped(actor: Any) -> QuerySet:
        ratings = TaskRating.objects.restrict(actor, "view").filter(
            community__in=_target_communities(actor, filters).values("pk"),
            created_at__date__gte=month_from,
            created_at__date__lt=after,
        )
        ratings = _of_department(ratings, actor, filters)
        return (
            ratings.order_by()
            .values("task__department_id", "task__department__name")
            .annotate(avg=Avg("score"), n=Count("id"))
            .order_by("avg", "task__department__name")
        )

    key = ("burden.ratings", filters.community, filters.street, filters.department)
    return [
        {
            "id": r["task__department_id"],
            "name": r["task__department__name"],
            "average": round(r["avg"] or 0, 2),
            "count": r["n"],
        }
        for r in compiled.rows(user, key, grouped, dates=(month_from, after))
    ]


# ---------------------------------------------------------------------------------------------
# Alerts


def alert_list(*, user: Any, status: str = "") -> QuerySet[ReboundAlert]:
    qs = ReboundAlert.objects.restrict(user, "view").select_related(
        "community", "community__street", "department", "acknowledged_by"
    )
    if status:
        qs = qs.filter(status=status)
    return qs


# the alert list's rows with only the columns they show (burden_format.alert_rows): the street, the
# acknowledging user and the figures behind an alert are read on its own page
ALERT_ROW_SHAPE = InstanceShape(
    ReboundAlert,
    ("month", "subject", "hours", "baseline", "threshold", "status"),
    community=("name",),
    department=("name",),
)


class AlertListRows:
    """`alert_list(user=…, status=…)` as the list page's Paginator takes it: the count and each page's
    rows read through SQL compiled once per user, status and page bounds (jianfu.core.compiled), fresh
    every time, as instances with ALERT_ROW_SHAPE's columns."""

    def __init__(self, *, user: Any, status: str = "") -> None:
        self.user = user
        self.status = status

    def count(self) -> int:
        return compiled.count(
            self.user,
            ("burden.alerts.count", self.status),
            lambda actor: alert_list(user=actor, status=self.status),
        )

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, bounds: slice) -> list[ReboundAlert]:
        start, stop = bounds.start, bounds.stop

        def build(actor: Any) -> QuerySet:
            return alert_list(user=actor, status=self.status).values(*ALERT_ROW_SHAPE.names)[start:stop]

        rows = compiled.rows(self.user, ("burden.alerts.rows", self.status, start, stop), build)
        db = ReboundAlert.objects.db
        return [ALERT_ROW_SHAPE.build(db, row) for row in rows]


def alert_get(*, user: Any, pk: int) -> ReboundAlert:
    return get_object_or_404(alert_list(user=user), pk=pk)


def alert_entries(*, user: Any, alert: ReboundAlert, limit: int = 200) -> QuerySet[BurdenEntry]:
    """The entries that caused the alert: the subject's entries of that month, biggest first."""
    qs = BurdenEntry.objects.restrict(user, "view").filter(month=alert.month).exclude(kind="task_refused")
    if alert.subject == AlertSubject.COMMUNITY:
        assert alert.community_id is not None  # a community alert always names its community
        qs = qs.filter(community_id=alert.community_id)
    else:
        assert alert.department_id is not None  # a department alert always names its department
        qs = qs.filter(department_id=alert.department_id)
    from django.db.models.functions import Coalesce

    return (
        qs.select_related("community", "department")
        .annotate(effective=Coalesce(F("corrected_hours"), F("hours")))
        .order_by("-effective", "-id")[:limit]
    )


def may_view_dashboard(user: Any) -> bool:
    return may(user, "view")
