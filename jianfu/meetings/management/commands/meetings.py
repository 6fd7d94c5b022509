"""`jianfu meetings check|submit`: run a meeting notice or document through the intake.

jianfu meetings check --kind meeting --title "…" --text "请各社区书记列席…" --json
jianfu meetings submit --department MZJ --date 2026-03-01 --kind meeting --title … --approved-by 区委办公室
"""

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from jianfu.core.permissions import system_actor
from jianfu.meetings import services
from jianfu.meetings.choices import DocumentScope, MeetingMode, NoticeKind
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
        actor = system_actor(f"jianfu meetings {opts['action']} (command line)")
        data = self._data(opts)
        if opts["action"] == "check":
            district = self._district(opts["district"])
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
        districts = list(District.objects.all()[:2])
        return districts[0] if len(districts) == 1 else None

    def _department(self, key: str):
        rows = list(Department.objects.select_related("district").filter(Q(code=key) | Q(name=key))[:3])
        if not rows:
            raise CommandError(f"department {key!r} not found: give the name (e.g. 区民政局) or code")
        if len(rows) > 1:
            raise CommandError(f"department {key!r} is ambiguous ({len(rows)} match): use its code")
        return rows[0]
