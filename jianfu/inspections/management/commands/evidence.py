"""`jianfu evidence build --community CODE --from DATE --to DATE [--inspection ID] -o OUT.zip [--json]`
and `jianfu evidence verify OUT.zip [--json]`.

build prints {"files": N, "bytes": N, "sha256": "…"}; verify prints {"ok": …, "files": N, "mismatches": [...]}
and exits 1 when the package does not verify.
"""

import datetime as dt
import json
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jianfu.core.permissions import system_actor
from jianfu.inspections import evidence
from jianfu.inspections.models import EvidencePackage


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = "Evidence packages for inspections. Subcommands: build, verify."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        b = sub.add_parser("build", help="build the package of a community and period")
        b.add_argument("--community", required=True, help="community code")
        b.add_argument("--from", dest="date_from", required=True)
        b.add_argument("--to", dest="date_to", required=True)
        b.add_argument(
            "--inspection", type=int, help="the visit the package answers (its materials decide the extracts)"
        )
        b.add_argument("--with-registry", action="store_true", help="add the masked resident roster")
        b.add_argument("-o", "--output", required=True)
        b.add_argument("--json", action="store_true")
        v = sub.add_parser("verify", help="check every file of a package against its manifest")
        v.add_argument("file")
        v.add_argument("--json", action="store_true")

    def handle(self, *args, **options) -> None:
        if options["subcommand"] == "build":
            self.build(options)
        else:
            self.verify(options)

    def build(self, options) -> None:
        from jianfu.inspections.models import Inspection
        from jianfu.inspections.services import evidence_package_record
        from jianfu.orgs.models import Community

        community = Community.objects.filter(code=options["community"]).first()
        if community is None:
            raise CommandError(f"unknown community code {options['community']!r} (see `jianfu communities`)")
        inspection = None
        if options.get("inspection"):
            inspection = (
                Inspection.objects.select_related("department").filter(pk=options["inspection"]).first()
            )
            if inspection is None:
                raise CommandError(f"no inspection {options['inspection']}")
            if not inspection.targets.filter(community=community).exists():
                raise CommandError(f"inspection {inspection.pk} does not visit {community.code}")
        spec = evidence.EvidenceSpec(
            community=community,
            period_from=_date(options["date_from"]),
            period_to=_date(options["date_to"]),
            inspection=inspection,
            include_registry=options["with_registry"],
        )
        out = Path(options["output"])
        partial = out.with_name(out.name + ".partial")
        try:
            with partial.open("wb") as fh:
                result = evidence.build(spec, fh)
            os.replace(partial, out)
        except evidence.EvidenceError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(str(exc)) from exc
        evidence_package_record(
            actor=system_actor("jianfu evidence"),
            community=community,
            inspection=inspection,
            period=(spec.period_from, spec.period_to),
            files=result.files,
            size=result.bytes,
            sha256=result.sha256,
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(f"{out}: {result.files} files, {result.bytes:,} bytes, sha256 {result.sha256}")

    def verify(self, options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        report = evidence.verify(path)
        sha = evidence.sha256_of(path)
        report["sha256"] = sha
        report["registered"] = EvidencePackage.objects.filter(sha256=sha).exists()
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            state = "OK" if report["ok"] else "FAILED"
            self.stdout.write(f"{path}: {state}, {report['files']} files, registered: {report['registered']}")
            for m in report["mismatches"]:
                self.stdout.write(f"  {m['path']}: {m['problem']}")
        if not report["ok"]:
            sys.exit(1)
