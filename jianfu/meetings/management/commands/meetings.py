"""`jianfu meetings check|submit|alerts|explain|review`: the meetings-and-documents intake.

jianfu meetings check --kind meeting --title "…" --text "请各社区书记列席…" --json
jianfu meetings submit --department MZJ --date 2026-03-01 --kind meeting --title … --approved-by 区委办公室
jianfu meetings alerts [--status open] [--year 2026] --json
jianfu meetings explain 4 --text "新增 3 件为省里新部署的…" [--user mzj_dept]
jianfu meetings review 4 --accept|--reject --reason "…" [--user district_office]

`--user USERNAME` acts as that account (its scope applies; the audit log names it); without it a
named system actor acts.
"""

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.db.models import Q

from jianfu.accounts.models import User
from jianfu.core.dbsetup import not_set_up
from jianfu.core.permissions import OutOfScope, system_actor
from jianfu.meetings import selectors, services
from jianfu.meetings.choices import AlertStatus, DocumentScope, MeetingMode, NoticeKind
from jianfu.orgs.models import Community, Department, District


def _common(parser) -> None:
    parser.add_argument("--kind", default=NoticeKind.MEETING, choices=NoticeKind.values)
    parser.add_argument("--title", required=True)
    parser.add_argument("--text", default="", help="the notice's text (or --text-file)")
    parser.add_argument("--text-file", default="", help="read the text from this UTF-8 file ('-' = stdin)")
    parser.add_argument("--heads", action="store_true", help="meetings: community heads are summoned")
    parser.add_argument(
        "--agenda", action="store_true", help="meetings: the heads have their own agenda item"
    )
    parser.add_argument("--minutes", type=int, default=0, help="meetings: length in minutes")
    parser.add_argument("--mode", default="", choices=["", *MeetingMode.values])
    parser.add_argument("--in-person-reason", default="")
    parser.add_argument("--approved-by", default="", help="meetings: the approving authority")
    parser.add_argument("--approval-ref", default="")
    parser.add_argument("--scope", default=DocumentScope.SPECIAL, choices=DocumentScope.values)
    parser.add_argument("--length", type=int, default=0, help="documents: characters")
    parser.add_argument(
        "--attachment", action="append", default=[], help="documents: attachment name (repeatable)"
    )
    parser.add_argument(
        "--district", default="", help="district code (caps and form catalog; default: the only one)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


class Command(BaseCommand):
    help = "Check (or register) a meeting notice or document for communities against the 2024 rules."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="check only, write nothing")
        _common(check)
        submit = sub.add_parser(
            "submit", help="register: admitted or refused, burden entries for admitted ones"
        )
        _common(submit)
        submit.add_argument("--department", required=True, help="organising department (name or code)")
        submit.add_argument("--date", required=True, help="meeting date or document date, YYYY-MM-DD")
        submit.add_argument(
            "--community", action="append", default=[], help="target community code (repeatable)"
        )
        submit.add_argument("--attendees", type=int, default=1, help="meetings: attendees per community")
        alerts = sub.add_parser("alerts", help="document-growth alerts (departments whose documents grew)")
        alerts.add_argument("--status", default="", choices=["", *AlertStatus.values])
        alerts.add_argument("--year", type=int, default=None)
        explain = sub.add_parser("explain", help="the department explains its document growth")
        explain.add_argument("id", type=int)
        explain.add_argument("--text", required=True, help="why the documents grew")
        review = sub.add_parser("review", help="the 减负办 accepts the explanation or rejects it")
        review.add_argument("id", type=int)
        verdict = review.add_mutually_exclusive_group(required=True)
        verdict.add_argument("--accept", action="store_true")
        verdict.add_argument("--reject", action="store_true")
        review.add_argument("--reason", required=True)
        for p in (alerts, explain, review):
            p.add_argument("--user", default="", help="act as this username (default: a system actor)")
            p.add_argument("--json", action="store_true", help="print JSON")

    def _text(self, opts) -> str:
        if not opts["text_file"]:
            return opts["text"]
        if opts["text_file"] == "-":
            return sys.stdin.read()
        path = Path(opts["text_file"])
        if not path.is_file():
            raise CommandError(f"--text-file {path}: no such file")
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise CommandError(f"--text-file {path}: not UTF-8 text ({exc})") from exc

    def _data(self, opts) -> dict:
        return {
            "title": opts["title"],
            "text": self._text(opts),
            "heads": opts["heads"],
            "heads_have_agenda": opts["agenda"],
            "minutes": opts["minutes"],
            "mode": opts["mode"],
            "in_person_reason": opts["in_person_reason"],
            "approved_by": opts["approved_by"],
            "approval_ref": opts["approval_ref"],
            "scope": opts["scope"],
            "length": opts["length"],
            "attachments": opts["attachment"],
        }

    def handle(self, *args, **opts):
        if opts["action"] in ("alerts", "explain", "review"):
            return self._alerts(opts)
        actor = system_actor(f"jianfu meetings {opts['action']} (command line)")
        data = self._data(opts)
        if opts["action"] == "check":
            district = self._district(opts["district"])
            if district is None and opts["kind"] == NoticeKind.DOCUMENT and opts["attachment"]:
                self.stderr.write(
                    "no district given (or none set up): default caps, and attachments are compared with an "
                    "empty form catalog — pass --district CODE to use that district's catalog"
                )
            try:
                result = services.notice_check(actor=actor, kind=opts["kind"], district=district, **data)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            out = result.as_json()
        else:
            department = self._department(opts["department"])
            try:
                date = dt.date.fromisoformat(opts["date"])
            except ValueError as exc:
                raise CommandError(f"--date {opts['date']!r} is not a date: use YYYY-MM-DD") from exc
            if opts["community"]:
                communities = list(Community.objects.filter(code__in=opts["community"]))
                missing = sorted(set(opts["community"]) - {c.code for c in communities})
                if missing:
                    raise CommandError(f"community code(s) not found: {', '.join(missing)}")
            else:
                communities = list(services.department_communities(department))
            try:
                notice = services.notice_submit(
                    actor=actor,
                    kind=opts["kind"],
                    department=department,
                    communities=communities,
                    date=date,
                    attendees_per_community=opts["attendees"],
                    **data,
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            out = {
                "id": notice.pk,
                "decision": "admitted" if notice.status == "admitted" else "refused",
                "violations": notice.violations,
                "warnings": notice.warnings,
                "reasons": notice.reasons,
                "hours": str(notice.hours),
                "communities": len(communities),
            }
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(f"{out['decision']}: {', '.join(out['violations']) or '-'}")
        for reason in out["reasons"]:
            self.stdout.write(f"  - {reason}")

    def _district(self, code: str):
        if code:
            district = District.objects.filter(code=code).first()
            if district is None:
                raise CommandError(f"--district {code!r} not found")
            return district
        try:
            districts = list(District.objects.all()[:2])
        except DatabaseError as exc:
            if not not_set_up(exc):
                raise
            return None  # no database set up yet: the rules themselves need none
        return districts[0] if len(districts) == 1 else None

    def _department(self, key: str):
        rows = list(Department.objects.select_related("district").filter(Q(code=key) | Q(name=key))[:3])
        if not rows:
            raise CommandError(f"department {key!r} not found: give the name (e.g. 区民政局) or code")
        if len(rows) > 1:
            raise CommandError(f"department {key!r} is ambiguous ({len(rows)} match): use its code")
        return rows[0]

    def _alerts(self, opts) -> None:
        actor: Any = system_actor(f"jianfu meetings {opts['action']} (command line)")
        if opts["user"]:
            actor = User.objects.filter(username=opts["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"--user {opts['user']!r}: no active account with that username")
        if opts["action"] == "alerts":
            rows = selectors.alerts_for(actor)
            if opts["status"]:
                rows = rows.filter(status=opts["status"])
            if opts["year"]:
                rows = rows.filter(year=opts["year"])
            out = [self._alert_json(a) for a in rows[:1000]]
            if opts["json"]:
                self.stdout.write(json.dumps(out, ensure_ascii=False))
            for a in [] if opts["json"] else out:
                self.stdout.write(
                    f"{a['id']}\t{a['year']}\t{a['department']}\t{a['previous']} → {a['count']}\t{a['status']}"
                )
            return
        alert = selectors.alert_for(actor, opts["id"])
        if alert is None:
            raise CommandError(f"alert {opts['id']} not found (or not in the acting account's scope)")
        try:
            if opts["action"] == "explain":
                alert = services.count_alert_explain(actor=actor, alert=alert, explanation=opts["text"])
            else:
                alert = services.count_alert_review(
                    actor=actor, alert=alert, accept=opts["accept"], reason=opts["reason"]
                )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except OutOfScope as exc:
            raise CommandError(f"{opts['action']}: not permitted for {actor}") from exc
        data = self._alert_json(alert)
        self.stdout.write(
            json.dumps(data, ensure_ascii=False) if opts["json"] else f"{alert.pk}: {alert.status}"
        )

    @staticmethod
    def _alert_json(a) -> dict:
        return {
            "id": a.pk,
            "department": a.department.code,
            "year": a.year,
            "count": a.count,
            "previous": a.previous,
            "status": a.status,
            "explanation": a.explanation,
            "review_reason": a.review_reason,
        }
