"""Recording demands in the burden ledger, with hours estimated by the Standard Cost Model.

hours = minutes per unit × units × frequency × people / 60 (facts §6). Workers never log time.

Every ledger write refreshes the monthly rollup of the touched community × department × month
(`MonthlyBurden`, exact: recomputed from the entries, never incremented) and re-evaluates the rebound
rule for that community and that department in that month only.
"""

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, DecimalField, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.choices import MANUAL_KINDS, AlertStatus, AlertSubject, EntryKind
from jianfu.burden.models import (
    BurdenEntry,
    BurdenFigures,
    CommunityMonth,
    DepartmentMonth,
    MonthlyBurden,
    ReboundAlert,
    ReboundSettings,
    UnitTime,
)
from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record

# Defaults shipped with jianfu; the 减负办 edits them (UnitTime rows override these).
DEFAULT_UNIT_MINUTES: dict[str, tuple[Decimal, str, str]] = {
    EntryKind.TASK_ADMITTED: (Decimal(240), "项", "一项准入任务的组织、执行与报送"),
    EntryKind.TASK_REFUSED: (Decimal(240), "项", "若执行本应花费的时间（拒绝后避免）"),
    EntryKind.DATA_REQUEST: (Decimal("0.5"), "单元格", "逐格录入或核对：约 30 秒/格"),
    EntryKind.FILL: (Decimal("0.5"), "单元格", "一表通预填后，工作人员免于手工录入的单元格"),
    EntryKind.INSPECTION: (Decimal(480), "次", "迎检材料准备与陪同：约 1 个工作日"),
    EntryKind.MEETING: (Decimal(120), "次", "含往返与会后落实"),
    EntryKind.DOCUMENT: (Decimal(30), "份", "阅读、转办与归档"),
    EntryKind.SIGNBOARD: (Decimal(120), "块", "制作、悬挂与对应台账"),
    EntryKind.CAMPAIGN: (
        Decimal(240),
        "项要求",
        "创建示范评比活动的每项要求（申报材料、台账、迎检验收、宣传展板、报送）：约半个工作日",
    ),
    EntryKind.SECONDMENT: (Decimal(480), "人·工作日", "被借调人员不在社区岗位的每个工作日"),
    EntryKind.APP: (Decimal(20), "人·天", "登录、上报与留痕"),
    EntryKind.WORK_GROUP: (Decimal(15), "人·天", "群消息阅读与回复"),
    EntryKind.CERTIFICATE_DEMAND: (Decimal(20), "次", "接待、解释与转介"),
    EntryKind.RESIDENT_REQUEST: (Decimal(90), "件", "一件居民诉求的现场核实、办理与回复"),
    EntryKind.WHISTLE: (Decimal(30), "次", "吹哨、陪同部门到场与核实"),
    EntryKind.DATA_FEEDBACK: (
        Decimal(5),
        "个问题值",
        "社区逐条查证并更正一个错误值（翻原件、电话核对、改表）约 5 分钟；回传部门后由部门在源头更正",
    ),
    EntryKind.OTHER: (Decimal(60), "项", ""),
}
FILL_SECONDS_PER_FIELD = Decimal(30)
MAX_UNITS = Decimal(10_000_000)  # a data request counts cells: rows × fields
MAX_FREQUENCY = Decimal(1000)
MAX_PEOPLE = Decimal(1000)
MAX_MINUTES_PER_UNIT = Decimal(6000)
MAX_HOURS = Decimal(100000)
TWO = Decimal("0.01")
# Entries documented but not imposed: a refused task, or a task withdrawn (docs/burden-model.md).
AVOIDED = Q(kind=EntryKind.TASK_REFUSED) | Q(withdrawn_at__isnull=False)


class BurdenError(ValueError):
    """Bad input to a ledger service: the message says what, where and how to fix it."""


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def unit_minutes(kind: str) -> Decimal:
    row = UnitTime.objects.filter(kind=kind).values_list("minutes_per_unit", flat=True).first()
    return row if row is not None else DEFAULT_UNIT_MINUTES[kind][0]


