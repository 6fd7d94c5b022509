"""What every request pays: the CPU of the framework layer, part by part (issue 12).

bench_page_cpu.py measures whole pages; this one takes one signed-in user of every role (and an
anonymous visitor) on the same demo district (bench/out/pages/) and measures, through the production
WSGI application, a page with no content of its own: `{% extends "base.html" %}` and nothing else, so
what is left is what every page pays (the WSGI handler, each middleware, the session row and the user
row, the context processors, base.html with the navigation and the language switch, closing the
request). A probe middleware sits between every two of settings.MIDDLEWARE, so each middleware's own
CPU is its time minus the time of what it wraps; the session load, the user lookup and every context
processor are timed where they run (they are lazy: the view or the template triggers them).

Printed per role: the empty page's CPU (median of N), each part's mean CPU in µs, and the queries.

    python bench/bench_request_overhead.py [-n 200] [--role ROLE] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import bench_page_cpu  # noqa: E402

OUT = ROOT / "bench" / "out"
EMPTY_PAGE = "/__bench__/empty/"
urlpatterns: list = []  # filled in the child: jianfu's URLs plus the empty page (this module is the URLconf)

# CPU seconds per part, for the request being measured
spent: dict[str, float] = defaultdict(float)
entered: list[float] = []  # CPU of the timed calls made inside each open timed call
probes: list[int] = []  # the probes the request is inside, innermost last


def probe_factory(index: int):
    """A middleware that records the CPU its inner part took (what sits between it and the next probe)."""

    def middleware(get_response):
        def probe(request):
            began = time.process_time()
            probes.append(index)
            try:
                return get_response(request)
            finally:
                probes.pop()
                spent[f"inclusive {index}"] += time.process_time() - began

        return probe

    return middleware


def timed(label: str, function):
    """Wraps a function to add its own CPU to spent[label]: less that of timed calls it makes."""

    def wrapper(*args, **kwargs):
        began = time.process_time()
        entered.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            took = time.process_time() - began
            spent[label] += took - entered.pop()
            if entered:
                entered[-1] += took
            else:  # not inside another timed call: taken out of the part (middleware, view) it ran in
                spent[f"lazy {probes[-1] if probes else -1}"] += took

    wrapper.__wrapped__ = function  # type: ignore[attr-defined]
    return wrapper


def empty_page(request):
    from django.shortcuts import render

    return render(request, "bench_empty.html", {})


def install_probes() -> list[str]:
    """Interleave probes with the middleware and wrap the lazy parts; returns the middleware names."""
    from importlib import import_module

    import django.contrib.auth as auth
    import django.contrib.auth.middleware as auth_middleware
    from django.conf import settings
    from django.template import engines
    from django.template.backends.django import DjangoTemplates
    from django.urls import include, path

    names = list(settings.MIDDLEWARE)
    interleaved: list[str] = []
    for i, name in enumerate(names):
        interleaved += [f"bench.bench_request_overhead.PROBE_{i}", name]
    interleaved.append(f"bench.bench_request_overhead.PROBE_{len(names)}")
    for i in range(len(names) + 1):
        globals()[f"PROBE_{i}"] = probe_factory(i)
    settings.MIDDLEWARE = interleaved
    urlpatterns[:] = [path(EMPTY_PAGE.strip("/") + "/", empty_page), path("", include("jianfu.urls"))]
    settings.ROOT_URLCONF = "bench.bench_request_overhead"
    store = import_module(settings.SESSION_ENGINE).SessionStore
    store.load = timed("session row (SessionStore.load)", store.load)
    auth_middleware.auth.get_user = timed("user row (auth.get_user)", auth.get_user)  # type: ignore[attr-defined]
    engine = engines["django"]
    assert isinstance(engine, DjangoTemplates)
    engine.engine.template_context_processors  # noqa: B018 - computed once, then wrapped
    engine.engine.__dict__["template_context_processors"] = tuple(
        timed(f"context processor {p.__module__.rsplit('.', 1)[-1]}.{p.__name__}", p)
        for p in engine.engine.template_context_processors
    )
    return names


def child(args: argparse.Namespace) -> None:
    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    template_dir = OUT / "overhead_templates"
    template_dir.mkdir(parents=True, exist_ok=True)
    (template_dir / "bench_empty.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    settings.TEMPLATES[0]["DIRS"] = [*list(settings.TEMPLATES[0]["DIRS"]), template_dir]
    names = install_probes()
    application = WSGIHandler()
    roles = json.loads(Path(args.pages).read_text(encoding="utf-8"))
    results: dict[str, dict] = {}
    for role, rows in roles.items():
        if args.role and role != args.role:
            continue
        username = rows[0][0]
        browser = bench_page_cpu.signed_in(application, username)
        for _ in range(5):
            status, _body = browser.get(EMPTY_PAGE)
            if status != 200:
                raise RuntimeError(f"{role}: the empty page answered {status}")
        totals: dict[str, float] = defaultdict(float)
        cpu: list[float] = []
        queries = 0
        for _ in range(args.n):
            spent.clear()
            meter = bench_page_cpu.QueryMeter()
            with connection.execute_wrapper(meter):
                began = time.process_time()
                browser.get(EMPTY_PAGE)
                cpu.append(time.process_time() - began)
            queries += meter.count
            inclusive = [spent.get(f"inclusive {i}", 0.0) for i in range(len(names) + 1)] + [0.0]
            lazy = [spent.get(f"lazy {i}", 0.0) for i in range(-1, len(names) + 1)]
            totals["WSGI handler and closing (outside the middleware)"] += cpu[-1] - inclusive[0] - lazy[0]
            for i, name in enumerate(names):
                own = inclusive[i] - inclusive[i + 1] - lazy[i + 1]
                totals[f"middleware {name.rsplit('.', 1)[-1]}"] += own
            for label, seconds in spent.items():
                if not label.startswith(("inclusive", "lazy")):
                    totals[label] += seconds
            totals["view + base.html (less the parts above)"] += inclusive[-2] - lazy[-1]
        results[role] = {
            "user": username or "(anonymous)",
            "cpu_ms_median": round(statistics.median(cpu) * 1000, 3),
            "cpu_ms_mean": round(statistics.fmean(cpu) * 1000, 3),
            "queries": round(queries / args.n, 1),
            "parts_us": {label: round(seconds / args.n * 1e6, 1) for label, seconds in totals.items()},
        }
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for role, row in results.items():
        print(
            f"{role} ({row['user']}): empty page {row['cpu_ms_median']:.2f} ms CPU median, "
            f"{row['cpu_ms_mean']:.2f} mean, {row['queries']} queries"
        )
        for label, micros in row["parts_us"].items():
            print(f"  {micros:>8.0f} µs  {label}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200, help="measured requests per role (default 200)")
    parser.add_argument("--role", help="only this role")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--pages", help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if __name__ == "__main__" else [])
    if args.pages:
        # the URLconf and the probes are looked up by this module's import name, not as __main__
        from bench import bench_request_overhead

        bench_request_overhead.child(args)
        return
    bench_page_cpu.run_child(Path(__file__).resolve(), args, [])


if __name__ == "__main__":
    main()
