"""`jianfu digital check|list|declare|ledger`: the digital burden register on the command line.

jianfu digital check "每天在App上定位打卡，按积分排名" --json
jianfu digital list --community 420102001001 --json
jianfu digital declare --user minyi_worker --tool 12 --tool 15
jianfu digital declare --user minyi_worker --same-as minyi_grid01
jianfu digital ledger [--through 2026-11-30]
jianfu digital rebuild [--json]          (recompute the per-community roll-ups)
jianfu digital report [--street CODE] [--xlsx OUT.xlsx] [--json]
jianfu digital unit-times [--set KIND=MINUTES ...] [--basis TEXT] [--json]
"""

import datetime as dt
import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jianfu.core.formats import whole_minutes
from jianfu.core.permissions import system_actor


class Command(BaseCommand):
    help = "The digital burden register: rule check, list, declare, burden-ledger update."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        c = sub.add_parser("check", help="which rules a description of an app/group/meeting breaks")
        c.add_argument("text", nargs="?", help="the description (or - / nothing to read stdin)")
        c.add_argument("--json", action="store_true")
        lst = sub.add_parser("list", help="the tools of a community")
        lst.add_argument("--community", required=True, help="community code")
        lst.add_argument("--json", action="store_true")
        d = sub.add_parser("declare", help="declare tools for a worker (by username)")
        d.add_argument("--user", required=True)
        d.add_argument("--tool", type=int, action="append", default=[], help="tool id (repeatable)")
        d.add_argument("--same-as", default="", help="copy this colleague's declarations")
        d.add_argument("--json", action="store_true")
        led = sub.add_parser("ledger", help="count declared tools' working days in the burden ledger")
        led.add_argument("--through", default="", help="YYYY-MM-DD (default today)")
        led.add_argument("--json", action="store_true")
        rep = sub.add_parser("report", help="the district (or one street's) report; --xlsx writes it")
        rep.add_argument("--street", default="", help="street code (default: the whole district)")
        rep.add_argument("--xlsx", default="", help="write the report as xlsx to this file (audited)")
        rep.add_argument("--json", action="store_true")
        ut = sub.add_parser("unit-times", help="the Standard Cost Model minutes per ask; --set changes them")
        ut.add_argument("--set", action="append", default=[], metavar="KIND=MINUTES")
        ut.add_argument("--basis", default=None, help="where the new figure comes from")
        ut.add_argument("--json", action="store_true")
        rb = sub.add_parser("rebuild", help="recompute the per-community roll-ups the reports read")
        rb.add_argument("--json", action="store_true")

    def _out(self, opts, data: dict, text: str) -> None:
        if opts.get("json"):
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self.stdout.write(text)

    def handle(self, *args, **opts):
        return getattr(self, f"do_{opts['action'].replace('-', '_')}")(opts)

    def do_check(self, opts):
        from jianfu.digital.services import check_text

        text = opts.get("text")
        if text in (None, "-"):
            text = sys.stdin.read()
        if not (text or "").strip():
            raise CommandError('check: give a description, e.g. jianfu digital check "每天在App上打卡"')
        result = check_text(text)
        lines = [f"{code}: {reason}" for code, reason in zip(result.violations, result.reasons, strict=True)]
        self._out(
            opts,
            {"violations": result.violations, "reasons": result.reasons},
            "\n".join(lines) or "ok: no rule broken",
        )

    def do_list(self, opts):
        from jianfu.digital.selectors import tool_json, tools_for
        from jianfu.orgs.models import Community

        community = Community.objects.filter(code=opts["community"]).first()
        if community is None:
            raise CommandError(
                f"list: no community with code {opts['community']!r} (see `jianfu communities`)"
            )
        rows = [
            tool_json(t, users=t.users)
            for t in tools_for(system_actor("jianfu digital list"), community=community)
        ]
        text = "\n".join(
            f"{r['id']:>6}  {r['kind']:<14} {r['status']:<8} {whole_minutes(r['minutes_per_day']):>4d} min/day  {r['name']}"
            + (f"  [{', '.join(r['violations'])}]" if r["violations"] else "")
            for r in rows
        )
        self._out(opts, {"community": community.code, "tools": rows}, text or "no tools")

    def do_declare(self, opts):
        from jianfu.accounts.models import User
        from jianfu.digital import services

        user = User.objects.filter(username=opts["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"declare: no active user {opts['user']!r}")
        try:
            if opts["same_as"]:
                colleague = User.objects.filter(username=opts["same_as"]).first()
                if colleague is None:
                    raise CommandError(f"declare: no user {opts['same_as']!r}")
                created = services.declaration_copy(actor=user, colleague=colleague)
            else:
                if not opts["tool"]:
                    raise CommandError("declare: give --tool ID (repeatable) or --same-as USERNAME")
                tools = list(services.declarable_tools(user).filter(pk__in=opts["tool"]))
                missing = sorted(set(opts["tool"]) - {t.pk for t in tools})
                if missing:
                    raise CommandError(f"declare: tool(s) {missing} not in use in {user}'s district")
                created = services.declaration_add(actor=user, tools=tools)
        except ValidationError as exc:
            raise CommandError("declare: " + "; ".join(exc.messages)) from None
        except Exception as exc:  # OutOfScope: not community staff
            if exc.__class__.__name__ == "OutOfScope":
                raise CommandError(
                    f"declare: {user} is not community staff and cannot declare tools"
                ) from None
            raise
        self._out(
            opts, {"created": [d.pk for d in created]}, f"declared {len(created)} tool(s) for {user.username}"
        )

    def do_ledger(self, opts):
        from jianfu.digital.services import declarations_ledger

        through = None
        if opts["through"]:
            try:
                through = dt.date.fromisoformat(opts["through"])
            except ValueError:
                raise CommandError(
                    f"ledger: --through {opts['through']!r} is not a date (YYYY-MM-DD)"
                ) from None
        result = declarations_ledger(actor=system_actor("jianfu digital ledger"), through=through)
        self._out(
            opts, result, f"{result['declarations']} declaration(s), {result['days']} working day(s) counted"
        )

    def do_rebuild(self, opts):
        from jianfu.digital.rollup import rebuild

        result = rebuild()
        self._out(
            opts, result, f"rebuilt {result['communities']} community row(s), {result['months']} month row(s)"
        )

    def do_report(self, opts):
        from jianfu.digital import exports, selectors
        from jianfu.orgs.models import Street

        actor = system_actor("jianfu digital report")
        street = None
        if opts["street"]:
            street = Street.objects.filter(code=opts["street"]).first()
            if street is None:
                raise CommandError(
                    f"report: no street with code {opts['street']!r} (see `jianfu communities`)"
                )
        if opts["xlsx"]:
            try:  # open first: nothing is exported (or audited) when the file cannot be written
                out = open(opts["xlsx"], "wb")  # noqa: SIM115
            except OSError as exc:
                raise CommandError(f"report: cannot write {opts['xlsx']!r}: {exc.strerror}") from None
            with out:
                body, _name, _fallback = exports.report_xlsx(actor=actor, street=street)
                out.write(body)
            self._out(opts, {"written": opts["xlsx"], "bytes": len(body)}, f"wrote {opts['xlsx']}")
            return
        data = selectors.report(actor, street=street).as_json()
        t = data["totals"]
        self._out(
            opts,
            data,
            f"{t['communities']} communities, {t['tools']} apps, {t['work_groups']} work groups, "
            f"{t['hours_per_week']} hours/week, {t['breaches']} breaches, {t['closed_or_merged']} closed or merged",
        )

    def do_unit_times(self, opts):
        from jianfu.digital import selectors, services

        actor = system_actor("jianfu digital unit-times")
        for item in opts["set"]:
            kind, sep, minutes = item.partition("=")
            if not sep:
                raise CommandError(f"unit-times: --set {item!r} should be KIND=MINUTES, e.g. --set read=1.5")
            try:
                services.ask_unit_time_set(
                    actor=actor, kind=kind.strip(), minutes=minutes.strip(), basis=opts["basis"]
                )
            except ValidationError as exc:
                raise CommandError("unit-times: " + "; ".join(exc.messages)) from None
        rows = selectors.ask_unit_times()
        self._out(
            opts,
            {
                "unit_times": [
                    {
                        **r,
                        "minutes": float(r["minutes"]),
                        "default": float(r["default"]),
                        "updated_at": r["updated_at"].isoformat() if r["updated_at"] else None,
                    }
                    for r in rows
                ]
            },
            "\n".join(f"{r['kind']:<14} {r['minutes']:>7} min  {r['label']}  {r['basis']}" for r in rows),
        )
