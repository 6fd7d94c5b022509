import json

from django.core.management.base import BaseCommand

from jianfu.burden.services import rollup_rebuild


class Command(BaseCommand):
    help = "Rebuild the monthly burden rollup from the ledger (only needed after loading entries in bulk)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        buckets = rollup_rebuild()
        self.stdout.write(
            json.dumps({"buckets": buckets}) if opts["json"] else f"rebuilt {buckets} bucket(s)"
        )
