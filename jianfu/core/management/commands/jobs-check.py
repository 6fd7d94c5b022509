"""`jianfu jobs-check [--json]`: mark failed every import or fill whose worker died.

A running job writes a heartbeat every few seconds (jianfu.core.heartbeat); one whose heartbeat is
older than settings.JIANFU_JOB_STALE_SECONDS is marked failed with a clear reason, and can be
retried with `jianfu job-retry`. Pages and the API do the same check when they show a job; this
command is for cron or for an administrator after a crash.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Mark failed the imports and fills whose worker died (stale heartbeat)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **opts: Any) -> None:
        from jianfu.fills.services import fills_fail_stale
        from jianfu.ledgers.services import ledger_imports_fail_stale

        imports = ledger_imports_fail_stale()
        fills = fills_fail_stale()
        out = {
            "imports": [
                {"id": i.pk, "file_name": i.file_name, "community": i.community.code} for i in imports
            ],
            "fills": [
                {"id": r.pk, "template": r.template_name, "community": r.community.code} for r in fills
            ],
        }
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        if not imports and not fills:
            self.stdout.write(_("没有中断的导入或填表。"))
        for i in out["imports"]:
            self.stdout.write(
                _("导入 #%(id)s“%(name)s”已中断，标记为失败。重新导入：jianfu job-retry import %(id)s")
                % {"id": i["id"], "name": i["file_name"]}
            )
        for r in out["fills"]:
            self.stdout.write(
                _("填表 #%(id)s“%(name)s”已中断，标记为失败。重新填表：jianfu job-retry fill %(id)s")
                % {"id": r["id"], "name": r["template"]}
            )
