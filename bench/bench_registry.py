"""Registry list and search at 1,000,000 people: p50/p95 through the Django test client.

Target: p95 ≤ 200 ms on SQLite and PostgreSQL, as a community worker and as a district officer.

The 1,000,000-person SQLite registry is built once (`jianfu seed-registry --people 1000000`, a few
minutes) and cached at bench/out/registry-1m.sqlite3; later runs migrate and reuse it. PostgreSQL
is measured too when DATABASE_URL points to PostgreSQL, or with `--pg` (then DATABASE_URL must be
set to a reachable server); the registry is loaded there once when it has fewer people.

    python bench/bench_registry.py [--people N] [--pg] [--requests 60]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
    env.setdefault("JIANFU_DATA_DIR", str(ROOT / "data" / "bench"))
    env["JIANFU_TASKS_BACKEND"] = "django.tasks.backends.immediate.ImmediateBackend"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def _jianfu(env: dict[str, str], *args: str, capture: bool = False) -> str:
    cmd = [sys.executable, "-m", "jianfu", *args]
    result = subprocess.run(
        cmd, cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE if capture else None
    )
    return result.stdout or ""


def _people_count(env: dict[str, str]) -> int:
    code = "import django; django.setup(); from jianfu.registry.models import Person; print(Person.objects.count())"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE
    ).stdout
    return int(out.strip().splitlines()[-1])


def sqlite_registry(people: int) -> str:
    """The URL of a migrated SQLite registry of `people` residents (built once, then cached)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"registry-{people}.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        tmp = OUT / f"registry-{people}.building.sqlite3"
        for stale in OUT.glob(f"registry-{people}.building.sqlite3*"):
            stale.unlink()
        env = _env(f"sqlite:///{tmp}")
        started = time.perf_counter()
        _jianfu(env, "migrate", "-v0")
        summary = _jianfu(env, "seed-registry", "--people", str(people), "--json", capture=True)
        print(
            f"built SQLite registry in {time.perf_counter() - started:.0f} s: {summary.strip()}", flush=True
        )
        _sqlite_checkpoint(tmp)
        tmp.rename(path)
    _jianfu(_env(url), "migrate", "-v0")
    return url


