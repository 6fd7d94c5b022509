"""The problem list of an import as xlsx for the department that sent it (streamed, values masked).

Rows come from the problem table (`ImportProblem`, already masked) in id order, a chunk at a time;
xlsxwriter in constant-memory mode writes each row as it comes, so 25,000 problems never sit in
memory at once.
"""

from pathlib import Path

import xlsxwriter
from django.utils.translation import gettext as _

from jianfu.feedback.models import ImportProblem
from jianfu.feedback.problems import kind_label
from jianfu.ledgers.choices import RowStatus
from jianfu.ledgers.models import LedgerImport
from jianfu.sheets.safe import XlsxTextWriter, is_dangerous

STATUS_LABELS = {str(k): str(v) for k, v in RowStatus.choices}
FIELDS = ("row", "name", "status", "person", "column", "kind", "sent", "held", "message")


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
    """Write the list of an import the caller has already scoped (selectors.import_for_problems);
    returns the path and how many problem values it holds."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet(_("问题清单"))
    writer = XlsxTextWriter(workbook)
    bold = workbook.add_format({"bold": True})
    for col, width in enumerate([10, 12, 12, 14, 14, 22, 22, 22, 70]):
        sheet.set_column(col, col, width)
    for c, h in enumerate(headers()):
        sheet.write_string(0, c, h, bold)
    labels: dict[str, str] = {}
    statuses = STATUS_LABELS
    # 25,000 rows × 9 cells: xlsxwriter's own calls, no per-cell wrapper. Masked values and the
    # person number are always text cells; free text is a text cell when a spreadsheet would run it.
    as_text = writer.text_format
    number, string = sheet.write_number, sheet.write_string
    count = 0
    rows = (
        ImportProblem.objects.filter(feedback_id=imp.feedback.pk)
        .order_by("id")
        .values_list(*FIELDS)
        .iterator(chunk_size=2000)
    )
    for count, (row, name, status, person, column, kind, sent, held, message) in enumerate(rows, start=1):
        if kind not in labels:
            labels[kind] = kind_label(kind)
        number(count, 0, row)
        string(count, 1, name, as_text if is_dangerous(name) else None)
        string(count, 2, statuses.get(status, status))
        string(count, 3, person, as_text)
        string(count, 4, column, as_text if is_dangerous(column) else None)
        string(count, 5, labels[kind])
        string(count, 6, sent, as_text)
        string(count, 7, held, as_text)
        string(count, 8, message, as_text if is_dangerous(message) else None)
    sheet.freeze_panes(1, 0)
    workbook.close()
    return path, count
