"""`jianfu inspection plan-load FILE.yaml [--json]`: file a department's annual inspection plan.

`jianfu inspection list [--year Y] [--community CODE] [--json]`: the visits and the gate's decisions.

`jianfu inspection inspector --inspection ID --username NAME [--name TEXT] [--json]`: open (or reuse) a
dedicated inspector account (role 检查人员: read-only, this visit's communities, items and window) and
grant it the visit until the visit ends; a new account's password is printed once.

`jianfu inspection rebounds [--year Y] [--district CODE] [--evaluate] [--json]`: the rebound alerts (visits
to a community climbing above the same period last year); `--evaluate` re-checks every community first.

`jianfu inspection rebound-ack ID [--note TEXT] [--json]`: acknowledge an alert (as the system actor).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jianfu.core.permissions import system_actor
from jianfu.inspections.planfile import PlanFileError, plan_load


class Command(BaseCommand):
    help = (
        "Inspections (督查检查考核). Subcommands: plan-load, rules, inspector, rebounds, rebound-ack, list."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("plan-load", help="load a department's annual plan (YAML, all-or-nothing)")
        load.add_argument("file")
        load.add_argument("--json", action="store_true")
        rules = sub.add_parser("rules", help="show or set a district's caps and notice period")
        rules.add_argument("--district", required=True, help="district code")
        for name in (
            "per-community-per-year",
            "per-department-per-year",
            "comprehensive-per-department",
            "notice-working-days",
            "rebound-ratio",
        ):
            rules.add_argument(f"--{name}")
        rules.add_argument("--json", action="store_true")
        grant = sub.add_parser("inspector", help="give an inspector account read-only access to one visit")
        grant.add_argument("--inspection", type=int, required=True, help="visit id")
        grant.add_argument("--username", required=True)
        grant.add_argument("--name", default="", help="the inspector's name or team")
        grant.add_argument("--json", action="store_true")
        rebounds = sub.add_parser("rebounds", help="list (and with --evaluate re-check) rebound alerts")
        rebounds.add_argument("--year", type=int)
        rebounds.add_argument("--district", help="district code")
        rebounds.add_argument("--evaluate", action="store_true", help="re-check every community first")
        rebounds.add_argument("--json", action="store_true")
        ack = sub.add_parser("rebound-ack", help="acknowledge a rebound alert")
        ack.add_argument("id", type=int)
        ack.add_argument("--note", default="")
        ack.add_argument("--json", action="store_true")
        listing = sub.add_parser("list", help="list registered visits")
        listing.add_argument("--year", type=int)
        listing.add_argument("--community")
        listing.add_argument("--json", action="store_true")

    def handle(self, *args, **options) -> None:
        if options["subcommand"] == "plan-load":
            self.plan_load(options)
        elif options["subcommand"] == "rules":
            self.rules(options)
        elif options["subcommand"] == "inspector":
            self.inspector(options)
        elif options["subcommand"] == "rebounds":
            self.rebounds(options)
        elif options["subcommand"] == "rebound-ack":
            self.rebound_ack(options)
        else:
            self.listing(options)

    def plan_load(self, options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: not UTF-8 text ({exc})") from exc
        try:
            result = plan_load(actor=system_actor("jianfu inspection plan-load"), text=text, name=path.name)
        except PlanFileError as exc:
            raise CommandError("nothing was loaded:\n" + "\n".join(exc.errors)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self.stdout.write(
            f"{result.plan}: {len(result.created)} registered, {len(result.unchanged)} already there"
        )
        for i in result.created:
            self.stdout.write(f"  {i.plan_ref}  {i.get_status_display()}  {i.title}")

    def inspector(self, options) -> None:
        from django.core.exceptions import ValidationError

        from jianfu.inspections.models import Inspection
        from jianfu.inspections.services import inspector_access_give

        visit = Inspection.objects.filter(pk=options["inspection"]).first()
        if visit is None:
            raise CommandError(f"no inspection with id {options['inspection']}")
        try:
            access = inspector_access_give(
                actor=system_actor("jianfu inspection inspector"),
                inspection=visit,
                username=options["username"],
                name=options["name"],
            )
        except ValidationError as exc:
            raise CommandError("nothing was changed: " + "; ".join(exc.messages)) from exc
        body = {
            "username": access.grant.user.get_username(),
            "password": access.password or None,
            "inspection": visit.pk,
            "expires_at": timezone.localtime(access.grant.expires_at).isoformat(),
        }
        if options["json"]:
            self.stdout.write(json.dumps(body, ensure_ascii=False))
            return
        self.stdout.write(f"{body['username']}: read-only access to {visit} until {body['expires_at']}")
        if access.password:
            self.stdout.write(f"  initial password (shown once): {access.password}")

    @staticmethod
    def _alert_json(a) -> dict:
        return {
            "id": a.pk,
            "community": a.community.code,
            "year": a.year,
            "visits": a.visits,
            "last_year_to_date": a.last_year_to_date,
            "cap": a.cap,
            "status": a.status,
            "note": a.note,
        }

    def rebounds(self, options) -> None:
        from jianfu.inspections.selectors import rebound_alerts
        from jianfu.inspections.services import visit_rebounds_evaluate_year
        from jianfu.orgs.models import District

        year = options.get("year") or timezone.localdate().year
        district = None
        if options.get("district"):
            district = District.objects.filter(code=options["district"]).first()
            if district is None:
                raise CommandError(f"unknown district code {options['district']!r}")
        if options["evaluate"]:
            visit_rebounds_evaluate_year(year=year, district=district)
        actor = system_actor("jianfu inspection rebounds")
        rows = rebound_alerts(actor, year=year)
        if district is not None:
            rows = rows.filter(community__street__district=district)
        alerts = [self._alert_json(a) for a in rows]
        if options["json"]:
            self.stdout.write(json.dumps({"year": year, "alerts": alerts}, ensure_ascii=False))
            return
        if not alerts:
            self.stdout.write(f"{year}: no rebound alerts")
        for a in alerts:
            self.stdout.write(
                f"{a['id']:>5}  {a['community']:<12} {a['visits']} visits (same period last year "
                f"{a['last_year_to_date']}, cap {a['cap']})  {a['status']}"
            )

    def rebound_ack(self, options) -> None:
        from django.core.exceptions import ValidationError

        from jianfu.inspections.models import VisitReboundAlert
        from jianfu.inspections.services import visit_rebound_acknowledge

        alert = VisitReboundAlert.objects.select_related("community").filter(pk=options["id"]).first()
        if alert is None:
            raise CommandError(f"no rebound alert with id {options['id']}")
        try:
            alert = visit_rebound_acknowledge(
                actor=system_actor("jianfu inspection rebound-ack"), alert=alert, note=options["note"]
            )
        except ValidationError as exc:
            raise CommandError("nothing was changed: " + "; ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(self._alert_json(alert), ensure_ascii=False))
        else:
            self.stdout.write(f"{alert.community.code} {alert.year}: acknowledged")

    def rules(self, options) -> None:
        from dataclasses import asdict

        from django.core.exceptions import ValidationError

        from jianfu.inspections.rules import caps_for
        from jianfu.inspections.services import RULE_LIMITS, rules_set
        from jianfu.orgs.models import District

        district = District.objects.filter(code=options["district"]).first()
        if district is None:
            raise CommandError(f"unknown district code {options['district']!r}")
        given = {f: options[f] for f in [*RULE_LIMITS, "rebound_ratio"] if options.get(f) is not None}
        if given:
            current = asdict(caps_for(district))
            try:
                rules_set(
                    actor=system_actor("jianfu inspection rules"),
                    district=district,
                    values={**current, **given},
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
        caps = {k: str(v) for k, v in asdict(caps_for(district)).items()}
        if options["json"]:
            self.stdout.write(json.dumps({"district": district.code, **caps}, ensure_ascii=False))
        else:
            for k, v in caps.items():
                self.stdout.write(f"{k}: {v}")

    def listing(self, options) -> None:
        from jianfu.inspections.models import Inspection

        qs = Inspection.objects.select_related("department").order_by("window_start", "id")
        qs = qs.filter(year=options.get("year") or timezone.localdate().year)
        if options.get("community"):
            qs = qs.filter(targets__community__code=options["community"])
        rows = [
            {
                "id": i.pk,
                "title": i.title,
                "department": i.department.code,
                "window": [i.window_start.isoformat(), i.window_end.isoformat()],
                "status": i.status,
                "route": i.route,
                "flags": i.flags,
                "joint": i.joint,
                "merged_into": i.merged_into_id,
            }
            for i in qs
        ]
        if options["json"]:
            self.stdout.write(json.dumps({"inspections": rows}, ensure_ascii=False))
            return
        for r in rows:
            self.stdout.write(
                f"{r['id']:>5}  {r['window'][0]}..{r['window'][1]}  {r['status']:<15} {r['department']:<8} {r['title']}"
            )