def _sqlite_checkpoint(path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("ANALYZE")
    con.close()


def pg_registry(url: str, people: int, sqlite_url: str | None = None) -> str:
    """A PostgreSQL registry of `people` residents: copied from the cached SQLite registry when the
    database is empty (COPY, minutes), else topped up with generated residents."""
    env = _env(url)
    _jianfu(env, "migrate", "-v0")
    have = _people_count(env)
    if have < people:
        started = time.perf_counter()
        if have == 0 and sqlite_url:
            code = (
                "import django; django.setup(); import bench.bench_registry as b; "
                f"b.copy_sqlite_to_pg({sqlite_url!r})"
            )
            subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
            summary = "copied from the SQLite registry"
        else:
            summary = _jianfu(env, "seed-registry", "--people", str(people - have), "--json", capture=True)
        print(
            f"loaded PostgreSQL registry in {time.perf_counter() - started:.0f} s: {summary.strip()}",
            flush=True,
        )
        code = "import django; django.setup(); from django.db import connection; connection.cursor().execute('ANALYZE')"
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    return url


def copy_sqlite_to_pg(sqlite_url: str) -> None:
    """Copy the registry tables of a SQLite benchmark registry into the empty, migrated PostgreSQL
    database Django is configured with; ids are translated by natural keys (community code,
    grid code, attribute code, source name)."""
    import sqlite3

    from django.db import connection, transaction

    from jianfu.core.permissions import system_actor
    from jianfu.orgs.models import Community, Grid
    from jianfu.orgs.services import org_load, parse_org_file
    from jianfu.registry.bulk import PERSON_TABLE_COLUMNS, ensure_sources
    from jianfu.registry.models import Attribute, Source

    src = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    if not Community.objects.exists():
        org_load(
            data=parse_org_file((ROOT / "examples" / "org.yaml").read_text(encoding="utf-8")),
            actor=system_actor("bench_registry"),
        )
    ensure_sources()
    for name, kind, priority in src.execute("SELECT name, kind, priority FROM registry_source"):
        Source.objects.get_or_create(name=name, defaults={"kind": kind, "priority": priority})
    community = {code: pk for pk, code in Community.objects.values_list("pk", "code")}
    grid = {(c, g): pk for pk, c, g in Grid.objects.values_list("pk", "community__code", "code")}
    attribute = dict(Attribute.objects.values_list("code", "pk"))
    source = dict(Source.objects.values_list("name", "pk"))
    c_map = {old: community[code] for old, code in src.execute("SELECT id, code FROM orgs_community")}
    g_map = {
        old: grid[(code, g)]
        for old, code, g in src.execute(
            "SELECT g.id, c.code, g.code FROM orgs_grid g JOIN orgs_community c ON c.id = g.community_id"
        )
    }
    a_map = {old: attribute[code] for old, code in src.execute("SELECT id, code FROM registry_attribute")}
    s_map = {old: source[name] for old, name in src.execute("SELECT id, name FROM registry_source")}
    person_cols = PERSON_TABLE_COLUMNS
    plans = [
        (
            "registry_place",
            ["id", "community_id", "grid_id", "estate", "building", "unit", "room"],
            lambda r: (r[0], c_map[r[1]], g_map.get(r[2]), *r[3:]),
        ),
        (
            "registry_household",
            ["id", "community_id", "number", "place_id"],
            lambda r: (r[0], c_map[r[1]], *r[2:]),
        ),
        (
            "registry_person",
            person_cols,
            lambda r: (r[0], r[1], c_map[r[2]], g_map.get(r[3]), *r[4:15], bool(r[15]), r[16], r[17]),
        ),
        (
            "registry_fact",
            ["person_id", "attribute_id", "value", "source_id", "recorded_at", "note"],
            lambda r: (r[0], a_map[r[1]], r[2], s_map[r[3]], r[4], r[5]),
        ),
        ("registry_persontag", ["person_id", "attribute_id"], lambda r: (r[0], a_map[r[1]])),
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for table, cols, convert in plans:
            names = ", ".join(f'"{c}"' for c in cols)
            rows = src.execute(f"SELECT {names} FROM {table} ORDER BY rowid")
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(convert(row))
            print(f"  copied {table}", flush=True)
        for table in ("registry_place", "registry_household", "registry_person"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )


def measure(requests: int) -> dict:
    """Runs inside a process whose DATABASE_URL is the registry to measure."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from jianfu.accounts.models import User
    from jianfu.orgs.models import Community, District
    from jianfu.registry.models import Person
    from jianfu.registry.selectors import SearchQuery, person_page, person_search

    community = Community.objects.order_by("code").first()
    district = District.objects.order_by("code").first()
    worker, _ = User.objects.get_or_create(
        username="bench_worker",
        defaults={
            "role": "community_worker",
            "community": community,
            "street": community.street,
            "district": district,
        },
    )
    officer, _ = User.objects.get_or_create(
        username="bench_district", defaults={"role": "district_office", "district": district}
    )
    sample = list(
        Person.objects.filter(community=community)
        .exclude(phone="")
        .order_by("id")
        .values("name", "name_key", "name_initials", "id_number", "phone")[::997][:requests]
    )
    url = reverse("registry:person_list")
    searches: dict[str, list[dict[str, Any]] | None] = {
        "list": [{} for _ in sample],
        "list page 2": None,
        "name": [{"q": s["name"]} for s in sample],
        "pinyin": [{"q": s["name_key"]} for s in sample],
        "initials": [{"q": s["name_initials"]} for s in sample],
        "ID tail": [{"q": s["id_number"][-6:]} for s in sample],
        "phone": [{"q": s["phone"]} for s in sample],
        "filter 80+": [{"age_min": "80"} for s in sample],
    }
    results = {"people": Person.objects.count(), "vendor": connection.vendor, "rows": []}
    for label, user in (("community worker", worker), ("district officer", officer)):
        client = Client()
        client.force_login(user)
        client.get(url)  # warm
        for kind, params_list in searches.items():
            if params_list is None:  # the second page (keyset) of the unfiltered list
                nxt = person_page(person_search(user=user, query=SearchQuery()))
                params_list = [{"k": nxt.next_key, "i": nxt.next_id}] * len(sample)
            times, cpu = [], []
            for params in params_list:
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(url, params, headers={"HX-Request": "true"} if params.get("q") else {})
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                assert response.status_code == 200, response.status_code
            times.sort()
            cpu.sort()
            results["rows"].append(
                {
                    "as": label,
                    "what": kind,
                    "n": len(times),
                    "p50": round(statistics.median(times), 1),
                    "p95": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                    "max": round(times[-1], 1),
                    "cpu_p95": round(cpu[max(0, int(len(cpu) * 0.95) - 1)], 1),
                }
            )
            print(f"  {label} / {kind}: p95 {results['rows'][-1]['p95']} ms", file=sys.stderr, flush=True)
    results["load"] = os.getloadavg()
    return results


def _report(results: dict) -> bool:
    ok = True
    load = ", ".join(f"{x:.1f}" for x in results.get("load", ()))
    print(
        f"\n{results['vendor']}: {results['people']:,} people (load average {load} on {os.cpu_count()} cores)"
    )
    print(f"{'as':<18}{'what':<14}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'cpu p95':>9}")
    for row in results["rows"]:
        flag = "" if row["p95"] <= 200 else "  TOO SLOW"
        ok &= row["p95"] <= 200
        print(
            f"{row['as']:<18}{row['what']:<14}{row['n']:>4}{row['p50']:>9}{row['p95']:>9}{row['max']:>9}"
            f"{row.get('cpu_p95', ''):>9}{flag}"
        )
    print("cpu p95: CPU time of the request in the Django process (SQLite's work included, a PostgreSQL")
    print("server's excluded); when the load average is above the core count, wall times include waiting.")
    print("target p95 ≤ 200 ms:", "ok" if ok else "NOT MET")
    return ok


def _run_measure(url: str, requests: int) -> dict:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", "--requests", str(requests)],
        cwd=ROOT,
        env=_env(url),
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=int(os.environ.get("JIANFU_BENCH_PEOPLE", "1000000")))
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true", help="only PostgreSQL (with DATABASE_URL)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.measure:
        print(json.dumps(measure(args.requests), ensure_ascii=False))
        return
    outer = os.environ.get("DATABASE_URL", "")
    sqlite_url = sqlite_registry(args.people)
    if not args.skip_sqlite:
        _report(_run_measure(sqlite_url, args.requests))
    if outer.startswith(("postgres://", "postgresql://")):
        _report(_run_measure(pg_registry(outer, args.people, sqlite_url), args.requests))
    elif args.pg:
        print("--pg: set DATABASE_URL=postgres://… to a reachable PostgreSQL server", file=sys.stderr)


if __name__ == "__main__":
    main()
