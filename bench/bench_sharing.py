"""Serve a data request at demo scale: the demo district (six communities, ≈30,000 residents).

Loads the demo (`jianfu seed-demo`) into a throw-away SQLite database, then times, as a department
and the 减负办 do it:
- the dry run a department sees before anything is released (gate check with population and count);
- a first request (持证残疾人名单, all six communities) from submission to pending, then the
  office's approval: agreement, file with masked values, burden entries, audit;
- a later request inside the agreement, served at once (submission → released file), five times.
Run: `.venv/bin/python bench/bench_sharing.py`.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ["name", "gender", "id_number", "phone", "disability_type", "disability_level"]


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="jianfu-bench-sharing-")
    env = {
        **os.environ,
        "JIANFU_DATA_DIR": tmp,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "jianfu.settings",
        "JIANFU_TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    try:
        subprocess.run([sys.executable, __file__, "--inner"], env=env, check=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _inner() -> None:
    import io

    import django

    django.setup()
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed-demo", stdout=io.StringIO())
    setup = time.perf_counter() - t0

    from jianfu.accounts.models import User
    from jianfu.gate import services as gate
    from jianfu.registry.models import Person
    from jianfu.sharing.services import data_request_approve

    dept = User.objects.get(username="mzj_dept")
    office = User.objects.get(username="district_office")
    communities = list(gate.department_communities(dept.department).order_by("code"))
    people = Person.objects.filter(community__in=communities).count()

    t = time.perf_counter()
    evaluation = gate.task_evaluate(
        department=dept.department,
        title="持证残疾人名单",
        description="请提供持证残疾人名单。",
        requested_fields=FIELDS,
    )
    preview = gate.evaluation_json(evaluation, communities)
    check_s = time.perf_counter() - t

    t = time.perf_counter()
    task = gate.task_submit(
        actor=dept,
        department=dept.department,
        title="持证残疾人名单",
        description="请提供持证残疾人名单。",
        communities=communities,
        requested_fields=FIELDS,
    )
    submit_s = time.perf_counter() - t
    request = task.data_request
    t = time.perf_counter()
    data_request_approve(
        actor=office, request=request, population_text=request.population, fields=request.fields
    )
    approve_s = time.perf_counter() - t
    request.refresh_from_db()

    later = []
    for i in range(5):
        t = time.perf_counter()
        again = gate.task_submit(
            actor=dept,
            department=dept.department,
            title=f"持证残疾人名单（第{i + 2}次）",
            description="请再提供持证残疾人名单。",
            communities=communities,
            requested_fields=FIELDS[:4],
        )
        later.append(time.perf_counter() - t)
        assert again.data_request.status == "released", again.data_request.status
    print(f"demo district: {len(communities)} communities, {people:,} residents (setup {setup:.1f} s)")
    print(f"population {preview['population_text']}: {preview['population_rows']:,} of {people:,} residents")
    print(f"dry run with population count: {check_s * 1000:.0f} ms")
    print(f"first request, submit → pending: {submit_s * 1000:.0f} ms")
    print(
        f"office approval → agreement + {request.rows:,}-row file ({len(FIELDS)} fields, masked): {approve_s * 1000:.0f} ms"
    )
    print(
        f"later request inside the agreement, submit → released ({again.data_request.rows:,} rows, 4 fields): "
        f"median {statistics.median(later) * 1000:.0f} ms, max {max(later) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    if "--inner" in sys.argv:
        _inner()
    else:
        main()
