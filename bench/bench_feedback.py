"""Data back to the sender: problem counting, the problem-list export and the department quality page.

    python bench/bench_feedback.py [--rows 100000] [--imports 300]

On a throw-away SQLite database: one import of `--rows` rows (a quarter with one or two problem
values, every row a person in the registry) is recorded (`import_feedback_record`: counts, and the
problem table written in bulk with masked values and what the registry holds), its problem list is
exported as xlsx (`problem_list_export`, streamed from the table with xlsxwriter constant_memory),
and its problem-list page is timed through the test client (p50/p95 over 40 requests spread over
first, middle and last pages, and a kind filter); then `--imports` smaller imports spread over 12
months feed the department's quality page (`/feedback/departments/ID/`, p50/p95 of 20 requests).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if "--inner" in argv:
        _inner([a for a in argv if a != "--inner"])
        return
    tmp = tempfile.mkdtemp(prefix="jianfu-bench-feedback-")
    env = {
        **os.environ,
        "JIANFU_DATA_DIR": tmp,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "jianfu.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    try:
        subprocess.run([sys.executable, __file__, "--inner", *argv], env=env, check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


PROBLEMS = [
    ("联系电话", "phone", "136-871-6658x", "phone_format"),
    ("出生日期", "birth_date", "1956-02-30", "date_format"),
    ("公民身份号码", "id_number", "42010219560312123X", "id_checksum"),
]


def _results(pids: list[str]) -> list[dict]:
    results = []
    for i, pid in enumerate(pids):
        problems = []
        if i % 4 == 0:
            for column, code, value, kind in PROBLEMS[: 1 + (i // 4) % 2]:
                problems.append(
                    {
                        "column": column,
                        "attribute": code,
                        "value": value,
                        "kind": kind,
                        "message": f"第 {i + 2} 行“{column}”列：“{value}”格式不对",
                    }
                )
        results.append(
            {
                "row": i + 2,
                "status": "linked",
                "person": pid,
                "name": f"居民{i}",
                "errors": [],
                "problems": problems,
            }
        )
    return results


def _inner(argv: list[str]) -> None:
    import django

    django.setup()
    import datetime as dt
    import statistics

    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from jianfu.accounts.models import User
    from jianfu.feedback.models import ImportFeedback, ImportProblem
    from jianfu.feedback.services import import_feedback_record, problem_list_export
    from jianfu.ledgers.choices import ImportStatus
    from jianfu.ledgers.models import LedgerImport
    from jianfu.orgs.models import Community, Department
    from jianfu.registry.models import Person, Source, new_pid

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--imports", type=int, default=300)
    args = parser.parse_args(argv)
    call_command("migrate", verbosity=0)
    call_command("load-org", str(ROOT / "examples" / "org.yaml"), verbosity=0, stdout=io.StringIO())
    community = Community.objects.get(code="420102001001")
    department = Department.objects.get(name="区民政局")
    source = Source.objects.create(name="区民政局低保名册", department=department)
    people = [
        Person(community=community, name=f"居民{i}", name_key=f"jumin{i}", pid=new_pid(), phone=f"138{i:08d}")
        for i in range(args.rows)
    ]
    Person.objects.bulk_create(people, batch_size=5000)
    pids = [p.pid for p in people]

    def make_import(results: list[dict], sha: str) -> LedgerImport:
        return LedgerImport.objects.create(
            community=community,
            source=source,
            file_name=f"{sha}.xlsx",
            file_sha256=sha,
            status=ImportStatus.DONE,
            rows_total=len(results),
            results=results,
            finished_at=timezone.now(),
        )

    big = make_import(_results(pids), "big")
    started, cpu = time.perf_counter(), time.process_time()
    feedback = import_feedback_record(ledger_import=big, actor="bench")
    count_s, count_cpu = time.perf_counter() - started, time.process_time() - cpu
    big = LedgerImport.objects.get(pk=big.pk)
    warm = make_import(_results(pids[:50]), "warm")  # first use loads xlsxwriter, URLs and templates
    import_feedback_record(ledger_import=warm, actor="bench")
    problem_list_export(actor="bench", ledger_import=warm).unlink()
    started, cpu = time.perf_counter(), time.process_time()
    path = problem_list_export(actor="bench", ledger_import=big)
    export_s, export_cpu = time.perf_counter() - started, time.process_time() - cpu
    size_mb = path.stat().st_size / 1e6
    path.unlink()
    admin = User.objects.create_user("bench-admin", role="district_admin", district=community.street.district)
    dept_user = User.objects.create_user("bench-dept", role="department", department=department)
    client = Client()
    client.force_login(dept_user)
    client.get("/feedback/")
    url = f"/feedback/imports/{big.pk}/"
    pages = -(-feedback.problems // 100)
    times = []
    for i in range(40):
        query = f"?page={1 + (i * (pages - 1)) // 39}" if i % 8 else "?kind=date_format&page=50"
        started = time.perf_counter()
        response = client.get(url + query)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    times.sort()
    print(
        f"bench_feedback: {args.rows} rows, {feedback.rows_with_problems} with problems, {feedback.problems} problem values"
    )
    print(f"  (wall-clock and, in brackets, this process's CPU time; load average {os.getloadavg()[0]:.1f})")
    print(f"  record (counts + problem table, bulk)     {count_s:6.2f} s  ({count_cpu:.2f} s CPU)")
    print(
        f"  problem list xlsx ({feedback.problems} rows, streamed)  {export_s:6.2f} s  ({export_cpu:.2f} s CPU)  {size_mb:.1f} MB"
    )
    print(
        f"  problem list page (100 rows, {pages} pages): p50 {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1] * 1000:.0f} ms"
    )
    quarter = (
        ImportProblem.objects.filter(feedback=feedback).order_by("id").values_list("id", flat=True)[24_999]
    )
    ImportProblem.objects.filter(feedback=feedback, id__gt=quarter).delete()
    started, cpu = time.perf_counter(), time.process_time()
    problem_list_export(actor="bench", ledger_import=big).unlink()
    print(
        f"  problem list xlsx (25000 rows, streamed)  {time.perf_counter() - started:6.2f} s  "
        f"({time.process_time() - cpu:.2f} s CPU)"
    )

    small = [p for p in pids[:200]]
    today = timezone.localdate().replace(day=1)
    for i in range(args.imports):
        imp = make_import(_results(small), f"s{i}")
        fb = import_feedback_record(ledger_import=imp, actor="bench")
        month = (today - dt.timedelta(days=31 * (i % 12))).replace(day=1)
        ImportFeedback.objects.filter(pk=fb.pk).update(month=month)
    for user, label in ((dept_user, "department user"), (admin, "district admin")):
        client.force_login(user)
        url = f"/feedback/departments/{department.pk}/"
        times = []
        for _ in range(20):
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append(time.perf_counter() - started)
        times.sort()
        print(
            f"  quality page, {args.imports + 1} imports ({label}): p50 {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {times[int(len(times) * 0.95) - 1] * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
