"""The problem list of an import as xlsx for the department that sent it (streamed, values masked)."""

from pathlib import Path

import xlsxwriter
from django.utils.translation import gettext as _

from jianfu.feedback.selectors import problem_rows
from jianfu.ledgers.choices import RowStatus
from jianfu.ledgers.models import LedgerImport
from jianfu.sheets.safe import XlsxTextWriter

STATUS_LABELS = dict(RowStatus.choices)


def headers() -> list[str]:
    return [
        _("Excel 行号"),
        _("姓名"),
        _("导入结果"),
        _("人员编号"),
        _("列"),
        _("问题类型"),
        _("原表中的值"),
        _("居民库现有值"),
        _("说明与改法"),
    ]


def write_problem_list(imp: LedgerImport, path: Path) -> tuple[Path, int]:
    """Write the list; returns the path and how many problem values it holds."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet(_("问题清单"))
    writer = XlsxTextWriter(workbook)
    bold = workbook.add_format({"bold": True})
    for c, h in enumerate(headers()):
        sheet.write_string(0, c, h, bold)
    for col, width in enumerate([10, 12, 12, 14, 14, 22, 22, 22, 70]):
        sheet.set_column(col, col, width)
    count = 0
    for count, row in enumerate(problem_rows(imp), start=1):
        p = row.problem
        writer.write(sheet, count, 0, p.row)
        writer.write(sheet, count, 1, p.name)
        writer.write(sheet, count, 2, str(STATUS_LABELS.get(p.status, p.status)))
        writer.write(sheet, count, 3, p.person or "", as_text=True)
        writer.write(sheet, count, 4, p.column)
        writer.write(sheet, count, 5, row.kind_label)
        writer.write(sheet, count, 6, row.sent, as_text=True)
        writer.write(sheet, count, 7, row.held, as_text=True)
        writer.write(sheet, count, 8, p.message)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return path, count
