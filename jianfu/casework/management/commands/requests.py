"""`jianfu requests import-hotline FILE.xlsx [--district CODE] [--json]` — 12345 work orders, all or
nothing, per-row results; `jianfu requests escalate [--json]` — missed deadlines to the street, then
the district (idempotent); `jianfu requests escalate --schedule` — make sure the periodic job
(jianfu.casework.tasks: re-enqueues itself every JIANFU_ESCALATION_MINUTES, started by `jianfu worker`) waits;
`jianfu requests categories [--json]` — the categories with their duty, department and catalog items."""

import getpass
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jianfu.casework import services
from jianfu.casework.hotline import HotlineError, import_hotline
from jianfu.casework.models import Category
from jianfu.core.permissions import system_actor
from jianfu.orgs.models import District


def _district(code: str | None) -> District:
    if code:
        d = District.objects.filter(code=code).first()
    else:
        ds = list(District.objects.all()[:2])
        d = ds[0] if len(ds) == 1 else None
    if d is None:
        raise CommandError("district not found: give --district CODE")
    return d


class Command(BaseCommand):
    help = "Resident requests: import 12345 hotline orders, escalate missed deadlines, list categories."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import-hotline")
        imp.add_argument("file")
        imp.add_argument("--district", default=None)
        imp.add_argument("--json", action="store_true")
        esc = sub.add_parser("escalate")
        esc.add_argument("--district", default=None)
        esc.add_argument(
            "--schedule",
            action="store_true",
            help="do not escalate now: make sure the periodic escalation job waits on the queue",
        )
        esc.add_argument("--json", action="store_true")
        cat = sub.add_parser("categories")
        cat.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        actor = system_actor(f"jianfu requests {opts['action']} ({getpass.getuser()})")
        if opts["action"] == "import-hotline":
            path = Path(opts["file"])
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            try:
                result = import_hotline(path=path, district=_district(opts["district"]), actor=actor)
            except HotlineError as exc:
                if opts["json"]:
                    self.stdout.write(
                        json.dumps(
                            {"file": path.name, "written": False, "error": str(exc)}, ensure_ascii=False
                        )
                    )
                    raise SystemExit(1) from exc
                raise CommandError(str(exc)) from exc
            if opts["json"]:
                self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            else:
                for r in result.results:
                    self.stdout.write(f"row {r.row}: {r.status} {r.number} {'；'.join(r.messages)}")
                self.stdout.write(
                    f"created {result.created}, skipped {result.skipped}, errors {result.errors}"
                    + ("" if result.written else " — nothing written")
                )
            if result.errors:
                raise SystemExit(1)
        elif opts["action"] == "escalate" and opts["schedule"]:
            from jianfu.casework.tasks import escalation_schedule_ensure, interval

            state = escalation_schedule_ensure()
            body = {"schedule": state, "every_minutes": int(interval().total_seconds() // 60)}
            self.stdout.write(json.dumps(body) if opts["json"] else f"escalation job: {state}")
        elif opts["action"] == "escalate":
            district = _district(opts["district"]) if opts["district"] else None
            counts = services.request_escalate_overdue(actor=actor, district=district)
            self.stdout.write(
                json.dumps(counts)
                if opts["json"]
                else f"checked {counts['checked']}, to street {counts['street']}, to district {counts['district']}"
            )
        else:
            rows = [
                {
                    "code": c.code,
                    "name": c.name,
                    "duty": c.duty,
                    "department": c.department_code,
                    "co_departments": c.co_department_codes,
                    "catalog": c.catalog_codes,
                    "urgency": c.urgency,
                    "fields": [f["code"] for f in c.fields],
                }
                for c in Category.objects.filter(active=True)
            ]
            if opts["json"]:
                self.stdout.write(json.dumps({"categories": rows}, ensure_ascii=False))
            else:
                for c in rows:
                    self.stdout.write(
                        f"{c['code']:<20} {c['name']:<8} {c['duty']:<10} {c['department'] or '—'} {','.join(c['catalog'])}"
                    )
