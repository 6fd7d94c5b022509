"""CPU per page: what one request of each role's everyday pages costs the server's processor.

The load benchmark (bench/bench_pages.py) needs a quiet machine; this one does not, because process
CPU time (user + sys, `time.process_time`) hardly changes with the machine's load while wall time
does. On the same 30,000-resident demo district (bench/out/pages/, built once by bench_pages), one
user of every role signs in (a real session row, as a browser would get), then each of the role's
everyday pages (the same list as bench_pages) is requested through the production WSGI application
(`jianfu.wsgi.application`: every middleware, the session and user lookups, context processors,
templates, closing the database connection at the end of the request as granian does), first to
warm up, then N times.

Printed per page: CPU ms (median and mean), wall ms, queries and SQL ms per request; per role the
mean; and the throughput bound = cores / mean CPU per request over the request mix of bench_pages at
50 users (users spread evenly over the seven roles, each looping over its pages). granian and the
load generator take CPU of their own, so the load result is below this bound.

    python bench/bench_page_cpu.py [-n 20] [--role ROLE] [--profile ROLE PATH] [--json]

`--profile ROLE PATH` runs cProfile over N requests of one page and prints the 40 dearest functions
(cumulative), for finding where the CPU goes. Figures go to bench/out/page_cpu.json too.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import bench_pages  # noqa: E402

OUT = ROOT / "bench" / "out"
USERS_AT_50 = 50


class Browser:
    """Calls the WSGI application directly with one user's cookies, as one browser tab would."""

    def __init__(self, application) -> None:
        self.application = application
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> tuple[int, bytes]:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SCRIPT_NAME": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT": "text/html",
            "HTTP_ACCEPT_ENCODING": "gzip, deflate",
            "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        answer: dict[str, object] = {}

        def start_response(status, headers, exc_info=None):
            answer["status"] = int(status.split()[0])
            answer["headers"] = headers

        result = self.application(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # request_finished: closes the database connection, as under granian
        for name, value in answer["headers"]:  # type: ignore[attr-defined]
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return int(answer["status"]), body  # type: ignore[call-overload]


class GcMeter:
    """CPU spent in the cyclic garbage collector (gc.callbacks), and collections per generation."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = [0, 0, 0]
        self._began = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._began = time.process_time()
        else:
            self.seconds += time.process_time() - self._began
            self.collections[info["generation"]] += 1

    def reset(self) -> None:
        self.seconds, self.collections = 0.0, [0, 0, 0]


GC = GcMeter()


class QueryMeter:
    """Counts the queries and the time spent in the database driver (an execute wrapper)."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - began
            self.count += 1


def signed_in(application, username: str) -> Browser:
    from django.conf import settings
    from django.test import Client

    from jianfu.accounts.models import User

    browser = Browser(application)
    if username:
        client = Client()
        client.force_login(User.objects.get(username=username))
        browser.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return browser


def measure(browser: Browser, path: str, n: int) -> dict:
    from django.db import connection

    for _ in range(2):
        status, _body = browser.get(path)
        if status >= 400:  # a redirect (/feedback/ → its first tab) counts, as in bench_pages
            raise RuntimeError(f"{path} answered {status} in the warm-up")
    cpu: list[float] = []
    wall: list[float] = []
    queries: list[int] = []
    sql: list[float] = []
    gc_ms: list[float] = []
    collections = [0, 0, 0]
    size = 0
    for _ in range(n):
        meter = QueryMeter()
        GC.reset()
        with connection.execute_wrapper(meter):
            c0, w0 = time.process_time(), time.perf_counter()
            status, body = browser.get(path)
            c1, w1 = time.process_time(), time.perf_counter()
        if status >= 400:
            raise RuntimeError(f"{path} answered {status}")
        cpu.append((c1 - c0) * 1000)
        wall.append((w1 - w0) * 1000)
        queries.append(meter.count)
        sql.append(meter.seconds * 1000)
        gc_ms.append(GC.seconds * 1000)
        collections = [a + b for a, b in zip(collections, GC.collections, strict=True)]
        size = len(body)
    return {
        "path": path,
        "cpu_ms_median": round(statistics.median(cpu), 2),
        "cpu_ms_mean": round(statistics.fmean(cpu), 2),
        "wall_ms_median": round(statistics.median(wall), 2),
        "queries": round(statistics.fmean(queries), 1),
        "sql_ms": round(statistics.fmean(sql), 2),
        "gc_ms": round(statistics.fmean(gc_ms), 3),
        "gc_collections_per_request": [round(c / n, 2) for c in collections],
        "bytes": size,
    }


def child(args: argparse.Namespace) -> None:
    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from jianfu.wsgi import application

    gc.callbacks.append(GC)
    roles = json.loads(Path(args.pages).read_text(encoding="utf-8"))
    if args.profile:
        import cProfile
        import pstats

        role, path = args.profile
        username = roles[role][0][0]
        browser = signed_in(application, username)
        measure(browser, path, 3)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.n):
            browser.get(path)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
        return
    cores = os.cpu_count() or 2
    started_cpu, started = time.process_time(), time.perf_counter()
    load_before = os.getloadavg()[0]
    per_role: dict[str, dict] = {}
    for role, rows in roles.items():
        if args.role and role != args.role:
            continue
        username, paths = rows[0]
        browser = signed_in(application, username)
        pages = [measure(browser, path, args.n) for path in paths]
        per_role[role] = {
            "user": username or "(anonymous)",
            "pages": pages,
            "cpu_ms_mean": round(statistics.fmean(p["cpu_ms_mean"] for p in pages), 2),
            "gc_ms_mean": round(statistics.fmean(p["gc_ms"] for p in pages), 3),
        }
    # bench_pages at 50 users: user i gets role sorted(roles)[i % 7] and loops over its pages.
    names = sorted(roles)
    weights = {role: sum(1 for i in range(USERS_AT_50) if names[i % len(names)] == role) for role in names}
    mix = {role: weights[role] for role in per_role}
    mean_cpu = sum(per_role[r]["cpu_ms_mean"] * w for r, w in mix.items()) / sum(mix.values())
    mean_gc = sum(per_role[r]["gc_ms_mean"] * w for r, w in mix.items()) / sum(mix.values())
    figures = {
        "n": args.n,
        "cores": cores,
        "load_average_before": round(load_before, 1),
        "load_average_after": round(os.getloadavg()[0], 1),
        "bench_cpu_s": round(time.process_time() - started_cpu, 1),
        "bench_wall_s": round(time.perf_counter() - started, 1),
        "mean_cpu_ms_per_request": round(mean_cpu, 2),
        "mean_gc_ms_per_request": round(mean_gc, 3),
        "gc_threshold": gc.get_threshold(),
        "gc_frozen": gc.get_freeze_count(),
        "bound_requests_per_s": round(cores * 1000 / mean_cpu, 1),
        "roles": per_role,
    }
    if not args.role:
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "page_cpu.json").write_text(
            json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    print(
        f"{'page':<58} {'CPU med':>8} {'mean':>7} {'wall':>7} {'queries':>7} {'SQL ms':>7} {'GC ms':>6} {'KiB':>6}"
    )
    for role, row in per_role.items():
        print(f"{role} ({row['user']}): mean CPU {row['cpu_ms_mean']} ms, GC {row['gc_ms_mean']} ms")
        for p in row["pages"]:
            print(
                f"  {p['path']:<56} {p['cpu_ms_median']:>8.1f} {p['cpu_ms_mean']:>7.1f} "
                f"{p['wall_ms_median']:>7.1f} {p['queries']:>7.1f} {p['sql_ms']:>7.1f} {p['gc_ms']:>6.2f} "
                f"{p['bytes'] / 1024:>6.1f}"
            )
    print(
        f"mean CPU per request (bench_pages mix at 50 users): {figures['mean_cpu_ms_per_request']} ms "
        f"(in the cyclic GC {figures['mean_gc_ms_per_request']} ms; thresholds {figures['gc_threshold']}, "
        f"{figures['gc_frozen']} objects frozen) → "
        f"bound {figures['bound_requests_per_s']} requests/s on {cores} cores; "
        f"load average {figures['load_average_before']} → {figures['load_average_after']}, "
        f"this run {figures['bench_cpu_s']} s CPU in {figures['bench_wall_s']} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=20, help="measured requests per page (default 20)")
    parser.add_argument("--role", help="only this role")
    parser.add_argument("--profile", nargs=2, metavar=("ROLE", "PATH"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--pages", help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if __name__ == "__main__" else [])
    if args.pages:
        child(args)
        return
    run_child(Path(__file__).resolve(), args, ["--profile", *args.profile] if args.profile else [])


def run_child(script: Path, args: argparse.Namespace, extra: list[str]) -> None:
    """Run `script` again as the measuring child on the demo district's database, with every role's
    pages listed in a file (the parent looks them up; the child only requests them)."""
    bench_pages.ensure_demo()
    OUT.mkdir(parents=True, exist_ok=True)
    listing = OUT / "page_cpu_pages.json"
    listing.write_text(json.dumps(bench_pages.role_pages(), ensure_ascii=False), encoding="utf-8")
    argv = [sys.executable, str(script), "-n", str(args.n), "--pages", str(listing), *extra]
    if args.role:
        argv += ["--role", args.role]
    if args.json:
        argv.append("--json")
    subprocess.run(argv, env=bench_pages._env(), check=True)


if __name__ == "__main__":
    main()
