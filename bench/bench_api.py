"""API list routes: p50/p95 per route, with the validated paging (jianfu.core.apikit.Page) in place.

Builds a throw-away SQLite database (migrations, the test personas' district, the rows of
tests/api_seed.py plus extra tasks, certificates and audit rows), then calls each list route
`ROUNDS` times with a district 减负办 token (limit=50) through Django's test client, in-process.
`BENCH_CODE_ROOT=/path/to/other/checkout` runs the same against another checkout (the figures
before the change). Run: `.venv/bin/python bench/bench_api.py`.
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
ROUNDS = 40
ROUTES = [
    "/api/v1/audit/events",
    "/api/v1/gate/tasks",
    "/api/v1/certificates/register",
    "/api/v1/sharing/requests",
    "/api/v1/casework/requests",
    "/api/v1/burden/entries",
]


def main() -> None:
    code = os.environ.get("BENCH_CODE_ROOT", str(ROOT))
    tmp = tempfile.mkdtemp(prefix="jianfu-bench-api-")
    env = {
        **os.environ,
        "JIANFU_DATA_DIR": tmp,
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "jianfu.settings",
        "JIANFU_TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "PYTHONPATH": os.pathsep.join([code, os.environ.get("PYTHONPATH", "")]),
    }
    try:
        subprocess.run([sys.executable, __file__, "--inner"], env=env, check=True, cwd=code)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _district():
    from types import SimpleNamespace

    from jianfu.core.testing import factories as f

    org = f.org_tree()
    case = SimpleNamespace(**org)
    case.worker = f.user("worker", "community_worker", community=case.community)
    case.resident = f.user("resident", "resident", community=case.community)
    case.dept_user = f.user("deptuser", "department", department=case.department)
    case.district_officer = f.user("dofficer", "district_office", district=case.district)
    return case


def _inner() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import importlib.util

    from django.test import Client

    import jianfu
    from jianfu.accounts.auth import api_token_create
    from jianfu.gate import services as gate

    spec = importlib.util.spec_from_file_location("api_seed", ROOT / "tests" / "api_seed.py")
    assert spec and spec.loader
    api_seed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(api_seed)
    seed = api_seed.seed

    t0 = time.perf_counter()
    case = _district()
    seed(case)
    for n in range(40):
        gate.task_submit(
            actor=case.dept_user,
            department=case.department,
            title=f"建立第{n}类工作台账",
            description="请各社区新建工作台账，每月报送。",
            communities=[case.community, case.other_community],
            kind="ledger_report",
        )
    setup = time.perf_counter() - t0
    token = api_token_create(user=case.district_officer, name="bench")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"}, raise_request_exception=False)
    print(f"code: {Path(jianfu.__file__).parent.parent}; seeded in {setup:.1f}s; {ROUNDS} calls per route")
    for route in ROUTES:
        times = []
        for _ in range(ROUNDS):
            t = time.perf_counter()
            response = client.get(route, {"limit": 50, "offset": 0})
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (route, response.status_code, response.content[:200])
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{route:<32} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
    bad = client.get("/api/v1/audit/events", {"offset": -1})
    print(f"offset=-1 on /api/v1/audit/events: HTTP {bad.status_code}")


if __name__ == "__main__":
    if "--inner" in sys.argv:
        _inner()
    else:
        main()
