"""Ledger import: a 100,000-row, 12-column ledger into a registry of 1,000,000 people (SQLite or PostgreSQL).

Target (issue 7): ≤ 30 s wall time and ≤ 1.5 GB peak memory for `jianfu import-ledger … --yes --json`,
on SQLite and on PostgreSQL (`--database postgres`: DATABASE_URL must point at a throwaway server,
e.g. `scripts/pg-test .venv/bin/python bench/bench_import.py --database postgres`; the registry is
copied there from the cached SQLite one once, and each run gets a fresh `CREATE DATABASE … TEMPLATE`).
Printed beside it:
- the floor: python-calamine reading the same file into Python rows (nothing else);
- django-import-export (what Django users would pick): a ModelResource on Person with the same
  columns importing the same file into the same tables, run on a subset and extrapolated
  linearly (said so in the output) because the full file would take far too long.

Each measurement runs in its own process on a fresh copy of the cached 1M registry, and its peak
RSS comes from wait4(). The 1,000,000-person registry is built once by the registry benchmark's
builder (`jianfu seed-registry`, cached at bench/out/registry-1000000.sqlite3).

The ledger (bench/out/ledger-100k.xlsx, built once) is what a department sends a big community:
70% residents already registered (by ID number, a few new values), 20% new residents, 10% rows
without an ID number (name + birth date + phone of registered residents: probabilistic linkage).

    python bench/bench_import.py [--people 1000000] [--rows 100000] [--iex-rows 2000] [--database postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

HEADER = [
    "序号",
    "姓名",
    "公民身份号码",
    "性别",
    "出生日期",
    "联系电话",
    "现住址",
    "文化程度",
    "婚姻状况",
    "居住情况",
    "低保证号",
    "保障人数",
]


LAST_CPU = [0.0]  # CPU seconds (user + system) of the last measured child: what the load of a shared machine
# does not inflate. Wall time is the target; CPU time shows how much of it was waiting for a core.


def _env(db: Path | str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = db if isinstance(db, str) else f"sqlite:///{db}"
    env.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
    env.setdefault("JIANFU_DATA_DIR", str(ROOT / "data" / "bench"))
    env["JIANFU_TASKS_BACKEND"] = "django.tasks.backends.immediate.ImmediateBackend"
    env["JIANFU_MAX_UPLOAD_BYTES"] = str(200 * 1024 * 1024)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def run_measured(
    cmd: list[str], env: dict[str, str], stdout_path: Path | None = None
) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of a child process; its CPU seconds go to LAST_CPU."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if stdout_path:
        out.close()
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def registry(people: int) -> Path:
    """The cached SQLite registry of `people` residents (built by the registry benchmark's builder)."""
    from bench.bench_registry import sqlite_registry

    url = sqlite_registry(people)
    return Path(url.removeprefix("sqlite:///"))


def fresh_copy(src: Path, name: str) -> Path:
    dst = OUT / name
    for stale in OUT.glob(name + "*"):
        stale.unlink()
    con = sqlite3.connect(src)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(src, dst)
    return dst


class Postgres:
    """Fresh copies of a PostgreSQL registry: `CREATE DATABASE … TEMPLATE` the loaded base database."""

    def __init__(self, url: str, people: int, sqlite_base: Path) -> None:
        from urllib.parse import urlsplit

        from bench.bench_registry import pg_registry

        self.url = url
        parts = urlsplit(url)
        self.base_name = parts.path.lstrip("/")
        self.root = parts._replace(path="/postgres").geturl()
        pg_registry(url, people, f"sqlite:///{sqlite_base}")

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.root, autocommit=True) as con:
            con.execute(sql)

    def fresh(self, name: str) -> str:
        self.drop(name)
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.base_name}"')
        from urllib.parse import urlsplit

        return urlsplit(self.url)._replace(path=f"/{name}").geturl()

    def drop(self, name: str) -> None:
        import psycopg

        try:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except psycopg.errors.InsufficientPrivilege:
            # FORCE may not terminate an autovacuum worker of the bootstrap superuser (seen after an
            # import); a plain DROP makes the server stop it, once the bench's own sessions are gone
            for attempt in range(10):
                try:
                    self._admin(f'DROP DATABASE IF EXISTS "{name}"')
                    return
                except psycopg.errors.ObjectInUse:
                    time.sleep(1 + attempt)
            self._admin(f'DROP DATABASE IF EXISTS "{name}"')

    def server_cpu(self) -> float | None:
        """CPU seconds the server's processes used so far (backends that exited, as the postmaster
        counts them, plus every process still running), when the server runs on this machine."""
        import psycopg

        with psycopg.connect(self.root, autocommit=True) as con:
            backend = con.execute("SELECT pg_backend_pid()").fetchone()[0]
        try:
            postmaster = _proc_stat(backend)[1]
            total = sum(_proc_stat(postmaster)[13:15])  # cutime, cstime: the children it reaped
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    try:
                        fields = _proc_stat(int(entry.name))
                    except OSError:
                        continue  # exited meanwhile
                    if fields[1] == postmaster:
                        total += fields[11] + fields[12]  # utime, stime
        except OSError:
            return None  # another machine or no /proc
        return total / os.sysconf("SC_CLK_TCK")


