"""Scorecard speed: a district of 200 communities with two years of meetings, documents, inspections,
tasks, campaigns, signboards, secondments and burden entries.

Builds (once) its own database — a SQLite file under bench/out/, or, when DATABASE_URL points at
PostgreSQL, a database `jianfu_bench_scorecard` — then times the scorecard page (Django test client,
full request: scoping, SQL aggregation of the seven parts, template) for the district, one street
and one community, as a district officer, and the JSON API. Target: p95 ≤ 300 ms for the district.

Run: `python bench/run.py scorecard` (or `make bench`).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from decimal import Decimal
from pathlib import Path

COMMUNITIES = int(os.environ.get("BENCH_COMMUNITIES", "200"))
STREETS = 10
DEPARTMENTS = 24
DOCUMENTS_PER_YEAR = 150  # each to every community of the district
MEETINGS_PER_YEAR = 80
TASKS_PER_YEAR = 200  # each to 50 communities
INSPECTIONS_PER_YEAR = 60  # each to 20 communities
ENTRIES_PER_COMMUNITY = 120
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
OUT = Path(__file__).resolve().parent / "out"
DISTRICT = "990202"


def _use_bench_database() -> str:
    from django.conf import settings
    from django.db import connection

    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" in engine:
        OUT.mkdir(parents=True, exist_ok=True)
        name = str(OUT / "bench_scorecard.sqlite3")
    else:
        name = "jianfu_bench_scorecard"
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = name
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True, serialize=False)
    return f"{connection.vendor} {name}"


def _build() -> None:
    from django.db import connection, transaction

    from jianfu.accounts.models import User
    from jianfu.burden.models import BurdenEntry
    from jianfu.campaigns.models import Campaign, CampaignTarget, Secondment, Signboard
    from jianfu.gate.models import Task, TaskTarget
    from jianfu.inspections.models import Inspection, InspectionTarget
    from jianfu.meetings.models import Notice, NoticeTarget
    from jianfu.orgs.models import Community, Department, District, Street

    if District.objects.filter(code=DISTRICT).exists():
        return
    started = time.perf_counter()
    rng = random.Random(11)
    today = dt.date.today()
    years = (today.year - 1, today.year)
    with transaction.atomic():
        district = District.objects.create(code=DISTRICT, name="评分基准区")
        streets = [
            Street.objects.create(district=district, code=f"{DISTRICT}{s:03d}", name=f"评分街道{s}")
            for s in range(1, STREETS + 1)
        ]
        Community.objects.bulk_create(
            [
                Community(
                    street=streets[i % STREETS],
                    code=f"{streets[i % STREETS].code}{i:03d}",
                    name=f"评分社区{i}",
                )
                for i in range(COMMUNITIES)
            ]
        )
        Department.objects.bulk_create(
            [
                Department(district=district, code=f"S{d:02d}", name=f"区第{d}局", level="district")
                for d in range(DEPARTMENTS)
            ]
        )
        User.objects.create_user(
            username="score-district", password=None, role="district_office", district=district
        )
        communities = list(Community.objects.filter(street__district=district))
        departments = list(Department.objects.filter(district=district))

        def day(year: int) -> dt.date:
            last = today if year == today.year else dt.date(year, 12, 31)
            return dt.date(year, 1, 1) + dt.timedelta(
                days=rng.randrange((last - dt.date(year, 1, 1)).days + 1)
            )

        notices = []
        for year in years:
            for kind, n in (("document", DOCUMENTS_PER_YEAR), ("meeting", MEETINGS_PER_YEAR)):
                for i in range(n):
                    notices.append(
                        Notice(
                            kind=kind,
                            department=rng.choice(departments),
                            title=f"{kind}{year}-{i}",
                            date=day(year),
                            year=year,
                            status="refused" if rng.random() < 0.15 else "admitted",
                        )
                    )
        Notice.objects.bulk_create(notices, batch_size=2000)
        NoticeTarget.objects.bulk_create(
            [NoticeTarget(notice=n, community=c) for n in notices for c in communities], batch_size=5000
        )
        tasks = []
        for year in years:
            for i in range(TASKS_PER_YEAR):
                decision = rng.choice(
                    ["admitted", "admitted", "needs_approval", "rejected", "served_from_registry"]
                )
                tasks.append(
                    Task(
                        department=rng.choice(departments),
                        title=f"任务{year}-{i}",
                        description="x",
                        decision=decision,
                        status="admitted",
                    )
                )
        Task.objects.bulk_create(tasks, batch_size=2000)
        for t in tasks:  # created_at is auto_now_add: spread the tasks over the two years
            t.created_at = dt.datetime.combine(
                day(years[tasks.index(t) // TASKS_PER_YEAR]), dt.time(10), tzinfo=dt.UTC
            )
        Task.objects.bulk_update(tasks, ["created_at"], batch_size=2000)
        TaskTarget.objects.bulk_create(
            [
                TaskTarget(task=t, community=c, status="refused" if rng.random() < 0.05 else "active")
                for t in tasks
                for c in rng.sample(communities, 50)
            ],
            batch_size=5000,
        )
        visits = []
        for year in years:
            for i in range(INSPECTIONS_PER_YEAR):
                start = day(year)
                visits.append(
                    Inspection(
                        department=rng.choice(departments),
                        year=year,
                        title=f"检查{year}-{i}",
                        kind="check",
                        window_start=start,
                        window_end=start,
                        route="in_plan",
                        status=rng.choice(["admitted", "completed", "refused", "merged"]),
                    )
                )
        Inspection.objects.bulk_create(visits, batch_size=2000)
        InspectionTarget.objects.bulk_create(
            [
                InspectionTarget(inspection=v, community=c)
                for v in visits
                for c in rng.sample(communities, 20)
            ],
            batch_size=5000,
        )
        campaigns = [
            Campaign(
                department=rng.choice(departments),
                title=f"创建{y}-{i}",
                kind="creation",
                year=y,
                status=rng.choice(["approved", "refused", "pending"]),
            )
            for y in years
            for i in range(40)
        ]
        Campaign.objects.bulk_create(campaigns)
        CampaignTarget.objects.bulk_create(
            [CampaignTarget(campaign=c, community=k) for c in campaigns for k in rng.sample(communities, 20)],
            batch_size=5000,
        )
        Signboard.objects.bulk_create(
            [
                Signboard(
                    community=c,
                    department=rng.choice(departments),
                    name=f"牌子{j}",
                    year=rng.choice(years),
                    status=rng.choice(["hung", "removal_ordered", "removed"]),
                    approved=rng.random() < 0.5,
                    removed_on=today,
                )
                for c in communities
                for j in range(5)
            ],
            batch_size=5000,
        )
        Secondment.objects.bulk_create(
            [
                Secondment(
                    community=c,
                    street=c.street,
                    department=rng.choice(departments),
                    staff_name="某某",
                    started_on=day(y),
                    year=y,
                    status=rng.choice(["active", "ended"]),
                )
                for y in years
                for c in rng.sample(communities, 30)
            ]
        )
        kinds = ["meeting", "document", "inspection", "task_admitted", "signboard", "app", "work_group"]
        entries = []
        for c in communities:
            for _ in range(ENTRIES_PER_COMMUNITY):
                on = day(rng.choice(years))
                entries.append(
                    BurdenEntry(
                        community=c,
                        department=rng.choice(departments),
                        kind=rng.choice(kinds),
                        title="x",
                        occurred_on=on,
                        month=on.replace(day=1),
                        minutes_per_unit=Decimal(60),
                        hours=Decimal(rng.randint(1, 8)),
                    )
                )
        BurdenEntry.objects.bulk_create(entries, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"built the scorecard district in {time.perf_counter() - started:.1f}s "
        f"({NoticeTarget.objects.count()} notice targets, {TaskTarget.objects.count()} task targets)",
        flush=True,
    )


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    import django

    if not django.apps.apps.ready:
        django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from jianfu.accounts.models import User
    from jianfu.orgs.models import Community, Street

    where = _use_bench_database()
    setup_test_environment()
    _build()
    user = User.objects.get(username="score-district")
    client = Client()
    client.force_login(user)
    street = Street.objects.filter(district__code=DISTRICT).order_by("code").first()
    community = Community.objects.filter(street=street).order_by("code").first()
    print(
        f"database: {where}; {Community.objects.filter(street__district__code=DISTRICT).count()} communities; "
        f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    worst = 0.0
    for label, url, code in (
        ("scorecard page, district (200 communities)", "/scorecard/", DISTRICT),
        ("scorecard page, street", "/scorecard/", street.code),
        ("scorecard page, community", "/scorecard/", community.code),
        ("scorecard API, district", "/api/v1/scorecard/", DISTRICT),
    ):
        params = {"unit": code}
        client.get(url, params)
        wall, cpu = [], []
        for _ in range(REQUESTS):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, params)
        p95 = _p95(wall)
        if "district" in label and "page" in label:
            worst = p95
        print(
            f"{label:<44} n={len(wall):>3}  wall p50 {statistics.median(wall):6.1f} p95 {p95:6.1f} max {max(wall):6.1f}"
            f"  |  cpu p50 {statistics.median(cpu):6.1f} p95 {_p95(cpu):6.1f} ms  |  {len(ctx.captured_queries)} queries"
        )
    print(f"target p95 ≤ 300 ms (district page): {'met' if worst <= 300 else 'NOT met'} ({worst:.1f} ms)")
