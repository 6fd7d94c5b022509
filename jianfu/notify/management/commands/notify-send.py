"""`jianfu notify-send [--json]`: attempt every queued delivery that is due (retries, deferred
staff messages). Run it every minute (cron / systemd timer) next to `jianfu worker`."""

import json
from typing import Any

from django.core.management.base import BaseCommand

from jianfu.notify.services import deliveries_due_run


class Command(BaseCommand):
    help = "Deliver queued notifications that are due (retries with back-off, working-hour deferrals)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        counts = deliveries_due_run()
        if opts["json"]:
            self.stdout.write(json.dumps(counts, ensure_ascii=False))
        else:
            self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
