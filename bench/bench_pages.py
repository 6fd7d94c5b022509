"""Page load: N signed-in users of every role loop over their everyday pages against `jianfu serve`.

Targets (issue #12, 2 cores, load generator on the same machine): at 50 users p95 ≤ 300 ms and at
least double the throughput first measured (about 90 requests/s, p95 about 700 ms).

The demo district (`jianfu seed-demo`, 30,000 residents) is built once into bench/out/pages/ and
reused. The server is the production one (`jianfu serve --no-worker`: granian, WSGI, its default
2 workers × 4 threads). Users are spread over the six staff roles and anonymous residents; each
virtual user signs in with its own session, then requests its role's pages in a shuffled loop
(a think time of 0: this measures capacity, not a realistic arrival rate). The load generator runs
in two processes of threads on plain keep-alive `http.client` connections so it costs little CPU.

Printed: requests/s, p50/p95/p99, errors (any status ≥ 400 or a failed connection), the same per
role, the load average, and the five slowest pages by p95. Figures go to bench/out/pages.json too.

    python bench/bench_pages.py [--users 50] [--seconds 60] [--web-workers 2] [--threads 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DATA_DIR = OUT / "pages"
PASSWORD = "jianfu-demo-2026"  # noqa: S105 - the published demo password (seed-demo)
ROLES = (
    "community_worker",
    "community_head",
    "grid_worker",
    "street_office",
    "district_office",
    "department",
    "resident",
)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERSON_PAGE = re.compile(r"/registry/people/[^/]+/")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["JIANFU_DATA_DIR"] = str(DATA_DIR)
    env["DJANGO_SETTINGS_MODULE"] = "jianfu.settings"
    env.pop("DATABASE_URL", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def ensure_demo() -> None:
    marker = DATA_DIR / ".seeded"
    if marker.exists():
        # migrations landed since the demo was built (a missing table answers 500 on the pages using it)
        subprocess.run(
            [sys.executable, "-m", "jianfu", "migrate", "--no-input", "-v", "0"],
            env=_env(),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    print("building the demo district in bench/out/pages (once) …", flush=True)
    for args in (["migrate", "--no-input", "-v", "0"], ["seed-demo"]):
        subprocess.run(
            [sys.executable, "-m", "jianfu", *args], env=_env(), check=True, stdout=subprocess.DEVNULL
        )
    marker.touch()


def role_pages() -> dict[str, list[tuple[str, list[str]]]]:
    """Asked of a child process, so Django is set up on the benchmark's own demo database."""
    listed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--print-pages"],
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return {role: [(user, paths) for user, paths in rows] for role, rows in json.loads(listed.stdout).items()}


def print_role_pages() -> None:
    """For each role: the usernames of that role and the paths of its everyday pages."""
    import django

    django.setup()
    from django.urls import reverse

    from jianfu.accounts.models import User
    from jianfu.registry.models import Person

    def people_path(user: User) -> list[str]:
        pid = Person.objects.restrict(user, "view").order_by("pk").values_list("pid", flat=True).first()
        return [reverse("registry:person_detail", args=[pid])] if pid else []

    everyday = {
        "community_worker": [
            "core:home",
            "registry:person_list",
            "ledgers:review_queue",
            "fills:fill_list",
            "gate:task_list",
            "certificates:desk",
            "certificates:register",
            "casework:board",
        ],
        "community_head": [
            "core:home",
            "gate:task_list",
            "burden:dashboard",
            "registry:person_list",
            "inspections:calendar",
            "casework:board",
            "activities:list",
        ],
        "grid_worker": ["core:home", "casework:board", "casework:report", "registry:person_list"],
        "street_office": [
            "core:home",
            "gate:task_list",
            "burden:dashboard",
            "burden:alert_list",
            "casework:rates",
            "inspections:list",
        ],
        "district_office": [
            "core:home",
            "gate:task_list",
            "burden:dashboard",
            "burden:entry_list",
            "inspections:dashboard",
            "casework:rates",
            "sharing:home",
        ],
        "department": ["core:home", "gate:task_list", "sharing:home", "feedback:index", "casework:board"],
        "resident": ["core:home", "catalog:public_lists", "certificates:ask", "casework:report"],
    }
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for role, names in everyday.items():
        paths = [reverse(name) for name in names]
        if role == "resident":
            out[role] = [("", paths)]  # anonymous
            continue
        users = User.objects.filter(role=role, is_active=True).order_by("username")[:20]
        community_staff = role in ("community_worker", "community_head", "grid_worker")
        out[role] = [(u.username, paths + (people_path(u) if community_staff else [])) for u in users]
    print(json.dumps(out, ensure_ascii=False))


