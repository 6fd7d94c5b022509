"""`jianfu job-retry import|fill ID [--json]`: run a failed import or fill again.

An import is queued again with the file and mapping it was confirmed with (a worker runs it); a
fill is filled again with the same template and filter. Runs as the system; the audit rows name
the OS user who ran it.
"""

import getpass
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Retry a failed ledger import or fill."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=["import", "fill"])
        parser.add_argument("id", type=int)
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **opts: Any) -> None:
        label = f"CLI:{getpass.getuser()}"
        if opts["kind"] == "import":
            status = self._import(opts["id"], label)
        else:
            status = self._fill(opts["id"], label)
        out = {"kind": opts["kind"], "id": opts["id"], "status": status}
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        else:
            self.stdout.write(_("已重新提交，当前状态：%(status)s") % {"status": status})

    def _import(self, pk: int, label: str) -> str:
        from jianfu.ledgers.models import LedgerImport
        from jianfu.ledgers.services import LedgerError, ledger_import_retry, ledger_imports_fail_stale

        ledger_imports_fail_stale()
        imp = LedgerImport.objects.filter(pk=pk).first()
        if imp is None:
            raise CommandError(_("没有编号为%(id)s的导入。") % {"id": pk})
        try:
            imp = ledger_import_retry(actor=label, ledger_import=imp)
        except LedgerError as exc:
            raise CommandError(str(exc)) from exc
        imp.refresh_from_db()
        return imp.status

    def _fill(self, pk: int, label: str) -> str:
        from jianfu.fills.models import FillRecord
        from jianfu.fills.services import fill_retry, fills_fail_stale
        from jianfu.fills.template import TemplateError

        fills_fail_stale()
        record = FillRecord.objects.filter(pk=pk).first()
        if record is None:
            raise CommandError(_("没有编号为%(id)s的填表记录。") % {"id": pk})
        try:
            record = fill_retry(actor=label, record=record)
        except TemplateError as exc:
            raise CommandError(str(exc)) from exc
        record.refresh_from_db()
        return record.status