def estimate_hours(
    *, minutes_per_unit: Decimal, units: Decimal, frequency: Decimal, people: Decimal
) -> Decimal:
    hours = minutes_per_unit * units * frequency * people / Decimal(60)
    return hours.quantize(TWO, rounding=ROUND_HALF_UP)


def _decimal(value: Any, *, name: str, low: Decimal, high: Decimal, allow_zero: bool = False) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise BurdenError(_("%(name)s不是数字：%(value)s。") % {"name": name, "value": value}) from None
    if not number.is_finite() or number < low or number > high or (number == 0 and not allow_zero):
        raise BurdenError(
            _("%(name)s应在%(low)s到%(high)s之间（收到%(value)s）。")
            % {"name": name, "low": low, "high": high, "value": value}
        )
    return number.quantize(TWO, rounding=ROUND_HALF_UP)


@transaction.atomic
def burden_entry_record(
    *,
    community: Any,
    kind: str,
    title: str,
    occurred_on: dt.date,
    department: Any = None,
    units: Decimal | int = 1,
    frequency: Decimal | int = 1,
    people: Decimal | int = 1,
    saved_hours: Decimal = Decimal(0),
    imposed: bool = True,
    outside_lists: bool = False,
    source_ref: str = "",
    actor: Any,
) -> BurdenEntry:
    """One demand on one community. `imposed=False` records work that jianfu did instead (hours 0).

    `actor` is whoever made the change that caused the entry (the worker who filled, the 减负办 that
    approved, the system actor for a command): the audit row names them."""
    if kind not in EntryKind.values:
        raise BurdenError(_("未知的台账类型：%(kind)s。") % {"kind": kind})
    title = (title or "").strip()
    if not title:
        raise BurdenError(_("事项名称不能为空。"))
    if not isinstance(occurred_on, dt.date):
        raise BurdenError(_("日期无效：%(value)s。") % {"value": occurred_on})
    if isinstance(occurred_on, dt.datetime):
        occurred_on = occurred_on.date()
    if occurred_on > timezone.localdate():
        raise BurdenError(
            _("日期%(date)s在今天之后：负担台账只记录已经发生的事项，请在事项发生后再录入。")
            % {"date": occurred_on}
        )
    if department is not None and department.district_id != community.street.district_id:
        raise BurdenError(
            _("%(dept)s不属于%(community)s所在的区。") % {"dept": department, "community": community}
        )
    minutes = unit_minutes(kind)
    units_d = _decimal(units, name=_("数量"), low=Decimal(0), high=MAX_UNITS, allow_zero=True)
    frequency_d = _decimal(frequency, name=_("频次"), low=Decimal(0), high=MAX_FREQUENCY)
    people_d = _decimal(people, name=_("人数"), low=Decimal(0), high=MAX_PEOPLE)
    saved_d = _decimal(saved_hours, name=_("节省耗时"), low=Decimal(0), high=MAX_HOURS, allow_zero=True)
    hours = estimate_hours(minutes_per_unit=minutes, units=units_d, frequency=frequency_d, people=people_d)
    entry = BurdenEntry.objects.create(
        community=community,
        department=department,
        kind=kind,
        title=title[:300],
        occurred_on=occurred_on,
        month=month_start(occurred_on),
        units=units_d,
        frequency=frequency_d,
        people=people_d,
        minutes_per_unit=minutes,
        hours=hours if imposed else Decimal(0),
        saved_hours=saved_d,
        outside_lists=outside_lists,
        source_ref=source_ref[:100],
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=entry,
        community=community,
        summary=_("负担台账：%(kind)s「%(title)s」%(hours)s小时")
        % {"kind": entry.get_kind_display(), "title": entry.title, "hours": entry.hours},
        detail={
            "kind": kind,
            "hours": str(entry.hours),
            "saved_hours": str(entry.saved_hours),
            "source_ref": entry.source_ref,
        },
    )
    _after_write(entry)
    return entry


