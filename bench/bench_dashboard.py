"""Dashboard speed: a district of 200 communities with two years of entries (~40 a community-month).

Builds (once) its own database — a SQLite file under bench/out/, or, when DATABASE_URL points at
PostgreSQL, a separate database `jianfu_bench_dashboard` next to it — then times the dashboard page
(Django test client, full request: scoping, SQL aggregation, template) as a district officer and a
street officer, and the JSON API. Target: p95 ≤ 300 ms.

Run: `python bench/run.py dashboard` (or `make bench`), or directly
`.venv/bin/python -c "import django; django.setup(); import bench.bench_dashboard as b; b.main()"`.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

COMMUNITIES = int(os.environ.get("BENCH_COMMUNITIES", "200"))
STREETS = 10
DEPARTMENTS = 24
MONTHS = 24
PER_MONTH = 40
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
OUT = Path(__file__).resolve().parent / "out"


def _use_bench_database() -> str:
    """Point the default connection at the benchmark's own database and migrate it."""
    from django.conf import settings
    from django.db import connection

    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" in engine:
        OUT.mkdir(parents=True, exist_ok=True)
        name = str(OUT / "bench_dashboard.sqlite3")
    else:
        name = "jianfu_bench_dashboard"
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = name
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True, serialize=False)
    return f"{connection.vendor} {name}"


def _build() -> None:
    from django.db import connection, transaction

    from jianfu.accounts.models import User
    from jianfu.burden.demo import build_entries
    from jianfu.burden.models import BurdenEntry
    from jianfu.burden.services import add_months, month_start, rebound_evaluate_month, rollup_rebuild
    from jianfu.orgs.models import Community, Department, District, Street

    if District.objects.filter(code="990101").exists() and BurdenEntry.objects.exists():
        return
    started = time.perf_counter()
    rng = random.Random(7)
    with transaction.atomic():
        district = District.objects.create(code="990101", name="基准区")
        streets = [
            Street.objects.create(district=district, code=f"990101{s:03d}", name=f"基准街道{s}")
            for s in range(1, STREETS + 1)
        ]
        Community.objects.bulk_create(
            [
                Community(
                    street=streets[i % STREETS],
                    code=f"{streets[i % STREETS].code}{i:03d}",
                    name=f"基准社区{i}",
                )
                for i in range(COMMUNITIES)
            ]
        )
        Department.objects.bulk_create(
            [
                Department(district=district, code=f"D{d:02d}", name=f"区第{d}局", level="district")
                for d in range(DEPARTMENTS)
            ]
        )
        User.objects.create_user(
            username="bench-district", password=None, role="district_office", district=district
        )
        User.objects.create_user(
            username="bench-street", password=None, role="street_office", district=district, street=streets[0]
        )
    communities = list(Community.objects.filter(street__district=district).select_related("street"))
    departments = list(Department.objects.filter(district=district))
    this_month = month_start(dt.date.today())
    for chunk in range(0, len(communities), 20):
        with transaction.atomic():
            entries = build_entries(
                communities=communities[chunk : chunk + 20],
                departments=departments,
                last_month=this_month,
                months=MONTHS,
                per_month=PER_MONTH,
                rng=rng,
                source_ref="bench",
            )
            BurdenEntry.objects.bulk_create(entries, batch_size=5000)
    buckets = rollup_rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE"
            )  # fresh bulk load: give the planner statistics (autovacuum would, later)
    for month in (add_months(this_month, -1), this_month):
        rebound_evaluate_month(month=month, district=district)
    print(
        f"built {BurdenEntry.objects.count()} entries, {buckets} rollup buckets "
        f"in {time.perf_counter() - started:.1f}s",
        flush=True,
    )


def _time(client, url: str, params: dict, n: int) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU milliseconds per request (CPU is immune to other load on the
    machine; with SQLite it includes the database work, with PostgreSQL only Django's side)."""
    client.get(url, params)  # warm up (templates, caches)
    wall, cpu = [], []
    for _ in range(n):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, params)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return wall, cpu


def _sql_share(client, url: str, params: dict) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        client.get(url, params)
        total = (time.perf_counter() - started) * 1000
    sql = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    return f"{len(ctx.captured_queries)} queries, SQL {sql:.0f} ms of {total:.0f} ms"


def _explain(client, url: str, params: dict) -> None:
    """PostgreSQL: the server-side execution time of each query of one request (and whether JIT ran)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url, params)
    for q in ctx.captured_queries:
        sql = q["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql)
            plan = [row[0] for row in cursor.fetchall()]
        execution = next((line for line in plan if line.startswith("Execution Time")), "")
        jit = " JIT" if any(line.startswith("JIT:") for line in plan) else ""
        print(f"      {execution}{jit}  {sql[:90]}")


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, round(0.95 * len(values)) - 1)]


def _report(label: str, wall: list[float], cpu: list[float]) -> float:
    p95 = _p95(wall)
    print(
        f"{label:<44} n={len(wall):>3}  wall p50 {statistics.median(wall):6.1f} p95 {p95:6.1f} max {max(wall):6.1f}"
        f"  |  cpu p50 {statistics.median(cpu):6.1f} p95 {_p95(cpu):6.1f} ms"
    )
    return p95


def main() -> None:
    import django

    if not django.apps.apps.ready:
        django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from jianfu.accounts.models import User
    from jianfu.burden.models import BurdenEntry, MonthlyBurden
    from jianfu.orgs.models import Community

    where = _use_bench_database()
    setup_test_environment()
    _build()
    print(
        f"database: {where}; {Community.objects.count()} communities, {BurdenEntry.objects.count()} entries, "
        f"{MonthlyBurden.objects.count()} rollup rows"
    )
    worst = 0.0
    for username in ("bench-district", "bench-street"):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        if user.street_id:
            community = Community.objects.filter(street_id=user.street_id).first()
        else:
            assert user.district_id is not None  # the bench district officer belongs to a district
            community = Community.objects.filter(street__district_id=user.district_id).first()
        cases = [
            ("dashboard, last 12 months", "/burden/", {}),
            ("dashboard, 24 months", "/burden/", {"from": "2000-01", "to": "2099-12"}),
            ("dashboard, one community", "/burden/", {"community": community.pk}),
            ("API dashboard JSON", "/api/v1/burden/dashboard", {}),
        ]
        for label, url, params in cases:
            worst = max(worst, _report(f"{username}: {label}", *_time(client, url, params, REQUESTS)))
            print(f"    one request: {_sql_share(client, url, params)}")
            if os.environ.get("BENCH_EXPLAIN") and label.startswith("dashboard, last"):
                _explain(client, url, params)
    print(f"worst wall p95 {worst:.1f} ms (target ≤ 300 ms): {'OK' if worst <= 300 else 'SLOW'}")
    print(
        f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other work inflates wall times)"
    )
    if worst > 300:
        sys.exit(1)


if __name__ == "__main__":
    main()
