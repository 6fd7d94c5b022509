"""Recording demands in the burden ledger, with hours estimated by the Standard Cost Model.

hours = minutes per unit × units × frequency × people / 60 (facts §6). Workers never log time.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction

from jianfu.burden.choices import EntryKind
from jianfu.burden.models import BurdenEntry, UnitTime

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
    EntryKind.APP: (Decimal(20), "人·天", "登录、上报与留痕"),
    EntryKind.WORK_GROUP: (Decimal(15), "人·天", "群消息阅读与回复"),
    EntryKind.CERTIFICATE_DEMAND: (Decimal(20), "次", "接待、解释与转介"),
    EntryKind.OTHER: (Decimal(60), "项", ""),
}
FILL_SECONDS_PER_FIELD = Decimal(30)


def unit_minutes(kind: str) -> Decimal:
    row = UnitTime.objects.filter(kind=kind).values_list("minutes_per_unit", flat=True).first()
    return row if row is not None else DEFAULT_UNIT_MINUTES[kind][0]


def estimate_hours(
    *, minutes_per_unit: Decimal, units: Decimal, frequency: Decimal, people: Decimal
) -> Decimal:
    hours = minutes_per_unit * units * frequency * people / Decimal(60)
    return hours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


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
) -> BurdenEntry:
    """One demand on one community. `imposed=False` records work that jianfu did instead (hours 0)."""
    minutes = unit_minutes(kind)
    units_d, frequency_d, people_d = Decimal(units), Decimal(frequency), Decimal(people)
    hours = estimate_hours(minutes_per_unit=minutes, units=units_d, frequency=frequency_d, people=people_d)
    return BurdenEntry.objects.create(
        community=community,
        department=department,
        kind=kind,
        title=title[:300],
        occurred_on=occurred_on,
        units=units_d,
        frequency=frequency_d,
        people=people_d,
        minutes_per_unit=minutes,
        hours=hours if imposed else Decimal(0),
        saved_hours=saved_hours.quantize(Decimal("0.01")),
        outside_lists=outside_lists,
        source_ref=source_ref[:100],
    )


def fill_saved_hours(*, rows: int, fields: int) -> Decimal:
    """A fill saves rows × fields × seconds per field of typing."""
    return (Decimal(rows) * Decimal(fields) * FILL_SECONDS_PER_FIELD / Decimal(3600)).quantize(
        Decimal("0.01")
    )
