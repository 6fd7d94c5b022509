"""`jianfu certificate check "TEXT" [--community CODE] [--json]`: the certificate desk's answer."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jianfu.certificates.check import CheckError, check_request


class Command(BaseCommand):
    help = "Certificate desk tools. Subcommands: check."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser("check", help="Can the community issue this certificate? (everyday words)")
        check.add_argument("text", help="the request, e.g. 开个单身证明")
        check.add_argument("--community", help="community code (its district's catalog applies)")
        check.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options) -> None:
        if options["subcommand"] == "check":
            self.check_text(options)

    def check_text(self, options) -> None:
        district = None
        if options.get("community"):
            from jianfu.orgs.models import Community

            community = (
                Community.objects.select_related("street__district").filter(code=options["community"]).first()
            )
            if community is None:
                raise CommandError(
                    f"Unknown community code {options['community']!r} (see `jianfu communities`)."
                )
            district = community.street.district.code
        try:
            result = check_request(text=options["text"], district_code=district)
        except CheckError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        data = result.as_json()
        self.stdout.write(
            f"{result.decision.label if hasattr(result.decision, 'label') else data['decision']}"
            f"  score={data['score']}"
        )
        if result.item:
            self.stdout.write(f"{result.item.code} {result.item.name}")
            self.stdout.write(f"matched: {'、'.join(result.matched)}")
        if result.referral and result.item:
            self.stdout.write(f"referral: {result.referral}")
            self.stdout.write(f"source: {result.item.source_document}")
        for line in [*result.materials, *result.rule]:
            self.stdout.write(f"- {line}")
