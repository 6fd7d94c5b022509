"""`jianfu fill TEMPLATE --community CODE [--where EXPR] -o OUT.xlsx --json`: fill a department template."""

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.core.permissions import system_actor
from jianfu.fills.services import (
    FillError,
    analyse_bytes,
    check_community,
    fill_configure,
    fill_generate,
    fill_prepare,
    people_for_fill,
)
from jianfu.fills.template import TemplateError
from jianfu.fills.where import WhereError


class Command(BaseCommand):
    help = "Fill a department's Excel template from the resident registry (一表通)."

    def add_arguments(self, parser):
        parser.add_argument("template", help="the department's .xlsx template")
        parser.add_argument("--community", required=True, help="community code (see `jianfu communities`)")
        parser.add_argument("--where", default="", help='population filter, e.g. "age>=80 and tag=独居老人"')
        parser.add_argument("-o", "--output", required=True, help="where to write the filled .xlsx")
        parser.add_argument("--user", default="", help="act as this user (scope and 填表人); default: system")
        parser.add_argument(
            "--filled-by", default="", help="name written as 填表人 (default: the user's name)"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **opts):
        from jianfu.accounts.models import User
        from jianfu.orgs.models import Community

        path = Path(opts["template"])
        if not path.is_file():
            raise CommandError(_("找不到模板文件：%(path)s") % {"path": path})
        out = Path(opts["output"])
        if not out.parent.is_dir():
            raise CommandError(_("输出目录不存在：%(dir)s") % {"dir": out.parent})
        community = Community.objects.filter(code=opts["community"].strip()).first()
        if community is None:
            raise CommandError(
                _("没有代码为%(code)s的社区。用 `jianfu communities` 查看可用代码。")
                % {"code": opts["community"]}
            )
        actor: Any = system_actor("jianfu fill (command line)")
        if opts["user"]:
            actor = User.objects.filter(username=opts["user"], is_active=True).first()
            if actor is None:
                raise CommandError(_("没有用户%(user)s。") % {"user": opts["user"]})
        data = path.read_bytes()
        try:
            check_community(actor=actor, community=community)
            analysis = analyse_bytes(data, path.name)
            people_for_fill(actor=actor, community=community, where=opts["where"]).exists()
            with transaction.atomic():
                record = fill_prepare(actor=actor, community=community, data=data, filename=path.name)
                record = fill_configure(actor=actor, record=record, mapping={}, where=opts["where"])
            record = fill_generate(actor=actor, record=record, filled_by=opts["filled_by"] or None)
        except (TemplateError, WhereError, FillError) as exc:
            raise CommandError(str(exc)) from exc
        if record.error:
            raise CommandError(record.error)
        with record.output_file.open("rb") as fh:
            filled = fh.read()
        fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".xlsx")
        with os.fdopen(fd, "wb") as fh:
            fh.write(filled)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
        result = {
            "header_row": analysis.header_row,
            "columns": [{"header": c["header"], "attribute": c["attribute"]} for c in record.mapped_fields],
            "rows_written": record.rows_written,
            "unmapped": [c["header"] for c in record.mapped_fields if not c["attribute"] and not c["meta"]],
        }
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(_("已写入%(rows)d行到%(out)s") % {"rows": record.rows_written, "out": out})
            if record.unmapped:
                self.stdout.write(_("未能填写的列：%(cols)s") % {"cols": "、".join(record.unmapped)})
