"""Demo data for the burden ledger: two years of realistic entries for the demo district, and one
recent month of extra demands (a wave of inspections from one department) that raises a rebound alert.

`seed(stdout)` is idempotent: it does nothing when demo entries already exist.
"""

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jianfu.burden.choices import EntryKind
from jianfu.burden.models import BurdenEntry
from jianfu.burden.services import (
    add_months,
    estimate_hours,
    fill_saved_hours,
    month_start,
    rebound_evaluate_month,
    rollup_rebuild,
    unit_minutes,
)

DEMO_REF = "demo:burden"
MONTHS = 24

# (kind, title, units range, frequency, people range, outside-the-lists probability)
TEMPLATES: list[tuple[str, str, tuple[int, int], int, tuple[int, int], float]] = [
    (EntryKind.TASK_ADMITTED, "高龄老人走访慰问", (1, 1), 1, (1, 2), 0.0),
    (EntryKind.TASK_ADMITTED, "防汛物资清点与值守", (1, 1), 1, (1, 2), 0.0),
    (EntryKind.TASK_ADMITTED, "文明城市创建入户宣传", (1, 1), 1, (1, 2), 0.6),
    (EntryKind.TASK_ADMITTED, "退役军人信息核对", (1, 1), 1, (1, 1), 0.0),
    (EntryKind.DATA_REQUEST, "低保家庭情况统计表", (400, 900), 1, (1, 1), 0.2),
    (EntryKind.DATA_REQUEST, "独居老人花名册", (300, 800), 1, (1, 1), 0.3),
    (EntryKind.INSPECTION, "专项检查迎检材料准备", (1, 1), 1, (1, 1), 0.5),
    (EntryKind.MEETING, "工作部署会", (1, 1), 2, (1, 2), 0.1),
    (EntryKind.DOCUMENT, "文件阅办", (4, 12), 1, (1, 1), 0.0),
    (EntryKind.WORK_GROUP, "工作群消息处理", (20, 22), 1, (2, 5), 0.3),
    (EntryKind.APP, "政务 App 上报与留痕", (18, 22), 1, (1, 3), 0.4),
    (EntryKind.SIGNBOARD, "机构挂牌与对应台账", (1, 2), 1, (1, 1), 0.9),
    (EntryKind.CERTIFICATE_DEMAND, "居民开具证明接待", (5, 20), 1, (1, 1), 0.5),
]


def _district(district_code: str | None = None) -> Any:
    from jianfu.orgs.models import District

    districts = District.objects.filter(streets__communities__isnull=False).distinct().order_by("code")
    if district_code:
        districts = districts.filter(code=district_code)
    return districts.first()


def build_entries(
    *,
    communities: list[Any],
    departments: list[Any],
    last_month: dt.date,
    months: int,
    per_month: int,
    rng: random.Random,
    source_ref: str = DEMO_REF,
) -> list[BurdenEntry]:
    """Entry objects (unsaved) for every community × month, hours estimated as the services would."""
    minutes = {kind: unit_minutes(kind) for kind in EntryKind.values}
    first = add_months(last_month, -(months - 1))
    today = timezone.localdate()

    def day_in(month: dt.date) -> dt.date:
        """A day of the month that is not after today (the ledger records what happened)."""
        last = min(28, today.day) if month == today.replace(day=1) else 28
        return month.replace(day=rng.randint(1, last))

    entries: list[BurdenEntry] = []
    recurring_kinds = {
        EntryKind.WORK_GROUP,
        EntryKind.APP,
        EntryKind.DOCUMENT,
        EntryKind.MEETING,
        EntryKind.CERTIFICATE_DEMAND,
    }
    recurring = [t for t in TEMPLATES if t[0] in recurring_kinds]
    occasional = [t for t in TEMPLATES if t[0] not in recurring_kinds]

    def entry(community, month, department, template, units, people, progress) -> BurdenEntry:
        kind, title, _units, frequency, _people, outside_p = template
        imposed, saved = True, Decimal(0)
        if kind == EntryKind.DATA_REQUEST and rng.random() < 0.2 + 0.5 * progress:
            imposed = False  # served from the registry: the whole collection is saved
            saved = estimate_hours(
                minutes_per_unit=minutes[kind], units=units, frequency=Decimal(1), people=people
            )
        if kind == EntryKind.TASK_ADMITTED and rng.random() < 0.05:
            kind = EntryKind.TASK_REFUSED
        hours = estimate_hours(
            minutes_per_unit=minutes[kind], units=units, frequency=Decimal(frequency), people=people
        )
        return BurdenEntry(
            community=community,
            department=department,
            kind=kind,
            title=f"{department.name}：{title}",
            occurred_on=day_in(month),
            month=month,
            units=units,
            frequency=Decimal(frequency),
            people=people,
            minutes_per_unit=minutes[kind],
            hours=hours if imposed else Decimal(0),
            saved_hours=saved,
            outside_lists=rng.random() < outside_p,
            source_ref=source_ref,
        )

    for community in communities:
        local = [d for d in departments if d.street_id in (None, community.street_id)] or departments
        # what reaches this community every month: the same groups, apps, documents and meetings
        standing = [
            (t, rng.choice(local), Decimal(rng.randint(*t[2])), Decimal(rng.randint(*t[4])))
            for t in recurring
        ]
        for i in range(months):
            month = add_months(first, i)
            progress = i / max(months - 1, 1)  # reform takes hold: fewer demands, more filled for them
            for template, department, units, people in standing:
                scaled = max(Decimal(1), (units * Decimal(1.1 - 0.3 * progress)).quantize(Decimal(1)))
                entries.append(entry(community, month, department, template, scaled, people, progress))
            n = max(2, per_month - len(standing) - round(2 * progress))
            for _ in range(n):
                template = rng.choice(occasional)
                units = Decimal(rng.randint(*template[2]))
                people = Decimal(rng.randint(*template[4]))
                entries.append(entry(community, month, rng.choice(local), template, units, people, progress))
            for _ in range(int(1 + 4 * progress)):
                rows, fields = rng.randint(50, 400), rng.randint(8, 20)
                entries.append(
                    BurdenEntry(
                        community=community,
                        department=rng.choice(local),
                        kind=EntryKind.FILL,
                        title="一表通：预填报表",
                        occurred_on=day_in(month),
                        month=month,
                        units=Decimal(rows * fields),
                        minutes_per_unit=minutes[EntryKind.FILL],
                        hours=Decimal(0),
                        saved_hours=fill_saved_hours(rows=rows, fields=fields),
                        source_ref=source_ref,
                    )
                )
    return entries


