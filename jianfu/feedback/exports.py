"""The problem list of an import as xlsx for the department that sent it (streamed, values masked).

Rows come from the problem table (`ImportProblem`, already masked) in id order, a chunk at a time,
and are streamed into the sheet as they come (`jianfu.sheets.fastrows`), so 25,000 problems never
sit in memory at once.
"""

from collections.abc import Iterator
from pathlib import Path

import xlsxwriter
from django.utils.translation import gettext as _

from jianfu.feedback.models import ImportProblem
from jianfu.feedback.problems import kind_label
from jianfu.ledgers.choices import RowStatus
from jianfu.ledgers.models import LedgerImport
from jianfu.sheets.fastrows import number_cell, splice_rows, text_cell
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
    returns the path and how many problem values it holds.

    xlsxwriter lays the sheet out (header, widths, the text format of the masked columns, frozen
    header); the data rows are streamed into it as XML text (`jianfu.sheets.fastrows`): 25,000 rows
    in a fraction of what xlsxwriter's per-cell calls cost."""
    problems = ImportProblem.objects.filter(feedback_id=imp.feedback.pk)
    total = problems.count()
    layout = path.with_name(path.name + ".layout.xlsx")
    workbook = xlsxwriter.Workbook(str(layout), {"constant_memory": True})
    sheet = workbook.add_worksheet(_("问题清单"))
    writer = XlsxTextWriter(workbook)
    bold = workbook.add_format({"bold": True})
    for col, width in enumerate([10, 12, 12, 14, 14, 22, 22, 22, 70]):
        # the person number and the masked values are text columns (typing into them stays text)
        sheet.set_column(col, col, width, writer.text_format if col in (3, 6, 7) else None)
    for c, h in enumerate(headers()):
        sheet.write_string(0, c, h, bold)
    sheet.freeze_panes(1, 0)
    workbook.close()
    text = writer.text_format.xf_index or 0  # the text + quote-prefix style's id in this workbook
    labels: dict[str, str] = {}
    written = [0]
    statuses = STATUS_LABELS
    rows = problems.order_by("id").values_list(*FIELDS).iterator(chunk_size=2000)

    def xml() -> Iterator[str]:
        # Masked values and the person number are always text cells; free text gets the text
        # (quote-prefix) style when a spreadsheet would run it as a formula.
        for r, (row, name, status, person, column, kind, sent, held, message) in enumerate(rows, start=2):
            if kind not in labels:
                labels[kind] = kind_label(kind)
            written[0] = r - 1
            yield "".join(
                (
                    f'<row r="{r}">',
                    number_cell(f"A{r}", row),
                    text_cell(f"B{r}", name, text if is_dangerous(name) else 0),
                    text_cell(f"C{r}", statuses.get(status, status)),
                    text_cell(f"D{r}", person, text),
                    text_cell(f"E{r}", column, text if is_dangerous(column) else 0),
                    text_cell(f"F{r}", labels[kind]),
                    text_cell(f"G{r}", sent, text),
                    text_cell(f"H{r}", held, text),
                    text_cell(f"I{r}", message, text if is_dangerous(message) else 0),
                    "</row>",
                )
            )

    try:
        splice_rows(layout, path, xml(), last_ref=f"I{total + 1}")
    finally:
        layout.unlink(missing_ok=True)
    return path, written[0]