@transaction.atomic
def burden_entry_record_manual(
    *,
    actor: Any,
    community: Any,
    kind: str,
    title: str,
    occurred_on: dt.date,
    department: Any = None,
    units: Decimal | int = 1,
    frequency: Decimal | int = 1,
    people: Decimal | int = 1,
    outside_lists: bool = False,
) -> BurdenEntry:
    """A demand nothing else records (inspection, meeting, …), entered by community staff or the 减负办."""
    from jianfu.burden.selectors import recordable_communities

    if kind not in MANUAL_KINDS:
        raise BurdenError(_("“%(kind)s”由系统自动记录，不能手工录入。") % {"kind": kind})
    if not recordable_communities(actor).filter(pk=community.pk).exists():
        raise BurdenError(_("您不能为%(community)s录入台账。") % {"community": community})
    if occurred_on < dt.date(2000, 1, 1):
        raise BurdenError(_("日期%(date)s早于2000年，请检查。") % {"date": occurred_on})
    return burden_entry_record(
        community=community,
        kind=kind,
        title=title,
        occurred_on=occurred_on,
        department=department,
        units=units,
        frequency=frequency,
        people=people,
        outside_lists=outside_lists,
        source_ref=f"manual:{getattr(actor, 'pk', '')}",
        actor=actor,
    )


@transaction.atomic
def burden_entries_withdraw(*, actor: Any, source_ref: str, reason: str) -> int:
    """A task was withdrawn: its entries stay documented but count as avoided, not as imposed."""
    if not source_ref:
        return 0
    now = timezone.now()
    entries = list(
        BurdenEntry.objects.select_for_update(of=("self",))
        .filter(source_ref=source_ref, withdrawn_at=None)
        .select_related("community__street", "department")
    )
    for entry in entries:
        entry.withdrawn_at = now
        entry.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=entry,
            community=entry.community,
            summary=_("任务撤销，负担台账「%(title)s」改计为避免的负担（%(hours)s小时）")
            % {"title": entry.title, "hours": entry.effective_hours.quantize(Decimal("0.1"))},
            detail={"source_ref": source_ref, "reason": reason[:500]},
        )
        _after_write(entry)
    return len(entries)