class Session:
    """One virtual user: a keep-alive connection and its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def reconnect(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def sign_in(self, username: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = CSRF_INPUT.search(page.decode())
        if status != 200 or token is None:
            raise RuntimeError(f"login page answered {status}")
        form = urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)})
        status, _ = self.request("POST", "/accounts/login/", form)
        if status != 302:
            raise RuntimeError(f"sign-in of {username} answered {status}")


def run_users(
    args: tuple[int, list[tuple[str, str, list[str]]], float, int],
) -> tuple[list[tuple[str, int, float, float]], float]:
    """One load-generator process: its samples and the CPU seconds it used in the measured loop."""
    port, users, seconds, seed = args
    results: list[tuple[str, int, float, float]] = []
    lock = threading.Lock()
    cpu_at_start: list[float] = []
    start_barrier = threading.Barrier(len(users), action=lambda: cpu_at_start.append(process_cpu()))

    def one(index: int, role: str, username: str, paths: list[str]) -> None:
        rng = random.Random(seed * 1000 + index)
        session = Session(port)
        if username:
            session.sign_in(username)
        for path in paths:  # warm-up, not measured: caches and connections as in a working day
            session.request("GET", path)
        # A fresh connection once every worker is up: the warm-up's connections may all have been accepted
        # by the worker that started first, leaving the other idle for the whole run (seen: 91 requests/s
        # on one core instead of ≈ 176 on two).
        session.reconnect()
        start_barrier.wait()
        mine: list[tuple[str, int, float, float]] = []
        deadline = time.time() + seconds
        while time.time() < deadline:
            order = paths[:]
            rng.shuffle(order)
            for path in order:
                began = time.time()
                try:
                    status, _ = session.request("GET", path)
                except (http.client.HTTPException, OSError):
                    status = 0
                page = PERSON_PAGE.sub("/registry/people/<pid>/", path)
                mine.append((f"{role} {page}", status, began, time.time()))
        with lock:
            results.extend(mine)

    threads = [
        threading.Thread(target=one, args=(i, role, username, paths))
        for i, (role, username, paths) in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, process_cpu() - cpu_at_start[0]


def process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def tree_cpu(root: int) -> float:
    """CPU seconds (user + sys) used so far by a process and its descendants, read from /proc."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        used[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    tree, changed = {root}, True
    while changed:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        changed, tree = grown != tree, grown
    return sum(used.get(pid, 0.0) for pid in tree)


