"""The per-row outcome of an import as xlsx (streamed: xlsxwriter constant_memory)."""

import tempfile
from pathlib import Path
from typing import Any

import xlsxwriter
from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.ledgers.choices import RowStatus
from jianfu.ledgers.models import LedgerImport
from jianfu.sheets.safe import XlsxTextWriter

STATUS_LABELS = dict(RowStatus.choices)


def write_outcome(imp: LedgerImport, path: Path) -> Path:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet(_("导入结果"))
    writer = XlsxTextWriter(workbook)
    bold = workbook.add_format({"bold": True})
    headers = [_("Excel 行号"), _("姓名"), _("结果"), _("人员编号"), _("说明")]
    for c, h in enumerate(headers):
        sheet.write_string(0, c, h, bold)
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, 12)
    sheet.set_column(2, 3, 14)
    sheet.set_column(4, 4, 80)
    for r, entry in enumerate(imp.results, start=1):
        writer.write(sheet, r, 0, entry["row"])
        writer.write(sheet, r, 1, entry.get("name") or "")
        writer.write(sheet, r, 2, str(STATUS_LABELS.get(entry["status"], entry["status"])))
        writer.write(sheet, r, 3, entry.get("person") or "", as_text=True)
        notes = list(entry.get("errors") or [])
        notes += [_("未核验：%(message)s") % {"message": p["message"]} for p in entry.get("problems") or []]
        notes += list(entry.get("warnings") or [])
        if entry["status"] == RowStatus.REVIEW and entry.get("candidates"):
            notes.append(_("可能是：%(pids)s，请到“待核对”中处理") % {"pids": "、".join(entry["candidates"])})
        writer.write(sheet, r, 4, "；".join(notes))
    workbook.close()
    return path


@transaction.atomic
def import_outcome_export(*, actor: Any, ledger_import: LedgerImport) -> Path:
    """Write the outcome file and record the export."""
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115
    handle.close()
    path = write_outcome(ledger_import, Path(handle.name))
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=ledger_import,
        community=ledger_import.community,
        summary=_("下载台账“%(name)s”的导入结果（%(rows)d行）")
        % {"name": ledger_import.file_name, "rows": len(ledger_import.results)},
    )
    return path
