"""The scorecard: one page per district, street or community following the seven parts of the 2024 rules
(整治形式主义为基层减负若干规定; facts §8) — documents, meetings, inspections, secondments, apps and groups,
powers and duties, campaigns — each with its measured figures, the trend against last year, the
responsible departments, and the hours the burden ledger estimates for it.

Aggregated in SQL: two queries a part (figures with conditional counts for this year and last; the
departments of this year), one for the hours of every part. Scoped by `communities_for(actor, "view")`
∩ the unit; a department sees only its own figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.scope import communities_for
from jianfu.burden.choices import EntryKind
from jianfu.core.permissions import OutOfScope, require_actor
from jianfu.orgs.models import Community, District, Street

DEPARTMENTS_SHOWN = 10


@dataclass
class Figure:
    label: str
    value: int | float
    previous: int | float
    bad_when_up: bool = True  # a rise is a bad trend (most figures here count burdens)

    @property
    def trend(self) -> str:
        if self.value == self.previous:
            return "flat"
        return "up" if self.value > self.previous else "down"

    @property
    def worse(self) -> bool:
        return (self.trend == "up") == self.bad_when_up and self.trend != "flat"

    def as_json(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "previous": self.previous, "trend": self.trend}


@dataclass
class Part:
    key: str
    number: int
    title: str
    figures: list[Figure] = field(default_factory=list)
    departments: list[tuple[str, int]] = field(default_factory=list)
    hours: Decimal = Decimal(0)
    hours_previous: Decimal = Decimal(0)
    available: bool = True
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "part": self.number,
            "title": self.title,
            "available": self.available,
            "note": self.note,
            "figures": [f.as_json() for f in self.figures],
            "departments": [{"department": d, "count": n} for d, n in self.departments],
            "hours": float(self.hours),
            "hours_previous": float(self.hours_previous),
        }


@dataclass
class Scorecard:
    unit: Any
    level: str
    year: int
    communities: int
    parts: list[Part]
    department: Any = None

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": {"code": self.unit.code, "name": self.unit.name, "level": self.level},
            "year": self.year,
            "communities": self.communities,
            "department": self.department.code if self.department else None,
            "parts": [p.as_json() for p in self.parts],
        }


def find_unit(code: str) -> tuple[Any, str] | None:
    code = (code or "").strip()
    for model, level in ((Community, "community"), (Street, "street"), (District, "district")):
        unit = model.objects.filter(code=code).first()
        if unit is not None:
            return unit, level
    return None


def default_unit(actor: Any) -> tuple[Any, str] | None:
    if getattr(actor, "community_id", None):
        return actor.community, "community"
    if getattr(actor, "street_id", None) and getattr(actor, "role", "") == "street_office":
        return actor.street, "street"
    if getattr(actor, "department_id", None) and actor.department.street_id:
        return actor.department.street, "street"
    if getattr(actor, "district_id", None):
        return actor.district, "district"
    return None


def _unit_communities(unit: Any, level: str):
    if level == "community":
        return Community.objects.filter(pk=unit.pk)
    if level == "street":
        return Community.objects.filter(street_id=unit.pk)
    return Community.objects.filter(street__district_id=unit.pk)


@dataclass
class _Reach:
    """Which communities the card counts: `ids`, and `whole` when no community filter is needed at all
    (the unit is the only district of the installation and the actor reaches all of it)."""

    ids: list[int]
    whole: bool

    def q(self, path: str) -> Q:
        return Q() if self.whole else Q(**{f"{path}__in": self.ids})


def _reach(actor: Any, unit: Any, level: str) -> _Reach:
    unit_ids = list(_unit_communities(unit, level).values_list("pk", flat=True))
    ids = list(communities_for(actor, "view").filter(pk__in=unit_ids).values_list("pk", flat=True))
    whole = (
        level == "district"
        and bool(ids)
        and len(ids) == len(unit_ids)
        and not District.objects.exclude(pk=unit.pk).exists()
    )
    return _Reach(ids, whole)


def _reaching(model: Any, target_model: Any, fk: str, reach: _Reach) -> Q:
    """Rows of `model` with at least one target in the reached communities: an EXISTS probe of the
    target table's (item, community) index instead of a join + COUNT(DISTINCT)."""
    if reach.whole:
        return Q(pk__in=target_model.objects.values(fk))
    return Q(Exists(target_model.objects.filter(**{fk: OuterRef("pk")}, community_id__in=reach.ids)))