class CpuSampler(threading.Thread):
    """Samples the server's CPU every half second, to read what it used within the measured window."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.samples: list[tuple[float, float]] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.samples.append((time.time(), tree_cpu(self.root)))
            self.stopped.wait(0.5)

    def between(self, start: float, end: float) -> float:
        inside = [cpu for at, cpu in self.samples if start <= at <= end]
        return inside[-1] - inside[0] if len(inside) > 1 else 0.0


def wait_ready(port: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("jianfu serve did not answer /healthz in time")


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--print-pages", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if __name__ == "__main__" else [])
    if args.print_pages:
        print_role_pages()
        return
    ensure_demo()
    load_at_start = os.getloadavg()[0]
    cpu_at_start = os.times()
    roles = role_pages()
    users: list[tuple[str, str, list[str]]] = []
    role_names = sorted(roles)
    for i in range(args.users):
        role = role_names[i % len(role_names)]
        username, paths = roles[role][(i // len(role_names)) % len(roles[role])]
        users.append((role, username, paths))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jianfu",
            "serve",
            "--no-worker",
            "--port",
            str(args.port),
            "--workers",
            str(args.web_workers),
            "--threads",
            str(args.threads),
        ],
        env=_env(),
        stdout=subprocess.DEVNULL,
    )
    sampler = CpuSampler(server.pid)
    try:
        wait_ready(args.port)
        sampler.start()
        halves = [users[0::2], users[1::2]]
        with multiprocessing.get_context("fork").Pool(len(halves)) as pool:
            parts = pool.map(
                run_users, [(args.port, half, args.seconds, args.seed) for half in halves if half]
            )
    finally:
        sampler.stopped.set()
        server.terminate()
        server.wait(timeout=30)
    samples = [s for part, _cpu in parts for s in part]
    # Wall time of the measured loop: from the first measured request to the last answer.
    window = min(s[2] for s in samples), max(s[3] for s in samples)
    elapsed = window[1] - window[0]
    server_cpu = sampler.between(*window)
    sampled = [at for at, _cpu in sampler.samples if window[0] <= at <= window[1]]
    sampled_s = sampled[-1] - sampled[0] if len(sampled) > 1 else 0.0
    generator_cpu = sum(cpu for _part, cpu in parts)
    latencies = [s[3] - s[2] for s in samples]
    errors = [s for s in samples if s[1] == 0 or s[1] >= 400]
    by_page: dict[str, list[float]] = {}
    for page, _status, began, ended in samples:
        by_page.setdefault(page, []).append(ended - began)
    slowest = sorted(((percentile(v, 95), k, len(v)) for k, v in by_page.items()), reverse=True)[:5]
    by_role: dict[str, list[tuple[int, float]]] = {}
    for page, status, began, ended in samples:
        by_role.setdefault(page.split(" ", 1)[0], []).append((status, ended - began))
    per_role = {
        role: {
            "users": sum(1 for u in users if u[0] == role),
            "requests_per_s": round(len(rows) / elapsed, 1),
            "p50_ms": round(percentile([t for _s, t in rows], 50) * 1000, 1),
            "p95_ms": round(percentile([t for _s, t in rows], 95) * 1000, 1),
            "errors": sum(1 for st, _t in rows if st == 0 or st >= 400),
        }
        for role, rows in sorted(by_role.items())
    }
    figures = {
        "users": args.users,
        "seconds": round(elapsed, 1),
        "requests": len(samples),
        "requests_per_s": round(len(samples) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "errors": len(errors),
        "error_examples": sorted({f"{s[1]} {s[0]}" for s in errors})[:10],
        "slowest_p95": [{"page": k, "p95_ms": round(p * 1000, 1), "n": n} for p, k, n in slowest],
        "per_role": per_role,
        "load_average": os.getloadavg()[0],
        "load_average_start": load_at_start,
        # CPU (user + sys) of the load generator and of the finished server processes (children),
        # everything from the start of the script (sign-ins and warm-up included)
        "cpu_s": round(sum(os.times()[:4]) - sum(cpu_at_start[:4]), 1),
        # within the measured loop only: the server (granian and its workers, read from /proc every
        # 0.5 s over `server_cpu_window_s`) and the load generator's two processes, per request
        "server_cpu_ms_per_request": round(server_cpu / sampled_s * elapsed / len(samples) * 1000, 2)
        if sampled_s
        else None,
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_window_s": round(sampled_s, 1),
        "generator_cpu_ms_per_request": round(generator_cpu / len(samples) * 1000, 2),
        "generator_cpu_s": round(generator_cpu, 1),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "pages.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        f"{args.users} users, {figures['seconds']} s: {figures['requests_per_s']} requests/s, "
        f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms, "
        f"errors {figures['errors']} (targets: p95 ≤ 300 ms, ≥ 180 requests/s, 0 errors)"
    )
    print(
        f"  load average {load_at_start:.1f} → {figures['load_average']:.1f} on {os.cpu_count()} CPUs; "
        f"CPU used by the server and the load generator: {figures['cpu_s']} s"
    )
    print(
        f"  in the measured loop: server {figures['server_cpu_ms_per_request']} ms CPU per request "
        f"({figures['server_cpu_s']} s in {figures['server_cpu_window_s']} s), load generator "
        f"{figures['generator_cpu_ms_per_request']} ms per request ({figures['generator_cpu_s']} s)"
    )
    for role, row in per_role.items():
        print(
            f"  {role}: {row['users']} users, {row['requests_per_s']} requests/s, "
            f"p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, errors {row['errors']}"
        )
    for row in figures["slowest_p95"]:
        print(f"  slowest: {row['page']}  p95 {row['p95_ms']} ms ({row['n']} requests)")
    for example in figures["error_examples"]:
        print(f"  error: {example}")


if __name__ == "__main__":
    main()
