"""`jianfu catalog-load FILE.yaml [--json]`: load a province's, city's or district's published list."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jianfu.catalog.loader import CatalogFileError, load_catalog_file
from jianfu.core.permissions import system_actor


class Command(BaseCommand):
    help = "Load a jurisdiction's list items (add/override/remove from a date) from YAML; idempotent, all-or-nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
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
            counts = load_catalog_file(text, actor=system_actor("jianfu catalog-load"))
        except CatalogFileError as exc:
            if options["json"]:
                self.stdout.write(json.dumps({"ok": False, "errors": exc.errors}, ensure_ascii=False))
            raise CommandError(f"{path}: nothing was loaded:\n  " + "\n  ".join(exc.errors)) from exc
        if options["json"]:
            self.stdout.write(json.dumps({"ok": True, **counts}, ensure_ascii=False))
        else:
            self.stdout.write(
                f"set {counts['set']}, removed {counts['removed']}, unchanged {counts['unchanged']}"
            )