def _two(qs: Any, year_field: str, year: int, **counts: Q) -> dict[str, tuple[int, int]]:
    """One aggregate: each named count for this year and last (rows are already distinct)."""
    this, last = Q(**{year_field: year}), Q(**{year_field: year - 1})
    agg: dict[str, Any] = {}
    for name, q in counts.items():
        agg[f"{name}__now"] = Count("id", filter=q & this)
        agg[f"{name}__before"] = Count("id", filter=q & last)
    row = qs.aggregate(**agg)
    return {name: (row[f"{name}__now"] or 0, row[f"{name}__before"] or 0) for name in counts}


def _departments(qs: Any, path: str, year_field: str, year: int, q: Q) -> list[tuple[str, int]]:
    rows = (
        qs.filter(q, **{year_field: year})
        .values(path)
        .annotate(n=Count("id"))
        .order_by("-n", path)[:DEPARTMENTS_SHOWN]
    )
    return [(r[path] or "—", r["n"]) for r in rows]


def _start_of(year: int) -> dt.datetime:
    """The first instant of a year in the current time zone (datetime fields are compared in UTC)."""
    return timezone.make_aware(dt.datetime(year, 1, 1))


def _figures(
    counts: dict[str, tuple[int, int]], labels: dict[str, str], good: tuple[str, ...] = ()
) -> list[Figure]:
    return [Figure(labels[k], v[0], v[1], bad_when_up=k not in good) for k, v in counts.items()]


