"""`jianfu data-request`: a department submits a data request, lists its requests, downloads a file."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jianfu.core.permissions import OutOfScope
from jianfu.gate import services as gate
from jianfu.gate.choices import TaskStatus
from jianfu.orgs.models import Community
from jianfu.sharing import selectors, services
from jianfu.sharing.management.commands._common import acting_user, emit, request_json


class Command(BaseCommand):
    help = "Data requests of a department: submit (through the gate), list, download the released file."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        submit = sub.add_parser("submit", help="submit a data request as a department user")
        submit.add_argument("--user", required=True, help="a department user (acts for its department)")
        submit.add_argument("--title", required=True)
        submit.add_argument("--description", default="", help="default: the title")
        submit.add_argument(
            "--field", action="append", required=True, help="registry field code (repeatable)"
        )
        submit.add_argument(
            "--population", default="", help="who is wanted, e.g. 'tag=残疾' (default: derived)"
        )
        submit.add_argument("--full-field", action="append", default=[], help="field wanted unmasked")
        submit.add_argument("--community", action="append", default=[], help="community code (default: all)")
        submit.add_argument("--json", action="store_true")
        listing = sub.add_parser("list", help="the requests the user may see")
        listing.add_argument("--user", required=True)
        listing.add_argument("--status", default="")
        listing.add_argument("--json", action="store_true")
        download = sub.add_parser("download", help="download a released file (audited)")
        download.add_argument("id", type=int)
        download.add_argument("--user", required=True)
        download.add_argument("--out", required=True, help="where to write the .xlsx")
        download.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        user = acting_user(opts["user"])
        getattr(self, f"_{opts['action']}")(user, opts)

    def _submit(self, user, opts):
        if not user.is_department or not user.department_id:
            raise CommandError(
                f"{user.username} is not a department user: only departments submit data requests"
            )
        department = user.department
        reach = gate.department_communities(department)
        if opts["community"]:
            communities = list(reach.filter(code__in=opts["community"]))
            missing = sorted(set(opts["community"]) - {c.code for c in communities})
            if missing:
                known = Community.objects.filter(code__in=missing).exists()
                raise CommandError(
                    f"community code(s) {'outside ' + department.name + ' reach' if known else 'not found'}: "
                    f"{', '.join(missing)}"
                )
        else:
            communities = list(reach)
        try:
            task = gate.task_submit(
                actor=user,
                department=department,
                title=opts["title"],
                description=opts["description"] or opts["title"],
                communities=communities,
                kind="survey",
                requested_fields=opts["field"],
                population=opts["population"],
                full_fields=opts["full_field"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if task.status != TaskStatus.SERVED:
            result = {"task": task.pk, "data_request": None, **gate.task_result(task)}
            if opts["json"]:
                return emit(self.stdout, result)
            self.stdout.write(f"task #{task.pk}: not a data request the registry can serve ({task.decision})")
            for reason in task.reasons:
                self.stdout.write(f"  - {reason}")
            return None
        row = selectors.request_for(user, task.data_request.pk)
        assert row is not None
        if opts["json"]:
            return emit(self.stdout, request_json(row))
        out = request_json(row)
        self.stdout.write(f"data request #{row.pk}: {row.get_status_display()} · {out['population_text']}")
        if row.pending_reason and row.status == "pending":
            self.stdout.write(f"  - {row.pending_reason}")
        if row.rows:
            self.stdout.write(f"  - {row.rows} rows, masked: {', '.join(out['masked_fields']) or '—'}")
        return None

    def _list(self, user, opts):
        rows = selectors.requests_for(user)
        if opts["status"]:
            rows = rows.filter(status=opts["status"])
        items = [request_json(r) for r in rows[:500]]
        if opts["json"]:
            return emit(self.stdout, {"count": len(items), "requests": items})
        for r in items:
            self.stdout.write(
                f"#{r['id']} {r['status']:<9} {r['rows']:>6} {r['title']} · {r['population_text']}"
            )
        return None

    def _download(self, user, opts):
        row = selectors.request_for(user, opts["id"])
        if row is None:
            raise CommandError(f"data request #{opts['id']} not found for {user.username}")
        try:
            handle, _name = services.data_request_download(actor=user, request=row)
        except OutOfScope as exc:
            raise CommandError("only the requesting department downloads its file") from exc
        except services.FileGone as exc:
            raise CommandError(
                "the file expired or its agreement was revoked: submit the request again"
            ) from exc
        with handle:
            Path(opts["out"]).write_bytes(handle.read())
        if opts["json"]:
            return emit(self.stdout, {"id": row.pk, "rows": row.rows, "out": opts["out"]})
        self.stdout.write(f"wrote {row.rows} rows to {opts['out']}")
        return None