def seed(stdout: Any = None, *, district_code: str | None = None) -> int:
    """Seed the demo district's burden ledger. Returns the number of entries created (0 if already seeded)."""

    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text + "\n")

    from jianfu.orgs.models import Community, Department

    if BurdenEntry.objects.filter(source_ref=DEMO_REF).exists():
        say("burden: demo ledger already seeded, skipped")
        return 0
    district = _district(district_code)
    if district is None:
        say("burden: no district with communities yet (load the organisation first), skipped")
        return 0
    communities = list(
        Community.objects.filter(street__district=district).select_related("street").order_by("code")
    )
    departments = list(Department.objects.filter(district=district).order_by("code"))
    if not departments:
        say(f"burden: {district.name} has no departments, skipped")
        return 0
    rng = random.Random(20260521)
    this_month = month_start(timezone.localdate())
    spike_month = add_months(this_month, -1)
    with transaction.atomic():
        entries = build_entries(
            communities=communities,
            departments=departments,
            last_month=this_month,
            months=MONTHS,
            per_month=14,
            rng=rng,
        )
        # One recent month of extra demands: a department launches a wave of inspections and ledgers
        # on one community — the burden comes back, and the 减负办 should see it.
        target = communities[0]
        culprit = next((d for d in departments if d.street_id is None), departments[0])
        minutes = {kind: unit_minutes(kind) for kind in EntryKind.values}
        extras = [
            (EntryKind.INSPECTION, "创文专项检查：补做三年台账", 1, 3),
            (EntryKind.INSPECTION, "创文复查迎检", 1, 3),
            (EntryKind.INSPECTION, "交叉检查材料准备", 1, 2),
            (EntryKind.MEETING, "创文推进会（每周）", 4, 2),
            (EntryKind.SIGNBOARD, "新增创建工作站挂牌", 2, 1),
            (EntryKind.DATA_REQUEST, "创建工作入户调查表", 2400, 1),
        ]
        for i, (kind, title, units, people) in enumerate(extras):
            units_d, people_d = Decimal(units), Decimal(people)
            entries.append(
                BurdenEntry(
                    community=target,
                    department=culprit,
                    kind=kind,
                    title=f"{culprit.name}：{title}",
                    occurred_on=spike_month.replace(day=3 + 4 * i),
                    month=spike_month,
                    units=units_d,
                    people=people_d,
                    minutes_per_unit=minutes[kind],
                    outside_lists=True,
                    source_ref=DEMO_REF,
                    hours=estimate_hours(
                        minutes_per_unit=minutes[kind], units=units_d, frequency=Decimal(1), people=people_d
                    ),
                )
            )
        BurdenEntry.objects.bulk_create(entries, batch_size=2000)
        rollup_rebuild(community_ids=[c.pk for c in communities])
        # the ledger is evaluated as it is written; for the bulk load, evaluate the demo's recent month
        alerts = [
            a for a in rebound_evaluate_month(month=spike_month, district=district) if a.status == "open"
        ]
    say(
        f"burden: {len(entries)} ledger entries for {len(communities)} communities over {MONTHS} months; "
        f"{len(alerts)} open rebound alert(s) (extra demands on {target.name} in {spike_month:%Y-%m})"
    )
    return len(entries)