def scorecard(*, actor: Any, unit: Any, level: str, year: int) -> Scorecard:
    """The scorecard of a unit for a year; `OutOfScope` when the actor reaches none of its communities."""
    from jianfu.burden.models import BurdenEntry
    from jianfu.burden.services import AVOIDED
    from jianfu.campaigns.choices import CampaignStatus, SecondmentStatus, SignboardStatus
    from jianfu.campaigns.models import Campaign, CampaignTarget, Secondment, Signboard
    from jianfu.certificates.models import CertificateDemand
    from jianfu.gate.choices import Decision, TargetStatus
    from jianfu.gate.models import Task, TaskTarget
    from jianfu.inspections.choices import InspectionStatus
    from jianfu.inspections.models import Inspection, InspectionTarget
    from jianfu.meetings.choices import NoticeKind, NoticeStatus
    from jianfu.meetings.models import Notice, NoticeTarget

    require_actor(actor)
    reach = _reach(actor, unit, level)
    ids = reach.ids
    if not ids:
        raise OutOfScope
    dept = actor.department if getattr(actor, "is_department", False) and actor.department_id else None
    own = (lambda path: Q(**{path: dept.pk})) if dept else (lambda path: Q())
    parts: list[Part] = []
    years = [year - 1, year]

    # 1 and 2: documents and meetings, both kinds in one aggregate and one department query
    notices = Notice.objects.filter(
        _reaching(Notice, NoticeTarget, "notice_id", reach), own("department_id"), year__in=years
    )
    notice_kinds = (
        (1, NoticeKind.DOCUMENT, "documents", _("文件")),
        (2, NoticeKind.MEETING, "meetings", _("会议")),
    )
    both = _two(
        notices,
        "year",
        year,
        **{
            f"{key}_{status}": Q(kind=kind, status=value)
            for _n, kind, key, _t in notice_kinds
            for status, value in (("admitted", NoticeStatus.ADMITTED), ("refused", NoticeStatus.REFUSED))
        },
    )
    by_department: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for r in (
        notices.filter(year=year, status=NoticeStatus.ADMITTED)
        .values("kind", "department__name")
        .annotate(n=Count("id"))
        .order_by("kind", "-n", "department__name")
    ):
        if len(by_department[r["kind"]]) < DEPARTMENTS_SHOWN:
            by_department[r["kind"]].append((r["department__name"] or "—", r["n"]))
    for number, kind, key, title in notice_kinds:
        counts = {"admitted": both[f"{key}_admitted"], "refused": both[f"{key}_refused"]}
        labels = {"admitted": _("准入（发到社区）"), "refused": _("在准入环节拦下")}
        parts.append(
            Part(key, number, title, _figures(counts, labels, good=("refused",)), by_department[kind])
        )

    # 3: inspections
    visits = Inspection.objects.filter(
        _reaching(Inspection, InspectionTarget, "inspection_id", reach),
        own("department_id"),
        window_start__gte=dt.date(year - 1, 1, 1),
        window_start__lte=dt.date(year, 12, 31),
    )
    counts = _two(
        visits,
        "window_start__year",
        year,
        admitted=Q(status__in=[InspectionStatus.ADMITTED, InspectionStatus.COMPLETED]),
        refused=Q(status=InspectionStatus.REFUSED),
        merged=Q(status=InspectionStatus.MERGED),
    )
    labels = {"admitted": _("检查考核（准入）"), "refused": _("不予准入"), "merged": _("并入联合检查")}
    parts.append(
        Part(
            "inspections",
            3,
            _("督查检查考核"),
            _figures(counts, labels, good=("refused", "merged")),
            _departments(
                visits,
                "department__name",
                "window_start__year",
                year,
                Q(status__in=[InspectionStatus.ADMITTED, InspectionStatus.COMPLETED]),
            ),
        )
    )

    # 4: secondments (from the unit's communities, or from its streets)
    streets = Community.objects.filter(pk__in=ids).values("street_id")
    lent = Secondment.objects.filter(
        Q()
        if reach.whole
        else Q(community_id__in=ids) | Q(community__isnull=True, street_id__in=streets)
        if level != "community"
        else Q(community_id__in=ids),
        own("department_id"),
        year__in=years,
    )
    counts = _two(lent, "year", year, started=Q(), active=Q(status=SecondmentStatus.ACTIVE))
    labels = {"started": _("借调基层人员（人次）"), "active": _("尚未归还")}
    parts.append(
        Part(
            "secondments",
            4,
            _("借调"),
            _figures(counts, labels),
            _departments(lent, "department__name", "year", year, Q()),
        )
    )

    # 5: apps and groups (jianfu.digital)
    parts.append(_digital_part(actor, ids, year, dept))

    # 6: powers and duties — the lists and the gate
    targets = TaskTarget.objects.filter(
        reach.q("community_id"),
        own("task__department_id"),
        task__in=Task.objects.filter(
            created_at__gte=_start_of(year - 1), created_at__lt=_start_of(year + 1)
        ).values("pk"),
    )
    counts = _two(
        targets,
        "task__created_at__year",
        year,
        admitted=Q(task__decision=Decision.ADMITTED),
        needs_approval=Q(task__decision=Decision.NEEDS_APPROVAL),
        rejected=Q(task__decision=Decision.REJECTED),
        registry=Q(task__decision=Decision.SERVED_FROM_REGISTRY),
        community_refused=Q(status=TargetStatus.REFUSED),
    )
    labels = {
        "admitted": _("准入任务（社区次）"),
        "needs_approval": _("须减负办审批"),
        "rejected": _("不予准入"),
        "registry": _("由居民库直接提供"),
        "community_refused": _("社区拒绝执行"),
    }
    figures = _figures(counts, labels, good=("rejected", "registry", "community_refused"))
    if dept is None:  # certificates demanded by institutions, not by a department
        demands = CertificateDemand.objects.filter(
            reach.q("community_id"), at__gte=_start_of(year - 1), at__lt=_start_of(year + 1)
        )
        c = _two(demands, "at__year", year, refused=Q())
        figures.append(Figure(_("不应出具的证明需求"), c["refused"][0], c["refused"][1]))
    parts.append(
        Part(
            "duties",
            6,
            _("基层权责（清单与准入）"),
            figures,
            _departments(
                targets,
                "task__department__name",
                "task__created_at__year",
                year,
                Q(task__decision=Decision.REJECTED) | Q(status=TargetStatus.REFUSED),
            ),
        )
    )

    # 7: campaigns and signboards
    campaigns = Campaign.objects.filter(
        _reaching(Campaign, CampaignTarget, "campaign_id", reach), own("department_id"), year__in=years
    )
    counts = _two(
        campaigns,
        "year",
        year,
        approved=Q(status__in=[CampaignStatus.APPROVED, CampaignStatus.ENDED]),
        refused=Q(status=CampaignStatus.REFUSED),
    )
    boards = Signboard.objects.filter(reach.q("community_id"), own("department_id"))
    b = boards.aggregate(
        hung=Count("id", filter=Q(status__in=[SignboardStatus.HUNG, SignboardStatus.REMOVAL_ORDERED])),
        hung_before=Count(
            "id",
            filter=Q(status__in=[SignboardStatus.HUNG, SignboardStatus.REMOVAL_ORDERED], year__lt=year)
            | Q(status=SignboardStatus.REMOVED, removed_on__year__gte=year, year__lt=year),
        ),
        removed=Count("id", filter=Q(status=SignboardStatus.REMOVED, removed_on__year=year)),
        removed_before=Count("id", filter=Q(status=SignboardStatus.REMOVED, removed_on__year=year - 1)),
    )
    labels = {"approved": _("创建示范评比（批准）"), "refused": _("超上限或不予批准")}
    figures = _figures(counts, labels, good=("refused",))
    figures.append(Figure(_("在挂牌子（块）"), b["hung"], b["hung_before"]))
    figures.append(Figure(_("本年摘牌（块）"), b["removed"], b["removed_before"], bad_when_up=False))
    parts.append(
        Part(
            "campaigns",
            7,
            _("创建示范与挂牌"),
            figures,
            _departments(
                campaigns,
                "department__name",
                "year",
                year,
                Q(status__in=[CampaignStatus.APPROVED, CampaignStatus.ENDED]),
            ),
        )
    )

    # hours per part from the burden ledger (one query)
    kinds = {
        "documents": [EntryKind.DOCUMENT],
        "meetings": [EntryKind.MEETING],
        "inspections": [EntryKind.INSPECTION],
        "digital": [EntryKind.APP, EntryKind.WORK_GROUP],
        "duties": [EntryKind.TASK_ADMITTED, EntryKind.DATA_REQUEST, EntryKind.CERTIFICATE_DEMAND],
        "secondments": [EntryKind.SECONDMENT],
        "campaigns": [EntryKind.SIGNBOARD, EntryKind.CAMPAIGN],
    }
    part_of = {k: key for key, ks in kinds.items() for k in ks}
    start = dt.date(year, 1, 1)
    hours: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for h in (
        BurdenEntry.objects.filter(
            reach.q("community_id"),
            own("department_id"),
            occurred_on__gte=dt.date(year - 1, 1, 1),
            occurred_on__lte=dt.date(year, 12, 31),
            kind__in=list(part_of),
        )
        .exclude(AVOIDED)
        .values("kind")
        .annotate(
            now=Sum("hours", filter=Q(occurred_on__gte=start)),
            before=Sum("hours", filter=Q(occurred_on__lt=start)),
        )
    ):
        pair = hours[part_of[EntryKind(h["kind"])]]
        pair[0] += h["now"] or Decimal(0)
        pair[1] += h["before"] or Decimal(0)
    for part in parts:
        if part.key in kinds:
            part.hours, part.hours_previous = hours[part.key]
    return Scorecard(unit=unit, level=level, year=year, communities=len(ids), parts=parts, department=dept)


