"""`jianfu scorecard --unit CODE --year Y --json | --xlsx OUT | --pdf OUT`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jianfu.core.choices import AuditAction
from jianfu.core.permissions import system_actor
from jianfu.core.services import audit_record
from jianfu.scorecard import exports, selectors


class Command(BaseCommand):
    help = "The scorecard of a district, street or community (seven parts of the 2024 rules)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="district, street or community code")
        parser.add_argument("--year", type=int, default=0)
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--xlsx", default="", help="write the xlsx here")
        parser.add_argument("--pdf", default="", help="write the PDF here")

    def handle(self, *args, **opts):
        found = selectors.find_unit(opts["unit"])
        if found is None:
            raise CommandError(f"--unit {opts['unit']!r}: no district, street or community has this code")
        year = opts["year"] or timezone.localdate().year
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year}: give a year between 2000 and 2100")
        actor = system_actor("jianfu scorecard (command line)")
        card = selectors.scorecard(actor=actor, unit=found[0], level=found[1], year=year)
        for fmt in ("xlsx", "pdf"):
            if opts[fmt]:
                path = Path(opts[fmt])
                if not path.parent.is_dir():
                    raise CommandError(f"--{fmt} {path}: the folder {path.parent} does not exist")
                path.write_bytes(
                    exports.scorecard_xlsx(card) if fmt == "xlsx" else exports.scorecard_pdf(card)
                )
                audit_record(
                    actor=actor,
                    action=AuditAction.EXPORT,
                    object_type="scorecard",
                    object_id=f"{card.unit.code}:{year}",
                    summary=f"scorecard {card.unit.code} {year} → {path}",
                )
        if opts["json"]:
            self.stdout.write(json.dumps(card.as_json(), ensure_ascii=False))
        elif not (opts["xlsx"] or opts["pdf"]):
            for part in card.parts:
                self.stdout.write(f"{part.number}. {part.title}")
                for f in part.figures:
                    self.stdout.write(f"   {f.label}: {f.value} ({f.previous})")
