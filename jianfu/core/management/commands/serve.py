"""Production server: granian (WSGI) serving jianfu and its static files, plus a task worker."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve jianfu with granian; starts a background task worker unless --no-worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("JIANFU_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("JIANFU_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("JIANFU_WEB_WORKERS", "2")))
        parser.add_argument("--no-worker", action="store_true", help="do not start a task worker")

    def handle(self, *args, **opts):
        call_command("collectstatic", interactive=False, verbosity=0)
        worker = None
        if not opts["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "jianfu", "worker"])
        cmd = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "jianfu.wsgi:application",
            "--host",
            opts["host"],
            "--port",
            str(opts["port"]),
            "--workers",
            str(opts["workers"]),
            "--static-path-route",
            settings.STATIC_URL.rstrip("/"),
            "--static-path-mount",
            str(settings.STATIC_ROOT),
        ]
        try:
            subprocess.run(cmd, check=False)  # noqa: S603
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