def _server_cpu_since(pg: Postgres, before: float) -> str:
    """The server's CPU seconds since `before`, or n/a when the count went back: seen after the previous
    run's database was dropped (a server process counted before was not among those reaped after)."""
    spent = (pg.server_cpu() or 0.0) - before
    return f"server CPU {spent:.1f} s" if spent >= 0 else "server CPU n/a (the count went back)"


def _proc_stat(pid: int) -> list[int]:
    """The numeric fields of /proc/PID/stat after the command name: [state→0, ppid, …]."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return [0] + [int(x) for x in text[text.rindex(")") + 2 :].split()[1:]]


def query(url: str, sql: str) -> list[tuple]:
    """Rows of `sql` on a benchmark database (a SQLite file or a PostgreSQL URL)."""
    if url.startswith("sqlite:///"):
        con = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()
    import psycopg

    with psycopg.connect(url) as con:
        return con.execute(sql).fetchall()


def build_ledger(db: Path, rows: int, path: Path) -> tuple[str, int]:
    """The ledger for the largest community; returns (community code, rows)."""
    import xlsxwriter

    from jianfu.core import idcard

    con = sqlite3.connect(db)
    community_id, code = con.execute(
        "SELECT c.id, c.code FROM orgs_community c JOIN registry_person p ON p.community_id = c.id "
        "GROUP BY c.id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    people = con.execute(
        "SELECT name, id_number, gender, birth_date, phone, json_extract(\"values\", '$.address') FROM registry_person "
        "WHERE community_id = ? AND id_number IS NOT NULL ORDER BY id LIMIT ?",
        (community_id, rows),
    ).fetchall()
    con.close()
    rng = random.Random(100000)
    rng.shuffle(people)
    n_known, n_new = int(rows * 0.7), int(rows * 0.2)
    n_noid = rows - n_known - n_new
    edu = ["大学本科", "高中", "初中", "小学", "大学专科"]
    marital = ["已婚", "丧偶", "未婚", "离婚"]
    living = ["独居", "空巢", "与子女同住", "与配偶同住"]
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("名册")
    ws.write_string(0, 0, "江岸区2026年困难群众与重点人群综合台账")
    ws.write_row(1, 0, HEADER)
    r = 2
    used_ids = {p[1] for p in people}
    for i in range(rows):
        if i < n_known:
            name, number, gender, birth, phone, address = people[i]
            if i % 10 == 0:
                phone = f"139{rng.randint(10000000, 99999999)}"
        elif i < n_known + n_new:
            birth_d = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 60))
            while True:
                number = idcard.make("420102", birth_d, rng.randint(0, 999))
                if number not in used_ids:
                    used_ids.add(number)
                    break
            name = (
                rng.choice("赵钱孙李周吴郑王冯陈")
                + rng.choice("建国秀英志强丽娟明华伟芳")
                + rng.choice("民兰军红平玲")
            )
            gender = "男" if int(number[16]) % 2 else "女"
            birth, phone, address = (
                birth_d.isoformat(),
                f"137{rng.randint(10000000, 99999999)}",
                "新安小区1栋",
            )
        else:
            name, _number, gender, birth, phone, address = people[i - n_new]
            number = ""
        birth_text = birth.replace("-", ".") if i % 3 == 0 else birth
        ws.write_row(
            r,
            0,
            [
                i + 1,
                name,
                number,
                gender,
                birth_text,
                phone or "",
                address or "",
                edu[i % 5],
                marital[i % 4],
                living[i % 4],
                f"DB{i:07d}" if i % 5 == 0 else "",
                (i % 4) + 1 if i % 5 == 0 else "",
            ],
        )
        r += 1
    ws.write_string(r + 1, 0, "填表人：")
    wb.close()
    return code, n_noid


CALAMINE = """
import sys, python_calamine
wb = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
rows = wb.get_sheet_by_index(0).to_python()
print(len(rows))
"""

IEX = r"""
import sys, time, django
django.setup()
import tablib
from import_export import fields, resources
from jianfu.orgs.models import Community
from jianfu.registry.models import Person
from jianfu.registry.services import name_key
from jianfu.registry.values import parse_date

