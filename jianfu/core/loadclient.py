"""A user who keeps working while something big runs: the client of the concurrency test and benchmark.

`LoadClient(base_url, ...)` talks HTTP to a running jianfu server (another process) the way a
community worker and an API integration do: each round signs in (a session write), loads the home
page and the registry list, issues a certificate through the API (a write) and reads the API's
people list. Every request is timed; an HTTP status ≥ 400 or a network error counts as an error,
with its text kept ("database is locked" in a 500 page, a timeout …).

`serve(env)` starts a jianfu server process (Django's threaded runserver, no reloader) on a free
port of 127.0.0.1 and waits until it answers.
"""

from __future__ import annotations

import http.cookiejar
import json
import math
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Sample:
    kind: str  # login, page, certificate, api
    seconds: float
    status: int  # HTTP status; 0: no answer (network error or timeout)
    error: str = ""  # not the expected answer: what came instead

    @property
    def failed(self) -> bool:
        return bool(self.error)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


class LoadClient:
    def __init__(
        self, base_url: str, *, username: str, password: str, token: str, item_code: str, timeout: float = 60
    ) -> None:
        self.base = base_url.rstrip("/")
        self.username, self.password, self.token = username, password, token
        self.item_code = item_code
        self.timeout = timeout
        self.samples: list[Sample] = []
        self.rounds = 0

    def _request(
        self,
        kind: str,
        opener: urllib.request.OpenerDirector,
        path: str,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200,),
    ) -> str:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})  # noqa: S310 (http only)
        started = time.perf_counter()
        status, body, error = 0, "", ""
        try:
            with opener.open(request, timeout=self.timeout) as response:
                status, body = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read().decode("utf-8", "replace")
        except (OSError, urllib.error.URLError) as exc:
            error = f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - started
        if not error and status not in expect:
            text = re.sub(r"<[^>]+>", " ", body)
            error = f"HTTP {status} on {path}: " + " ".join(text.split())[:300]
        self.samples.append(Sample(kind, seconds, status, error))
        return body

    def round(self) -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
        page = self._request("login", opener, "/accounts/login/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        csrf = match.group(1) if match else ""
        form = urllib.parse.urlencode(
            {"username": self.username, "password": self.password, "csrfmiddlewaretoken": csrf}
        ).encode()
        self._request(
            "login",
            opener,
            "/accounts/login/",
            data=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.base + "/accounts/login/",
            },
            expect=(302,),
        )
        self._request("page", opener, "/")
        self._request("page", opener, "/registry/")
        bearer = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        api = urllib.request.build_opener()
        payload = {
            "item_code": self.item_code,
            "holder_name": f"居民{len(self.samples)}",
            "purpose": "子女入学",
            "body": "兹证明该居民在本社区居住。",
        }
        self._request(
            "certificate",
            api,
            "/api/v1/certificates/issue",
            data=json.dumps(payload).encode(),
            headers=bearer,
            expect=(201,),
        )
        self._request("api", api, "/api/v1/registry/people?limit=20", headers=bearer)
        self.rounds += 1

    def reset(self) -> None:
        """Forget what was measured so far (after a warm-up round)."""
        self.samples, self.rounds = [], 0

    def run_while(self, running: Callable[[], bool], min_rounds: int = 1, pause: float = 0.0) -> None:
        """Rounds until `running()` is false (and at least `min_rounds`)."""
        while running() or self.rounds < min_rounds:
            self.round()
            if pause:
                time.sleep(pause)

    def errors(self) -> list[Sample]:
        return [s for s in self.samples if s.failed]

    def report(self) -> dict[str, dict[str, float]]:
        """Per kind of request (and all): count, errors, p50, p95 and max seconds."""
        kinds = sorted({s.kind for s in self.samples})
        out = {}
        for kind in [*kinds, "all"]:
            rows = [s for s in self.samples if kind in ("all", s.kind)]
            times = [s.seconds for s in rows]
            out[kind] = {
                "n": len(rows),
                "errors": sum(1 for s in rows if s.failed),
                "p50": percentile(times, 0.5),
                "p95": percentile(times, 0.95),
                "max": max(times) if times else math.nan,
            }
        return out


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(env: dict[str, str], timeout: float = 120) -> Iterator[str]:
    """A jianfu server process on `env`'s database; yields its base URL and stops it afterwards."""
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603 (our own interpreter and command)
        [sys.executable, "-m", "jianfu", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(base + "/accounts/login/", timeout=10) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode("utf-8", "replace")[-2000:] if proc.stderr else ""
                raise RuntimeError(f"the jianfu server did not start: {err}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
