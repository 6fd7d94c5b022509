"""Run every bench/bench_*.py: each file's `main()` in a fresh subprocess, printing its figures.

Usage: `python bench/run.py [name-substring ...]` (or `make bench`). Each benchmark runs with the
benchmark data directory (./data/bench unless JIANFU_DATA_DIR is set) and the database task backend
replaced by the immediate one, so it needs no worker. A failing benchmark is reported and makes the
run exit non-zero, the others still run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent

RUNNER = """
import importlib.util, sys
import django
django.setup()
spec = importlib.util.spec_from_file_location({name!r}, {path!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
module.main()
"""


def discover(filters: list[str]) -> list[Path]:
    files = sorted(BENCH_DIR.glob("bench_*.py"))
    if filters:
        files = [p for p in files if any(f in p.stem for f in filters)]
    return files


def main(argv: list[str]) -> int:
    files = discover(argv)
    if not files:
        print("no bench/bench_*.py files found", file=sys.stderr)
        return 1
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "jianfu.settings")
    env.setdefault("JIANFU_DATA_DIR", str(ROOT / "data" / "bench"))
    env.setdefault("JIANFU_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    failed = []
    for path in files:
        print(f"== {path.stem}", flush=True)
        started = time.perf_counter()
        code = RUNNER.format(name=path.stem, path=str(path))
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=False)
        took = time.perf_counter() - started
        status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
        print(f"== {path.stem}: {status} in {took:.1f}s\n", flush=True)
        if result.returncode != 0:
            failed.append(path.stem)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