community = Community.objects.get(code=sys.argv[2])
EXTRA = {"现住址": "address", "文化程度": "education", "婚姻状况": "marital", "居住情况": "living",
         "低保证号": "dibao_number", "保障人数": "dibao_people"}

class PersonResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="姓名")
    id_number = fields.Field(attribute="id_number", column_name="公民身份号码")
    gender = fields.Field(attribute="gender", column_name="性别")
    birth_date = fields.Field(attribute="birth_date", column_name="出生日期")
    phone = fields.Field(attribute="phone", column_name="联系电话")

    class Meta:
        model = Person
        import_id_fields = ("id_number",)
        fields = ("name", "id_number", "gender", "birth_date", "phone")
        skip_unchanged = True

    def before_import_row(self, row, **kwargs):
        row["出生日期"] = parse_date(row.get("出生日期"))
        row["公民身份号码"] = row.get("公民身份号码") or None

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        instance.community = community
        instance.name_key = name_key(instance.name or "")
        values = dict(instance.values or {})
        values.update({code: str(row[h]) for h, code in EXTRA.items() if row.get(h) not in (None, "")})
        instance.values = values

n = int(sys.argv[3])
import python_calamine
rows = python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
header = rows[1]
data = tablib.Dataset(headers=header)
for r in rows[2:2 + n]:
    data.append([("" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else v)) for v in r])
