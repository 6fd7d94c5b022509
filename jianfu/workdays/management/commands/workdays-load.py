"""`jianfu workdays-load FILE.yaml [--json]`: enter holiday arrangements from the State Council's notice."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jianfu.core.permissions import system_actor
from jianfu.workdays.notice import NoticeError, parse_yaml
from jianfu.workdays.services import calendar_years_load


class Command(BaseCommand):
    help = "Load a year's public holidays and adjusted working days from a YAML file (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="YAML: year, source, holidays: [{name, from, to}], workdays: [dates]"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise CommandError(f"{path}: file not found") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read as UTF-8 text ({exc})") from exc
        try:
            specs = parse_yaml(text)
            results = calendar_years_load(actor=system_actor("jianfu workdays-load"), specs=specs)
        except NoticeError as exc:
            if options["json"]:
                self.stdout.write(json.dumps({"ok": False, "errors": exc.errors}, ensure_ascii=False))
            raise CommandError(f"{path}: nothing was loaded:\n  " + "\n  ".join(exc.errors)) from exc
        if options["json"]:
            out = {"ok": True, "years": [{"year": y, "changed": c} for y, c in results]}
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        for year, changed in results:
            self.stdout.write(f"{year}: {'loaded' if changed else 'unchanged (already entered)'}")
