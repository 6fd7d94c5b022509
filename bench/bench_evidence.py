"""Evidence package for one community-year at demo scale (issue 9): 30,000 residents (masked roster
included), a dozen ledger imports, 1,000 certificates, 500 tasks, 2,000 burden entries, 20
activities. Target: ≤ 10 s. Peak Python memory of the build (tracemalloc) is measured at two sizes
(one fifth and full) and must not grow with the size; the zip is checked by `verify` and rebuilt
to confirm it is byte-identical. Runs on a throwaway test database (in-memory SQLite unless
DATABASE_URL says otherwise).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import time
import tracemalloc
from decimal import Decimal
from typing import Any

YEAR = 2026
FULL = {
    "people": 30_000,
    "imports": 12,
    "certificates": 1_000,
    "tasks": 500,
    "burden": 2_000,
    "activities": 20,
}


def _residents(small: Any, full: Any) -> None:
    """One generator call (ID numbers are unique within a call): a sixth to `small`, five sixths to `full`."""
    from jianfu.registry.bulk import bulk_load, ensure_sources
    from jianfu.registry.demo import generate_people

    ensure_sources()
    bulk_load(
        generate_people(FULL["people"] * 6 // 5, [small, full, full, full, full, full], seed=7, detail="lean")
    )


def _populate(community: Any, user: Any, department: Any, scale: dict[str, int], tag: str) -> None:
    from django.utils import timezone

    from jianfu.activities.models import Activity, Signup
    from jianfu.burden.models import BurdenEntry
    from jianfu.certificates.models import Certificate
    from jianfu.gate.models import Task, TaskTarget
    from jianfu.ledgers.models import LedgerImport
    from jianfu.registry.models import Source

    source = Source.objects.order_by("id").first()
    start = timezone.make_aware(dt.datetime(YEAR, 1, 5, 9))
    LedgerImport.objects.bulk_create(
        [
            LedgerImport(
                community=community,
                source=source,
                file_name=f"{tag}台账{n}.xlsx",
                status="done",
                rows_total=2500,
                summary={"created": 100, "linked": 2400},
                created_by=user,
            )
            for n in range(scale["imports"])
        ]
    )
    LedgerImport.objects.filter(community=community).update(created_at=start)
    Certificate.objects.bulk_create(
        [
            Certificate(
                community=community,
                item_code="CM01",
                item_name="居住证明",
                title="居住证明",
                year=YEAR,
                number=n + 1,
                serial=f"〔{YEAR}〕第{n + 1:04d}号",
                holder_name=f"居民{n}",
                holder_id_masked="4201**********1234",
                purpose="子女入学",
                body="兹证明……",
                token=f"{tag}-{n}",
                issued_at=start + dt.timedelta(hours=n),
                issued_by=user,
            )
            for n in range(scale["certificates"])
        ]
    )
    tasks = Task.objects.bulk_create(
        [
            Task(
                department=department,
                title=f"任务{n}",
                description="落实",
                decision="admitted",
                status="admitted",
                item_list="duty",
                item_code="D05",
                item_name="开展便民利民的社区服务活动",
                created_by=user,
            )
            for n in range(scale["tasks"])
        ]
    )
    TaskTarget.objects.bulk_create([TaskTarget(task=t, community=community) for t in tasks])
    Task.objects.filter(pk__in=[t.pk for t in tasks]).update(created_at=start)
    BurdenEntry.objects.bulk_create(
        [
            BurdenEntry(
                community=community,
                department=department,
                kind="meeting",
                title=f"会议{n}",
                occurred_on=dt.date(YEAR, 1 + n % 12, 1 + n % 28),
                month=dt.date(YEAR, 1 + n % 12, 1),
                minutes_per_unit=Decimal(120),
                hours=Decimal(2),
            )
            for n in range(scale["burden"])
        ]
    )
    for n in range(scale["activities"]):
        a = Activity.objects.create(
            community=community,
            title=f"活动{n}",
            starts_on=dt.date(YEAR, 1 + n % 12, 10),
            place="活动室",
            organiser="居委会",
            capacity=50,
            created_by=user,
            status="held",
        )
        Signup.objects.bulk_create(
            [
                Signup(activity=a, name=f"居民{k}", phone=f"138{n:04d}{k:04d}", attended=k % 2 == 0)
                for k in range(30)
            ]
        )


def _build(community: Any) -> tuple[float, int, str, int]:
    from jianfu.inspections import evidence

    spec = evidence.EvidenceSpec(
        community=community,
        period_from=dt.date(YEAR, 1, 1),
        period_to=dt.date(YEAR, 12, 31),
        include_registry=True,
    )
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        result = evidence.build(spec, out)
        wall = time.perf_counter() - t0
    return wall, result.bytes, result.sha256, result.files


def _peak(community: Any) -> float:
    tracemalloc.start()
    try:
        _build(community)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def run() -> None:
    from jianfu.core.testing import factories as f
    from jianfu.inspections import evidence
    from jianfu.orgs.models import Community

    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (figures scale with it)")
    org = f.org_tree()
    department = org["department"]
    small = org["other_community"]
    full = org["community"]
    user = f.user("bench_worker", "community_worker", community=full)
    fifth = {k: max(1, v // 5) for k, v in FULL.items()}
    t0 = time.perf_counter()
    _residents(small, full)
    _populate(small, user, department, fifth, "s")
    _populate(full, user, department, FULL, "f")
    from jianfu.registry.models import Person

    counts = {c.name: Person.objects.filter(community=c).count() for c in (small, full)}
    print(f"residents: {counts}")
    print(f"data: {FULL} in one community, {fifth} in another ({time.perf_counter() - t0:.0f} s to generate)")
    _build(Community.objects.get(pk=small.pk))  # warm the Typst fonts
    peak_small = _peak(small)
    peak_full = _peak(full)
    wall, size, sha, files = _build(full)
    again = _build(full)
    print(
        f"evidence package, community-year at demo scale: {wall:.2f} s, {size / 1e6:.1f} MB, {files} files "
        f"(target: ≤ 10 s) — {'ok' if wall <= 10 else 'TOO SLOW'}"
    )
    print(f"rebuild: {again[0]:.2f} s, byte-identical: {again[2] == sha}")
    grows = peak_full > peak_small * 1.5 + 5
    print(
        f"peak Python memory of a build (tracemalloc): {peak_small:.1f} MB at one fifth, {peak_full:.1f} MB at full size "
        f"(target: independent of size) — {'GROWS' if grows else 'ok'}"
    )
    buffer = io.BytesIO()
    spec = evidence.EvidenceSpec(
        community=full,
        period_from=dt.date(YEAR, 1, 1),
        period_to=dt.date(YEAR, 12, 31),
        include_registry=True,
    )
    evidence.build(spec, buffer)
    with tempfile.NamedTemporaryFile(suffix=".zip") as tmp:
        tmp.write(buffer.getvalue())
        tmp.flush()
        t0 = time.perf_counter()
        report = evidence.verify(tmp.name)
        print(f"verify: ok={report['ok']} files={report['files']} in {time.perf_counter() - t0:.2f} s")


def main() -> None:
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        run()
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    import django

    django.setup()
    main()
