import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jianfu.core.permissions import system_actor
from jianfu.orgs.services import OrgFileError, org_load, parse_org_file


class Command(BaseCommand):
    help = "Create or update a district's streets, communities, grids and departments from a YAML file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = org_load(
                data=parse_org_file(path.read_text(encoding="utf-8")), actor=system_actor("jianfu load-org")
            )
        except OrgFileError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        summary = {"district": result.district.code, "created": result.created, "updated": result.updated}
        self.stdout.write(
            json.dumps(summary, ensure_ascii=False)
            if opts["json"]
            else f"{result.district.name}: created {result.created}, updated {result.updated}"
        )
