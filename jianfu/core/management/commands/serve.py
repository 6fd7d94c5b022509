"""`jianfu serve`: granian (WSGI) serving jianfu and its static files, plus one task worker.

Collects the static files into STATIC_ROOT first and lets granian serve them under STATIC_URL, so no
other web server is needed on one machine. The worker (`jianfu worker`) is supervised: restarted if
it dies, stopped when the server stops. SIGINT/SIGTERM stop both cleanly.
A district runs `jianfu serve --no-worker --workers N` behind its proxy and `jianfu worker` processes
of its own.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from jianfu.core.management.commands.worker import DB_BACKEND

STOP_TIMEOUT = 15


def _stop(*procs: subprocess.Popen | None) -> None:
    """SIGTERM every running process at once, then wait; kill what is still running after the timeout."""
    running = [p for p in procs if p is not None and p.poll() is None]
    for proc in running:
        proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    for proc in running:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Command(BaseCommand):
    help = "Serve jianfu with granian; starts a supervised background task worker unless --no-worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("JIANFU_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("JIANFU_PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("JIANFU_WEB_WORKERS", "2")),
            help="granian worker processes (default 2, env JIANFU_WEB_WORKERS)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("JIANFU_WEB_THREADS", "4")),
            help="request threads per worker process (default 4, env JIANFU_WEB_THREADS)",
        )
        parser.add_argument("--no-worker", action="store_true", help="do not start a task worker")
        parser.add_argument("--access-log", action="store_true", help="log every request")

    def granian_command(self, opts) -> list[str]:
        cmd = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            opts["host"],
            "--port",
            str(opts["port"]),
            "--workers",
            str(opts["workers"]),
            "--blocking-threads",
            str(opts["threads"]),
            "--respawn-failed-workers",
            "--workers-kill-timeout",
            str(STOP_TIMEOUT),
            "--static-path-route",
            settings.STATIC_URL.rstrip("/"),
            "--static-path-mount",
            str(settings.STATIC_ROOT),
        ]
        if opts["access_log"]:
            cmd.append("--access-log")
        return [*cmd, "jianfu.wsgi:application"]

    def handle(self, *args, **opts):
        if not (Path(settings.BASE_DIR) / "static" / "vendor" / "echarts" / "echarts.min.js").exists():
            self.stderr.write(
                "warning: jianfu/static/vendor/echarts is missing (run `make assets`); charts will not draw"
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        want_worker = not opts["no_worker"] and settings.TASKS["default"]["BACKEND"] == DB_BACKEND
        worker_cmd = [sys.executable, "-m", "jianfu", "worker"]

        stopping = False

        def on_signal(signum, frame):
            nonlocal stopping
            stopping = True

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        server = worker = None
        try:
            server = subprocess.Popen(self.granian_command(opts))  # noqa: S603
            worker = subprocess.Popen(worker_cmd) if want_worker else None  # noqa: S603
            self.stdout.write(
                f"jianfu: http://{opts['host']}:{opts['port']}/ ({opts['workers']} web workers"
                f"{', 1 task worker' if worker else ', no task worker'})"
            )
            worker_started = time.monotonic()
            while not stopping:
                if server.poll() is not None:
                    break
                if worker is not None and worker.poll() is not None:
                    if time.monotonic() - worker_started < 5:
                        raise CommandError(f"the task worker exited at start (status {worker.returncode})")
                    self.stderr.write(f"task worker exited (status {worker.returncode}); restarting it")
                    worker = subprocess.Popen(worker_cmd)  # noqa: S603
                    worker_started = time.monotonic()
                time.sleep(0.5)
        finally:
            _stop(server, worker)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if server is not None and server.returncode not in (0, None, -signal.SIGTERM) and not stopping:
            raise CommandError(f"granian exited with status {server.returncode}")
