"""`jianfu worker`: run background jobs (imports, fills, exports) from the database queue.

One process runs one task at a time; run several (`jianfu worker` in each) for more throughput.
`jianfu serve` starts one beside the web server unless told not to.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DB_BACKEND = "django_tasks_db.DatabaseBackend"


class Command(BaseCommand):
    help = "Run the background task worker (django-tasks-db): imports, fills and exports."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="process the queued tasks, then exit")
        parser.add_argument(
            "--queues", default="*", help="comma-separated queue names, or * for all (default)"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between polls of an empty queue (default 1)"
        )
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after this many tasks")

    def handle(self, *args, **opts):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend != DB_BACKEND:
            raise CommandError(
                f"the task backend is {backend}, not the database queue: there is nothing for a worker to do "
                "(unset JIANFU_TASKS_BACKEND to use the database queue)"
            )
        # periodic jobs that re-enqueue themselves: make sure one run of each waits (jianfu.casework.tasks)
        from jianfu.casework.tasks import escalation_schedule_ensure

        escalation_schedule_ensure()
        extra = ["--queue-name", opts["queues"], "--interval", str(opts["interval"]), "--no-reload"]
        if opts["batch"]:
            extra.append("--batch")
        if opts["max_tasks"]:
            extra += ["--max-tasks", str(opts["max_tasks"])]
        call_command("db_worker", *extra, verbosity=opts["verbosity"])
