"""`jianfu worker`: run background jobs (imports, fills, exports) from the database queue."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (django-tasks-db)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="process queued tasks, then exit")

    def handle(self, *args, **opts):
        extra = ["--batch"] if opts["batch"] else []
        call_command("db_worker", *extra)
