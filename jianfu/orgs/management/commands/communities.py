import json

from django.core.management.base import BaseCommand

from jianfu.orgs.models import Community


class Command(BaseCommand):
    help = "List community codes (the --community argument of import-ledger and fill)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        rows = Community.objects.select_related("street__district").order_by("code")
        data = [
            {
                "code": c.code,
                "name": c.name,
                "street": c.street.name,
                "district": c.street.district.name,
                "grids": c.grids.count(),
            }
            for c in rows
        ]
        if opts["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        for row in data:
            self.stdout.write(f"{row['code']}\t{row['name']}\t{row['street']}\t{row['district']}")
