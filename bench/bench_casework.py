"""Resident requests at scale: 100,000 requests (40 % whistled, a year back) in a district of 60
communities. Times, as full requests through the Django test client (scoping, SQL, template/JSON):

- the board list and a text search (community worker, district officer) — target p95 ≤ 200 ms;
- the three-rates dashboard by department, community and month (district officer) — p95 ≤ 300 ms;
- Open311 `GET requests.json` with service_code + status + date filters, and with a
  service_request_id list — p95 ≤ 100 ms.

Builds its own database once (a SQLite file under bench/out/, or `jianfu_bench_casework` on the
PostgreSQL server DATABASE_URL points at). Run: `python bench/run.py casework`.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path

REQUESTS = int(os.environ.get("BENCH_CASEWORK_REQUESTS", "100000"))
COMMUNITIES = 60
STREETS = 6
N = int(os.environ.get("BENCH_CASEWORK_CALLS", "30"))
EXPLAIN = os.environ.get("BENCH_CASEWORK_EXPLAIN", "") not in ("", "0")
OUT = Path(__file__).resolve().parent / "out"


def _use_bench_database() -> str:
    from django.conf import settings
    from django.db import connection

    if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        OUT.mkdir(parents=True, exist_ok=True)
        name = str(OUT / "bench_casework.sqlite3")
    else:
        name = "jianfu_bench_casework"
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = name
    connection.settings_dict.setdefault("TEST", {})["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True, serialize=False)
    return f"{connection.vendor} {name}"


def _build() -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from jianfu.accounts.models import User
    from jianfu.casework.choices import Channel, Duty, Satisfaction, Status, WhistleStatus
    from jianfu.casework.models import Category, RateMonth, ServiceRequest, Transition, Whistle
    from jianfu.casework.rollup import rebuild
    from jianfu.open311.models import ApiKey, key_hash
    from jianfu.orgs.models import Community, Department, District, Grid, Street

    if ServiceRequest.objects.filter(district__code="990201").count() >= REQUESTS:
        if not RateMonth.objects.exists():
            print(f"rate roll-up rebuilt: {rebuild()} rows", flush=True)
        return
    started = time.perf_counter()
    rng = random.Random(11)
    with transaction.atomic():
        district = District.objects.create(code="990201", name="诉求基准区")
        streets = [
            Street.objects.create(district=district, code=f"990201{s:03d}", name=f"街道{s}")
            for s in range(STREETS)
        ]
        communities = [
            Community.objects.create(
                street=streets[i % STREETS], code=f"990201{i % STREETS:03d}{i:03d}", name=f"社区{i}"
            )
            for i in range(COMMUNITIES)
        ]
        Grid.objects.bulk_create([Grid(community=c, code="01", name=f"{c.name}01网格") for c in communities])
        depts = [
            Department.objects.create(district=district, code=code, name=f"区{code}局", level="district")
            for code in ("CGJ", "ZJJ", "YJJ", "SJJ", "MZJ")
        ]
        User.objects.create_user(
            username="bench-cw-district", password=None, role="district_office", district=district
        )
        User.objects.create_user(
            username="bench-cw-worker",
            password=None,
            role="community_worker",
            district=district,
            street=communities[0].street,
            community=communities[0],
        )
        ApiKey.objects.create(
            name="bench", district=district, prefix="o311_bench", key_hash=key_hash("o311_bench_key")
        )
    categories = list(Category.objects.all())
    dept_by_code = {d.code: d for d in depts}
    now = timezone.now()
    words = [
        "路灯不亮",
        "垃圾满溢",
        "夜间施工噪音",
        "楼道堆物",
        "停水",
        "消防通道被占",
        "违建",
        "暖气不热",
        "占道经营",
    ]
    batch = 5000
    for start in range(0, REQUESTS, batch):
        rows, whistles = [], []
        for i in range(start, min(REQUESTS, start + batch)):
            c = rng.choice(categories)
            community = communities[i % COMMUNITIES]
            created = now - dt.timedelta(minutes=rng.randint(10, 365 * 24 * 60))
            status = rng.choices(
                [
                    Status.RATED,
                    Status.CLOSED,
                    Status.HANDLING,
                    Status.DISPATCHED,
                    Status.SUPERVISED,
                    Status.MERGED,
                ],
                [60, 15, 10, 8, 5, 2],
            )[0]
            done = status in (Status.RATED, Status.CLOSED)
            dept = dept_by_code.get(c.department_code) if c.duty == Duty.DEPARTMENT else None
            responded = created + dt.timedelta(minutes=rng.randint(5, 200))
            rows.append(
                ServiceRequest(
                    token=f"bench{i:08d}{rng.randint(0, 10**9):09d}",
                    district=district,
                    community=community,
                    kind=c.default_kind,
                    category=c,
                    channel=rng.choice(Channel.values),
                    text=f"{rng.choice(words)}，{community.name}{i % 40}栋",
                    status=status,
                    urgency=c.urgency,
                    duty=Duty.DEPARTMENT if dept else Duty.COMMUNITY,
                    lead_department=dept,
                    due_at=created + dt.timedelta(days=7),
                    response_due_at=created + dt.timedelta(hours=1 if dept else 24),
                    responded_at=responded if status != Status.DISPATCHED else None,
                    closed_at=created + dt.timedelta(days=rng.randint(1, 12)) if done else None,
                    closed_on_time=(rng.random() < 0.8) if done else None,
                    solved=True if done else None,
                    satisfaction=rng.choice(Satisfaction.values) if status == Status.RATED else "",
                    reopen_count=1 if rng.random() < 0.03 else 0,
                    rework_count=1 if rng.random() < 0.04 else 0,
                    reporter_phone="13800000000",
                    created_at=created,
                    updated_at=created + dt.timedelta(days=1),
                )
            )
        with transaction.atomic():
            made = ServiceRequest.objects.bulk_create(rows, batch_size=1000)
            Transition.objects.bulk_create(
                [
                    Transition(
                        request=sr,
                        from_status="",
                        to_status=Status.ACCEPTED,
                        by_label="bench",
                        at=sr.created_at,
                    )
                    for sr in made
                ],
                batch_size=2000,
            )
            for sr in made:
                if sr.lead_department_id:
                    whistles.append(
                        Whistle(
                            request=sr,
                            department_id=sr.lead_department_id,
                            lead=True,
                            status=WhistleStatus.DONE,
                            whistled_at=sr.created_at,
                            sign_due=sr.created_at + dt.timedelta(hours=1),
                            contact_due=sr.created_at + dt.timedelta(hours=24),
                            onsite_due=sr.created_at + dt.timedelta(days=3),
                            signed_at=sr.responded_at,
                            score=rng.randint(2, 5) if sr.status == Status.RATED else None,
                        )
                    )
            Whistle.objects.bulk_create(whistles, batch_size=2000)
    print(f"requests, transitions, whistles written in {time.perf_counter() - started:.1f}s", flush=True)
    print(f"rate roll-up: {rebuild()} rows", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"built {ServiceRequest.objects.count()} requests in {time.perf_counter() - started:.1f}s", flush=True
    )


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, round(0.95 * len(values)) - 1)]


def _plan(sql: str) -> str:
    """The plan of one captured statement: EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite."""
    from django.db import connection

    explain = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql)
        rows = cursor.fetchall()
    return "\n".join("      " + " ".join(str(c) for c in row) for row in rows)


def _time(client, url: str, params: dict, target: float, label: str) -> dict[str, float]:
    """p50/p95 of wall time, and beside it what the shared machine's load does not inflate as much:
    this process's CPU time (user+sys: Django, template/JSON, the client) and the time spent in SQL
    (`connection.queries` timings; on PostgreSQL the server's work shows there, not in our CPU)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)
    wall, cpu, sql, nq = [], [], [], 0
    slowest: tuple[float, str] = (0.0, "")
    for _ in range(N):
        with CaptureQueriesContext(connection) as queries:
            c0, t0 = time.process_time(), time.perf_counter()
            resp = client.get(url, params)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        if resp.status_code != 200:
            raise SystemExit(f"{url} {params} answered {resp.status_code}")
        times = [(float(q["time"]), q["sql"]) for q in queries.captured_queries]
        sql.append(sum(t for t, _ in times) * 1000)
        nq = len(times)
        top = max(times, default=(0.0, ""))
        if top[0] > slowest[0]:
            slowest = top
    p95 = _p95(wall)
    verdict = "ok" if p95 <= target else "TOO SLOW"
    print(
        f"{label:<56} wall p50 {statistics.median(wall):6.1f} p95 {p95:6.1f} | CPU p95 {_p95(cpu):6.1f}"
        f" | SQL p95 {_p95(sql):6.1f} ms, {nq} queries (target ≤ {target:.0f}) {verdict}",
        flush=True,
    )
    if EXPLAIN and slowest[1]:
        print(f"    slowest statement {slowest[0] * 1000:.1f} ms: {slowest[1][:600]}", flush=True)
        try:
            print(_plan(slowest[1]), flush=True)
        except Exception as exc:  # a statement Django's log could not render with its parameters
            print(f"      (no plan: {exc})", flush=True)
    return {"p95": p95, "cpu": _p95(cpu), "sql": _p95(sql)}


def main() -> None:
    import django

    if not django.apps.apps.ready:
        django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from jianfu.accounts.models import User
    from jianfu.casework.models import ServiceRequest

    cpu0 = time.process_time()
    where = _use_bench_database()
    setup_test_environment()
    _build()
    print(
        f"database: {where}; {ServiceRequest.objects.count()} requests; load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg()),
        flush=True,
    )
    clients = {}
    for name in ("bench-cw-district", "bench-cw-worker"):
        c = Client()
        c.force_login(User.objects.get(username=name))
        clients[name] = c
    district, worker = clients["bench-cw-district"], clients["bench-cw-worker"]
    _time(worker, "/casework/", {}, 200, "board, community worker (1,667 requests)")
    _time(district, "/casework/", {}, 200, "board, district officer (100,000)")
    _time(
        district,
        "/casework/",
        {"status": "open", "category": "street-lamp"},
        200,
        "board, district, open street lamps",
    )
    _time(district, "/casework/", {"q": "消防通道"}, 200, "search 消防通道, district officer")
    _time(worker, "/casework/", {"q": "停水"}, 200, "search 停水, community worker")
    for by in ("department", "community", "month", "category"):
        _time(
            district,
            "/casework/rates/",
            {"by": by, "months": 12},
            300,
            f"three rates by {by}, 12 months, district",
        )
    anon = Client()
    start = (timezone.now() - dt.timedelta(days=30)).isoformat(timespec="seconds")
    end = timezone.now().isoformat(timespec="seconds")
    _time(
        anon,
        "/open311/v2/requests.json",
        {"jurisdiction_id": "990201"},
        100,
        "Open311 GET requests (last 90 days, first 1000)",
    )
    _time(
        anon,
        "/open311/v2/requests.json",
        {
            "jurisdiction_id": "990201",
            "service_code": "street-lamp",
            "status": "open",
            "start_date": start,
            "end_date": end,
        },
        100,
        "Open311 GET requests service_code+status+dates",
    )
    ids = ",".join(str(pk) for pk in ServiceRequest.objects.order_by("?").values_list("pk", flat=True)[:50])
    _time(
        anon,
        "/open311/v2/requests.xml",
        {"jurisdiction_id": "990201", "service_request_id": ids},
        100,
        "Open311 GET requests.xml service_request_id list of 50",
    )
    print(
        f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
        f"CPU of this process {time.process_time() - cpu0:.1f}s",
        flush=True,
    )