started = time.perf_counter()
result = PersonResource().import_data(data, dry_run=False, use_transactions=True, raise_errors=False)
print(time.perf_counter() - started, result.totals)
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--iex-rows", type=int, default=2000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    base = registry(args.people)
    ledger, code = ledger_for(base, args.rows)
    pg = Postgres(os.environ["DATABASE_URL"], args.people, base) if args.database == "postgres" else None
    label = "PostgreSQL" if pg else "SQLite"
    print(
        f"ledger: {ledger.name} ({ledger.stat().st_size / 1e6:.1f} MB, {args.rows} rows × {len(HEADER)} columns)"
        f" → community {code} of a {args.people:,}-person registry ({label})",
        flush=True,
    )

    wall, rss, _rc = run_measured([sys.executable, "-c", CALAMINE, str(ledger)], _env(base))
    print(
        f"floor  python-calamine read only        : {wall:6.1f} s   peak RSS {rss:7.0f} MB   CPU {LAST_CPU[0]:.1f} s",
        flush=True,
    )

    work = pg.fresh("import_work") if pg else f"sqlite:///{fresh_copy(base, 'import-work.sqlite3')}"
    result = OUT / "import-result.json"
    cmd = import_command(ledger, code)
    server_before = pg.server_cpu() if pg else None
    wall, rss, rc = run_measured(cmd, _env(work), result)
    cpu = LAST_CPU[0]
    server = ""
    if pg and server_before is not None:
        server = "  " + _server_cpu_since(pg, server_before)
    summary = {}
    if rc == 0:
        data = json.loads(result.read_text())
        summary = {k: data[k] for k in ("rows", "created", "linked", "review", "rejected")}
    phases = ""
    if rc == 0:
        row = query(work, "SELECT summary FROM ledgers_ledgerimport ORDER BY id DESC LIMIT 1")[0]
        stored = row[0] if isinstance(row[0], dict) else json.loads(row[0])
        seconds = stored.get("seconds", {})
        phases = " ".join(f"{k}={v:.1f}s" for k, v in seconds.items())
        summary["facts"] = stored.get("facts")
        publish = stored.get("publish_seconds", {})
        phases += " (publish: " + ", ".join(f"{k} {v:.2f}s" for k, v in publish.items()) + ")"
    verdict = "PASS" if rc == 0 and wall <= 30 and rss <= 1536 else "FAIL"
    print(
        f"jianfu import-ledger (staged, chunked publish): {wall:6.1f} s   peak RSS {rss:7.0f} MB   {verdict} "
        f"(target ≤ 30 s, ≤ 1536 MB)  CPU {cpu:.1f} s{server}  {summary}  phases: {phases}  "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
        flush=True,
    )

    server, server_before = "", pg.server_cpu() if pg else None
    again_wall, again_rss, rc2 = run_measured(cmd, _env(work), OUT / "import-result-again.json")
    again = json.loads((OUT / "import-result-again.json").read_text()) if rc2 == 0 else {}
    if pg and server_before is not None:
        server = "   " + _server_cpu_since(pg, server_before)
    print(
        f"same file again (changes nothing)       : {again_wall:6.1f} s   peak RSS {again_rss:7.0f} MB   "
        f"CPU {LAST_CPU[0]:.1f} s{server}   created={again.get('created')} linked={again.get('linked')}",
        flush=True,
    )
    if pg:
        pg.drop("import_work")

    if args.iex_rows <= 0:  # `--iex-rows 0`: skip the django-import-export comparison
        return
    iex_db = pg.fresh("iex_work") if pg else f"sqlite:///{fresh_copy(base, 'iex-work.sqlite3')}"
    iex_out = OUT / "iex-result.txt"
    wall, rss, rc = run_measured(
        [sys.executable, "-c", IEX, str(ledger), code, str(args.iex_rows)], _env(iex_db), iex_out
    )
    text = iex_out.read_text().strip().splitlines()
    seconds = float(text[-1].split()[0]) if rc == 0 and text else float("nan")
    per_row = seconds / args.iex_rows
    print(
        f"django-import-export ({args.iex_rows} of {args.rows} rows): {seconds:6.1f} s   peak RSS {rss:7.0f} MB   "
        f"→ extrapolated to {args.rows} rows: {per_row * args.rows:,.0f} s ({per_row * args.rows / 60:.0f} min; "
        f"linear extrapolation from a subset; no linkage, no facts, no per-row messages)",
        flush=True,
    )
    if pg:
        pg.drop("iex_work")
    for stale in list(OUT.glob("import-work.sqlite3*")) + list(OUT.glob("iex-work.sqlite3*")):
        stale.unlink()


def ledger_for(base: Path, rows: int) -> tuple[Path, str]:
    """The cached ledger of `rows` rows for the registry `base`, and its community's code."""
    ledger = OUT / f"ledger-{rows}.xlsx"
    meta = OUT / f"ledger-{rows}.json"
    if not ledger.exists() or not meta.exists():
        code, _noid = build_ledger(base, rows, ledger)
        meta.write_text(json.dumps({"community": code}))
    return ledger, json.loads(meta.read_text())["community"]


def import_command(ledger: Path, code: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "jianfu",
        "import-ledger",
        str(ledger),
        "--source",
        "基准测试台账",
        "--community",
        code,
        "--yes",
        "--json",
    ]


if __name__ == "__main__":
    main()
