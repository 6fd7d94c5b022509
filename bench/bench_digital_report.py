"""The digital register's district report (jianfu.digital.selectors.report: tools and groups per
community, hours per week, breaches per department, the plan, 12 months of trend) and the
scorecard figures for a district of 200 communities, p95 target ≤ 300 ms. Throwaway test database."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

COMMUNITIES = 200
STREETS = 10
GROUPS_PER_COMMUNITY = 45
APPS_PER_COMMUNITY = 10
WORKERS_PER_COMMUNITY = 8
TARGET_MS = 300.0
REQUESTS = int(__import__("os").environ.get("BENCH_REQUESTS", "20"))


def _build() -> None:
    from django.utils import timezone

    from jianfu.accounts.models import User
    from jianfu.digital.choices import ToolKind, ToolStatus, ViolationStatus
    from jianfu.digital.models import Declaration, DigitalTool, PlanItem, Violation
    from jianfu.orgs.models import Community, Department, District, Street

    rng = random.Random(11)
    today = timezone.localdate()
    district = District.objects.create(code="429999", name="基准区")
    streets = [
        Street.objects.create(district=district, code=f"429999{i:03d}", name=f"街道{i}")
        for i in range(STREETS)
    ]
    communities = Community.objects.bulk_create(
        [
            Community(street=streets[i % STREETS], code=f"429999{i % STREETS:03d}{i:03d}", name=f"社区{i}")
            for i in range(COMMUNITIES)
        ]
    )
    departments = [
        Department.objects.create(district=district, code=f"D{i}", name=f"部门{i}", level="district")
        for i in range(12)
    ]
    User.objects.create_user(
        username="bench-district", password=None, role="district_office", district=district
    )
    workers = User.objects.bulk_create(
        [
            User(username=f"w{c.pk}-{j}", role="grid_worker", community=c, street=c.street, district=district)
            for c in communities
            for j in range(WORKERS_PER_COMMUNITY)
        ]
    )
    tools = []
    for c in communities:
        for j in range(GROUPS_PER_COMMUNITY + APPS_PER_COMMUNITY):
            kind = ToolKind.WORK_GROUP if j < GROUPS_PER_COMMUNITY else ToolKind.APP
            breach = rng.random() < 0.15
            tools.append(
                DigitalTool(
                    district=district,
                    kind=kind,
                    name=f"{c.name}工具{j}",
                    owner_department=rng.choice(departments),
                    status=rng.choice(
                        [ToolStatus.IN_USE] * 8 + [ToolStatus.KEEP, ToolStatus.MERGE, ToolStatus.CLOSED]
                    ),
                    status_since=today,
                    started_on=today - dt.timedelta(days=rng.randint(1, 700)),
                    minutes_per_day=rng.choice([15, 17, 20, 25, 35]),
                    violation_codes=["check_in"] if breach else [],
                )
            )
    tools = DigitalTool.objects.bulk_create(tools, batch_size=2000)
    through = DigitalTool.communities.through
    per = GROUPS_PER_COMMUNITY + APPS_PER_COMMUNITY
    through.objects.bulk_create(
        [through(digitaltool_id=t.pk, community_id=communities[i // per].pk) for i, t in enumerate(tools)],
        batch_size=5000,
    )
    Violation.objects.bulk_create(
        [
            Violation(
                tool=t,
                code="check_in",
                reason="r",
                rule="r",
                detected_on=t.started_on,
                status=ViolationStatus.OPEN,
            )
            for t in tools
            if t.violation_codes
        ],
        batch_size=5000,
    )
    PlanItem.objects.bulk_create(
        [
            PlanItem(tool=t, action="close", due_on=today, reason="r", decided_on=today)
            for t in tools
            if t.status == ToolStatus.MERGE
        ],
        batch_size=5000,
    )
    by_community: dict[int, list] = {}
    for t, i in zip(tools, range(len(tools)), strict=True):
        by_community.setdefault(communities[i // per].pk, []).append(t)
    declarations = []
    for w in workers:
        for t in by_community[w.community_id]:
            if rng.random() < 0.8:
                declarations.append(
                    Declaration(community_id=w.community_id or 0, worker=w, tool=t, declared_on=t.started_on)
                )
    Declaration.objects.bulk_create(declarations, batch_size=5000)
    from jianfu.digital.rollup import rebuild

    started = time.perf_counter()
    rebuilt = rebuild()  # bulk_create bypasses the services that keep the roll-ups
    print(f"rebuilt the roll-ups ({rebuilt}) in {time.perf_counter() - started:.1f} s")


def _time(fn, n: int) -> tuple[list[float], list[float]]:
    """Wall and process CPU (user+sys: SQLite runs in-process, so it includes the SQL) per call."""
    wall, cpu = [], []
    for _ in range(n):
        started, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return sorted(wall), sorted(cpu)


def _p95(values: list[float]) -> float:
    return values[max(0, round(0.95 * len(values)) - 1)]


def run() -> None:
    from django.db import connection

    from jianfu.accounts.models import User
    from jianfu.digital.models import Declaration, DigitalTool
    from jianfu.digital.selectors import digital_scorecard_figures, report
    from jianfu.orgs.models import Community

    started = time.perf_counter()
    _build()
    print(
        f"built {Community.objects.count()} communities, {DigitalTool.objects.count()} tools, "
        f"{Declaration.objects.count()} declarations in {time.perf_counter() - started:.1f} s"
    )
    import os

    from django.test import Client

    from jianfu.digital.exports import report_xlsx

    user = User.objects.get(username="bench-district")
    from jianfu.orgs.models import Department

    # a department sees only its own tools, so its report takes the direct path (declarations)
    department_user = User.objects.create_user(
        username="bench-department",
        password=None,
        role="department",
        department=Department.objects.get(code="D0"),
    )
    ids = list(Community.objects.values_list("pk", flat=True))
    year = dt.date.today().year
    client = Client()
    client.force_login(user)
    print(f"database: {connection.vendor}; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    def page() -> None:
        if client.get("/digital/report/").status_code != 200:
            raise SystemExit("report page did not answer 200")

    for label, fn in (
        ("district report (200 communities), roll-ups", lambda: report(user)),
        ("district report, direct (declarations)", lambda: report(user, direct=True)),
        ("department report (its own tools: the direct path)", lambda: report(department_user)),
        ("report page (full request)", page),
        ("report xlsx export", lambda: report_xlsx(actor=user)),
        (
            "scorecard figures (200 communities, this and last year)",
            lambda: digital_scorecard_figures(actor=user, community_ids=ids, year=year),
        ),
    ):
        fn()
        n = 5 if "direct" in label and "department" not in label else REQUESTS
        wall, cpu = _time(fn, n)
        p95 = _p95(wall)
        print(
            f"{label}: n={n} wall p50 {statistics.median(wall):.0f} p95 {p95:.0f} max {wall[-1]:.0f} ms | "
            f"cpu p50 {statistics.median(cpu):.0f} p95 {_p95(cpu):.0f} ms "
            f"(target p95 ≤ {TARGET_MS:.0f} ms) — {'ok' if p95 <= TARGET_MS else 'TOO SLOW'}"
        )
    print(f"load after: {os.getloadavg()[0]:.1f}")


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
