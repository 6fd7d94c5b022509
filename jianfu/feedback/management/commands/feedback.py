"""`jianfu feedback problems IMPORT_ID [-o FILE.xlsx]` and `jianfu feedback quality --department NAME`.

Without `--user` the command acts as the system (the server operator) and sees every import;
with `--user` it sees what that user sees on the pages (a department only its own sources).
"""

import json
import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import gettext as _

from jianfu.feedback import selectors, services


class Command(BaseCommand):
    help = "Data quality of imports: an import's problem list (xlsx/JSON) or a department's quality figures."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        problems = sub.add_parser("problems", help="the problem list of one import")
        problems.add_argument("import_id", type=int)
        problems.add_argument("-o", "--output", help="write the problem list as .xlsx here")
        quality = sub.add_parser("quality", help="a department's data quality")
        quality.add_argument("--department", required=True, help="department name or id")
        for p in (problems, quality):
            p.add_argument("--user", default="", help="act as this user (scope); default: system")
            p.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **opts: Any) -> None:
        from jianfu.accounts.models import User

        user = None
        if opts["user"]:
            user = User.objects.filter(username=opts["user"], is_active=True).first()
            if user is None:
                raise CommandError(_("没有用户%(user)s。") % {"user": opts["user"]})
        try:
            if opts["action"] == "problems":
                self._problems(user, opts)
            else:
                self._quality(user, opts)
        except Http404:
            raise CommandError(_("找不到，或您无权查看。")) from None

    def _problems(self, user: Any, opts: dict[str, Any]) -> None:
        imp = selectors.import_for_problems(user=user, pk=opts["import_id"], action="export")
        rows = [
            {
                "row": r.row,
                "name": r.name,
                "column": r.column,
                "attribute": r.attribute,
                "kind": r.kind,
                "value": r.sent,
                "registry_value": r.held,
                "message": r.message,
            }
            for r in selectors.import_problems(user=user, ledger_import=imp, action="export").iterator(
                chunk_size=2000
            )
        ]
        out: dict[str, Any] = {"import": imp.pk, "file_name": imp.file_name, "problems": len(rows)}
        if opts["output"]:
            target = Path(opts["output"])
            if not target.parent.is_dir():
                raise CommandError(_("输出目录不存在：%(dir)s") % {"dir": target.parent})
            actor = user or "CLI"
            path = services.problem_list_export(actor=actor, ledger_import=imp)
            shutil.move(path, target)
            out["output"] = str(target)
        if opts["json"]:
            out["rows"] = rows
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(_("“%(name)s”：%(n)d个问题值") % {"name": imp.file_name, "n": len(rows)})
        for r in rows:
            self.stdout.write(
                f"  {r['row']:>6}  {r['name']}  {r['column']}  {r['value']} → {r['registry_value']}  {r['message']}"
            )
        if opts["output"]:
            self.stdout.write(_("已写入%(path)s") % {"path": out["output"]})

    def _quality(self, user: Any, opts: dict[str, Any]) -> None:
        from jianfu.orgs.models import Department

        key = opts["department"].strip()
        department = (
            Department.objects.filter(pk=int(key)).first() if key.isdigit() else None
        ) or Department.objects.filter(name=key).first()
        if department is None:
            raise CommandError(_("没有部门“%(name)s”。") % {"name": key})
        if user is not None:
            department = selectors.department_get(user=user, pk=department.pk)
        q = selectors.department_quality(user=user, department=department)
        out = {
            "department": department.name,
            "rows": q.rows,
            "rows_with_problems": q.rows_with_problems,
            "share": round(q.rows_with_problems / q.rows, 4) if q.rows else 0.0,
            "problems": q.problems,
            "saved_hours": str(q.saved_hours),
            "months": [
                {
                    "month": m["month"].isoformat(),
                    "rows": m["rows"],
                    "rows_with_problems": m["rows_with_problems"],
                }
                for m in q.months
            ],
            "kinds": {k: n for k, _label, n in q.kinds},
            "imports": [
                {"import": f.ledger_import_id, "rows": f.rows, "rows_with_problems": f.rows_with_problems}
                for f in q.imports
            ],
        }
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(
            _("%(dept)s：%(bad)d / %(rows)d行有问题，%(n)d个问题值，社区节省%(h)s小时")
            % {
                "dept": department.name,
                "bad": q.rows_with_problems,
                "rows": q.rows,
                "n": q.problems,
                "h": q.saved_hours,
            }
        )
        for _kind, label, n in q.kinds:
            self.stdout.write(f"  {label}: {n}")