def _num(value: Any) -> int | float:
    if isinstance(value, int):
        return value
    return round(float(value or 0), 1)


def _digital_part(actor: Any, ids: list[int], year: int, dept: Any) -> Part:
    part = Part("digital", 5, _("政务应用程序与工作群"))
    from django.apps import apps

    if not apps.is_installed("jianfu.digital"):
        part.available = False
        part.note = _("暂不可用：政务 App 和工作群登记模块尚未安装。")
        return part
    from jianfu.digital.selectors import digital_scorecard_figures

    data = digital_scorecard_figures(actor=actor, community_ids=ids, year=year)
    before = data.get("previous_year") or {}
    labels = {
        "tools": _("政务 App、小程序、公众号"),
        "work_groups": _("工作群"),
        "hours_per_week": _("每周耗时（小时，估算）"),
        "breaches": _("违反规定"),
        "closed_or_merged": _("已关停或整合"),
    }
    for key, label in labels.items():
        part.figures.append(
            Figure(label, _num(data.get(key)), _num(before.get(key)), bad_when_up=key != "closed_or_merged")
        )
    by_dept = data.get("breaches_by_department") or []
    part.departments = [(str(getattr(d, "name", d)), int(n)) for d, n in by_dept][:DEPARTMENTS_SHOWN]
    if dept is not None:
        part.departments = [(d, n) for d, n in part.departments if d == dept.name]
    return part