@transaction.atomic
def burden_entry_correct(*, actor: Any, entry: BurdenEntry, hours: Decimal | str, reason: str) -> BurdenEntry:
    """A worker corrects the estimate of one entry (with a reason); the original estimate is kept."""
    from jianfu.burden.selectors import may_correct

    if not may_correct(actor, entry):
        raise BurdenError(_("您不能修正这条台账。"))
    reason = (reason or "").strip()
    if not reason:
        raise BurdenError(_("请填写修正理由。"))
    if len(reason) > 500:
        raise BurdenError(_("修正理由最长500字（收到%(n)s字）。") % {"n": len(reason)})
    new_hours = _decimal(hours, name=_("修正耗时"), low=Decimal(0), high=MAX_HOURS, allow_zero=True)
    entry = BurdenEntry.objects.select_for_update().get(pk=entry.pk)
    old = entry.effective_hours
    entry.corrected_hours = new_hours
    entry.corrected_by = actor
    entry.corrected_at = timezone.now()
    entry.correction_reason = reason
    entry.save(update_fields=["corrected_hours", "corrected_by", "corrected_at", "correction_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=entry,
        community=entry.community,
        summary=_("修正负担估算「%(title)s」：%(old)s → %(new)s小时")
        % {"title": entry.title, "old": old, "new": new_hours},
        detail={
            "old_hours": str(old),
            "new_hours": str(new_hours),
            "estimated_hours": str(entry.hours),
            "reason": reason,
        },
    )
    _after_write(entry)
    return entry


@transaction.atomic
def unit_time_set(
    *,
    actor: Any,
    kind: str,
    minutes_per_unit: Decimal | str,
    unit_label: str | None = None,
    basis: str | None = None,
) -> UnitTime:
    """The 减负办 changes a default unit time. Existing entries keep the minutes they were estimated with."""
    from jianfu.burden.selectors import may_manage_burden

    if not may_manage_burden(actor):
        raise BurdenError(_("只有减负办可以修改单位耗时。"))
    if kind not in EntryKind.values:
        raise BurdenError(_("未知的台账类型：%(kind)s。") % {"kind": kind})
    minutes = _decimal(minutes_per_unit, name=_("每单位分钟"), low=Decimal(0), high=MAX_MINUTES_PER_UNIT)
    default_minutes, default_unit, default_basis = DEFAULT_UNIT_MINUTES[kind]
    row, _created = UnitTime.objects.select_for_update().get_or_create(
        kind=kind,
        defaults={"minutes_per_unit": default_minutes, "unit_label": default_unit, "basis": default_basis},
    )
    old = {"minutes_per_unit": str(row.minutes_per_unit), "unit_label": row.unit_label, "basis": row.basis}
    row.minutes_per_unit = minutes
    if unit_label is not None:
        if not unit_label.strip():
            raise BurdenError(_("单位不能为空。"))
        row.unit_label = unit_label.strip()[:50]
    if basis is not None:
        row.basis = basis.strip()[:300]
    row.updated_by = actor
    row.save(update_fields=["minutes_per_unit", "unit_label", "basis", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=row,
        summary=_("单位耗时「%(kind)s」：%(old)s → %(new)s分钟/%(unit)s")
        % {
            "kind": row.get_kind_display(),
            "old": old["minutes_per_unit"],
            "new": minutes,
            "unit": row.unit_label,
        },
        detail={
            "old": old,
            "new": {"minutes_per_unit": str(minutes), "unit_label": row.unit_label, "basis": row.basis},
        },
    )
    return row


def fill_saved_hours(*, rows: int, fields: int) -> Decimal:
    """A fill saves rows × fields × seconds per field of typing."""
    return (Decimal(rows) * Decimal(fields) * FILL_SECONDS_PER_FIELD / Decimal(3600)).quantize(TWO)


# ---------------------------------------------------------------------------------------------
# The monthly rollup


def _bucket_figures(entries) -> dict[str, Any]:
    effective = Coalesce("corrected_hours", "hours")
    refused = Q(kind=EntryKind.TASK_REFUSED)
    avoided = AVOIDED
    zero = Decimal(0)
    dec = DecimalField(max_digits=14, decimal_places=2)
    return entries.aggregate(
        entries=Count("id"),
        imposed_hours=Coalesce(Sum(effective, filter=~avoided), zero, output_field=dec),
        saved_hours=Coalesce(Sum("saved_hours"), zero, output_field=dec),
        outside_hours=Coalesce(
            Sum(effective, filter=Q(outside_lists=True) & ~avoided), zero, output_field=dec
        ),
        outside_entries=Count("id", filter=Q(outside_lists=True)),
        refusals=Count("id", filter=refused),
        refused_hours=Coalesce(Sum(effective, filter=avoided), zero, output_field=dec),
    )


def _rollup_refresh(*, community_id: int, department_id: int | None, month: dt.date) -> None:
    """Recompute one rollup bucket from the entries (exact, so it can never drift)."""
    # department_id=None filters "department IS NULL" (the stubs only accept non-None values).
    lookup: dict[str, Any] = {"community_id": community_id, "department_id": department_id, "month": month}
    entries = BurdenEntry.objects.filter(**lookup)
    figures = _bucket_figures(entries)
    if not figures["entries"]:
        MonthlyBurden.objects.filter(**lookup).delete()
        return
    figures = {k: (v.quantize(TWO) if isinstance(v, Decimal) else v) for k, v in figures.items()}
    try:
        with transaction.atomic():
            MonthlyBurden.objects.update_or_create(**lookup, defaults=figures)
    except IntegrityError:  # a concurrent writer created the bucket first: update it
        MonthlyBurden.objects.filter(**lookup).update(**figures)


def _sum_figures(rows) -> dict[str, Any]:
    dec = DecimalField(max_digits=14, decimal_places=2)
    sums = {
        name: Coalesce(
            Sum(name), Decimal(0) if "hours" in name else 0, output_field=dec if "hours" in name else None
        )
        for name in BurdenFigures.FIGURES
    }
    figures = rows.order_by().aggregate(**sums)
    return {k: (Decimal(v).quantize(TWO) if "hours" in k else int(v)) for k, v in figures.items()}


def _upsert(model: Any, lookup: dict[str, Any], figures: dict[str, Any]) -> None:
    if not figures["entries"]:
        model.objects.filter(**lookup).delete()
        return
    try:
        with transaction.atomic():
            model.objects.update_or_create(**lookup, defaults=figures)
    except IntegrityError:  # a concurrent writer created the row first: update it
        model.objects.filter(**lookup).update(**figures)


def _coarse_refresh(*, community: Any, department_id: int | None, month: dt.date) -> None:
    """Re-sum the community-month and department-street-month rows from the fine rollup."""
    street_id = community.street_id
    _upsert(
        CommunityMonth,
        {"community_id": community.pk, "month": month},
        {
            **_sum_figures(MonthlyBurden.objects.filter(community_id=community.pk, month=month)),
            "street_id": street_id,
        },
    )
    if department_id is not None:
        _upsert(
            DepartmentMonth,
            {"department_id": department_id, "street_id": street_id, "month": month},
            _sum_figures(
                MonthlyBurden.objects.filter(
                    department_id=department_id, community__street_id=street_id, month=month
                )
            ),
        )


def _coarse_rebuild() -> None:
    CommunityMonth.objects.all().delete()
    DepartmentMonth.objects.all().delete()
    dec = DecimalField(max_digits=14, decimal_places=2)
    sums = {
        f"s_{name}": Sum(name, output_field=dec if "hours" in name else None)
        for name in BurdenFigures.FIGURES
    }

    def figures(r: Mapping[str, Any]) -> dict[str, Any]:
        return {
            name: (
                Decimal(r[f"s_{name}"] or 0).quantize(TWO) if "hours" in name else int(r[f"s_{name}"] or 0)
            )
            for name in BurdenFigures.FIGURES
        }

    rows = (
        MonthlyBurden.objects.order_by()
        .values("community_id", "community__street_id", "month")
        .annotate(**sums)
    )
    CommunityMonth.objects.bulk_create(
        (
            CommunityMonth(
                community_id=r["community_id"],
                street_id=r["community__street_id"],
                month=r["month"],
                **figures(r),
            )
            for r in rows.iterator(chunk_size=5000)
        ),
        batch_size=2000,
    )
    dept_rows = (
        MonthlyBurden.objects.exclude(department=None)
        .order_by()
        .values("department_id", "community__street_id", "month")
        .annotate(**sums)
    )
    DepartmentMonth.objects.bulk_create(
        (
            DepartmentMonth(
                department_id=r["department_id"],
                street_id=r["community__street_id"],
                month=r["month"],
                **figures(r),
            )
            for r in dept_rows.iterator(chunk_size=5000)
        ),
        batch_size=2000,
    )


def rollup_rebuild(*, community_ids: list[int] | None = None) -> int:
    """Rebuild the rollup from the ledger (after bulk loads). Returns the number of buckets."""
    with transaction.atomic():
        old = MonthlyBurden.objects.all()
        entries = BurdenEntry.objects.all()
        if community_ids is not None:
            old = old.filter(community_id__in=community_ids)
            entries = entries.filter(community_id__in=community_ids)
        old.delete()
        effective = Coalesce("corrected_hours", "hours")
        refused = Q(kind=EntryKind.TASK_REFUSED)
        zero = Decimal(0)
        dec = DecimalField(max_digits=14, decimal_places=2)
        rows = (
            entries.order_by()
            .values("community_id", "department_id", "month")
            .annotate(
                n=Count("id"),
                imposed_sum=Coalesce(Sum(effective, filter=~AVOIDED), zero, output_field=dec),
                saved=Coalesce(Sum("saved_hours"), zero, output_field=dec),
                outside=Coalesce(
                    Sum(effective, filter=Q(outside_lists=True) & ~AVOIDED), zero, output_field=dec
                ),
                outside_n=Count("id", filter=Q(outside_lists=True)),
                refusals_n=Count("id", filter=refused),
                refused=Coalesce(Sum(effective, filter=AVOIDED), zero, output_field=dec),
            )
        )
        buckets = [
            MonthlyBurden(
                community_id=r["community_id"],
                department_id=r["department_id"],
                month=r["month"],
                entries=r["n"],
                imposed_hours=Decimal(r["imposed_sum"]).quantize(TWO),
                saved_hours=Decimal(r["saved"]).quantize(TWO),
                outside_hours=Decimal(r["outside"]).quantize(TWO),
                outside_entries=r["outside_n"],
                refusals=r["refusals_n"],
                refused_hours=Decimal(r["refused"]).quantize(TWO),
            )
            for r in rows.iterator(chunk_size=5000)
        ]
        MonthlyBurden.objects.bulk_create(buckets, batch_size=2000)
        _coarse_rebuild()
    return len(buckets)


def _after_write(entry: BurdenEntry) -> None:
    _rollup_refresh(community_id=entry.community_id, department_id=entry.department_id, month=entry.month)
    _coarse_refresh(community=entry.community, department_id=entry.department_id, month=entry.month)
    rebound_evaluate(community=entry.community, month=entry.month)
    if entry.department_id:
        rebound_evaluate(department=entry.department, month=entry.month)


# ---------------------------------------------------------------------------------------------
# Rebound alerts


def rebound_settings_for(district: Any) -> ReboundSettings:
    settings_row = ReboundSettings.objects.filter(district=district).first()
    return settings_row or ReboundSettings(district=district)


@transaction.atomic
def rebound_settings_set(
    *, actor: Any, district: Any, window_months: int, rise_percent: Decimal | str, min_hours: Decimal | str
) -> ReboundSettings:
    from jianfu.burden.selectors import may_manage_burden

    if not may_manage_burden(actor) or (not actor.is_superuser and actor.district_id != district.pk):
        raise BurdenError(_("只有本区的减负办可以修改反弹提醒设置。"))
    try:
        window = int(window_months)
    except (TypeError, ValueError):
        raise BurdenError(_("基线月数应为1到12的整数。")) from None
    if not 1 <= window <= 12:
        raise BurdenError(_("基线月数应为1到12的整数。"))
    rise = _decimal(
        rise_percent, name=_("允许增幅（%）"), low=Decimal(0), high=Decimal(1000), allow_zero=True
    )
    floor = _decimal(min_hours, name=_("最低提醒工时"), low=Decimal(0), high=MAX_HOURS, allow_zero=True)
    row, _created = ReboundSettings.objects.select_for_update().get_or_create(district=district)
    old = {
        "window_months": row.window_months,
        "rise_percent": str(row.rise_percent),
        "min_hours": str(row.min_hours),
    }
    row.window_months, row.rise_percent, row.min_hours, row.updated_by = window, rise, floor, actor
    row.save(update_fields=["window_months", "rise_percent", "min_hours", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=row,
        summary=_("反弹提醒设置：前%(w)s个月平均 + %(r)s%%，最低%(m)s小时")
        % {"w": window, "r": rise, "m": floor},
        detail={
            "old": old,
            "new": {"window_months": window, "rise_percent": str(rise), "min_hours": str(floor)},
        },
    )
    return row


def _monthly_hours(rollup, start: dt.date, end: dt.date) -> dict[dt.date, Decimal]:
    rows = (
        rollup.filter(month__gte=start, month__lte=end)
        .order_by()
        .values("month")
        .annotate(h=Sum("imposed_hours"))
        .values_list("month", "h")
    )
    return {m: Decimal(h or 0) for m, h in rows}


def rebound_evaluate(*, month: dt.date, community: Any = None, department: Any = None) -> ReboundAlert | None:
    """Compare one subject's imposed hours in `month` with its baseline; open, update or clear its alert."""
    month = month_start(month)
    if community is not None:
        district_id = community.street.district_id
        rollup: QuerySet[CommunityMonth] | QuerySet[DepartmentMonth]
        rollup = CommunityMonth.objects.filter(community=community)
        subject = {"subject": AlertSubject.COMMUNITY, "community": community}
    else:
        district_id = department.district_id
        rollup = DepartmentMonth.objects.filter(department=department)
        subject = {"subject": AlertSubject.DEPARTMENT, "department": department}
    rule = ReboundSettings.objects.filter(district_id=district_id).first() or ReboundSettings()
    window = rule.window_months
    start = add_months(month, -window)
    by_month = _monthly_hours(rollup, start, month)
    hours = by_month.get(month, Decimal(0))
    baseline = (
        sum((by_month.get(add_months(month, -i), Decimal(0)) for i in range(1, window + 1)), Decimal(0))
        / window
    ).quantize(TWO)
    threshold = (baseline * (1 + rule.rise_percent / 100)).quantize(TWO)
    # A baseline needs a full window: the subject must have entries from the window's first month or
    # earlier (otherwise a new install, or a community's first months in jianfu, would all "rise").
    has_history = start in by_month or rollup.filter(month__lt=start).exists()
    rising = has_history and hours > threshold and hours >= rule.min_hours
    alert = ReboundAlert.objects.filter(month=month, **subject).first()
    figures = {"hours": hours.quantize(TWO), "baseline": baseline, "threshold": threshold}
    if alert is None:
        if not rising:
            return None
        try:
            with transaction.atomic():
                return ReboundAlert.objects.create(district_id=district_id, month=month, **subject, **figures)
        except IntegrityError:
            alert = ReboundAlert.objects.get(month=month, **subject)
    changed = [k for k, v in figures.items() if getattr(alert, k) != v]
    for k in changed:
        setattr(alert, k, figures[k])
    if not rising and alert.status == AlertStatus.OPEN:
        alert.status = AlertStatus.CLEARED
        changed.append("status")
    elif rising and alert.status == AlertStatus.CLEARED:
        alert.status = AlertStatus.OPEN
        changed.append("status")
    if changed:
        alert.save(update_fields=[*changed, "updated_at"])
    return alert


def rebound_evaluate_month(*, month: dt.date, district: Any = None) -> list[ReboundAlert]:
    """Evaluate every community and department that has entries in `month` (the command)."""
    from jianfu.orgs.models import Community, Department

    month = month_start(month)
    buckets = MonthlyBurden.objects.filter(month=month)
    if district is not None:
        buckets = buckets.filter(community__street__district=district)
    community_ids = set(buckets.values_list("community_id", flat=True).distinct())
    department_ids = set(buckets.exclude(department=None).values_list("department_id", flat=True).distinct())
    # and subjects with an existing alert that month, so a drop clears it
    existing = ReboundAlert.objects.filter(month=month)
    if district is not None:
        existing = existing.filter(district=district)
    community_ids |= set(existing.exclude(community=None).values_list("community_id", flat=True))
    department_ids |= set(existing.exclude(department=None).values_list("department_id", flat=True))
    alerts = []
    with transaction.atomic():
        for community in Community.objects.filter(pk__in=community_ids).select_related("street"):
            if (alert := rebound_evaluate(month=month, community=community)) is not None:
                alerts.append(alert)
        for department in Department.objects.filter(pk__in=department_ids):
            if (alert := rebound_evaluate(month=month, department=department)) is not None:
                alerts.append(alert)
    return alerts


@transaction.atomic
def rebound_alert_acknowledge(*, actor: Any, alert: ReboundAlert, note: str = "") -> ReboundAlert:
    from jianfu.burden.selectors import may_manage_burden

    if not may_manage_burden(actor) or not ReboundAlert.objects.restrict(actor).filter(pk=alert.pk).exists():
        raise BurdenError(_("只有减负办可以处理反弹提醒。"))
    alert = ReboundAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.status == AlertStatus.ACKNOWLEDGED:
        raise BurdenError(_("这条提醒已由%(who)s知悉。") % {"who": alert.acknowledged_by})
    note = (note or "").strip()
    if len(note) > 500:
        raise BurdenError(_("备注最长500字（收到%(n)s字）。") % {"n": len(note)})
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.acknowledged_by = actor
    alert.acknowledged_at = timezone.now()
    alert.note = note
    alert.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REVIEW,
        obj=alert,
        community=alert.community,
        summary=_("知悉负担反弹提醒：%(subject)s %(month)s")
        % {"subject": alert.subject_name, "month": alert.month.strftime("%Y-%m")},
        detail={"hours": str(alert.hours), "baseline": str(alert.baseline), "note": note},
    )
    return alert
