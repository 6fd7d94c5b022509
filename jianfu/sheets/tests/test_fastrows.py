"""Data rows streamed into an xlsxwriter layout (jianfu.sheets.fastrows): what Excel, WPS and the
readers see must be what the cells hold, with XML-special and control characters, formula-like text,
leading spaces, long cells, and the layout's widths, text format and frozen header kept."""

import tempfile
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from django.test import SimpleTestCase
from python_calamine import CalamineWorkbook

from jianfu.sheets.fastrows import MAX_CELL, column_letter, number_cell, splice_rows, text_cell
from jianfu.sheets.safe import XlsxTextWriter

MESSY = [
    (2, "张三（户主）", "a < b & c > d", '=HYPERLINK("http://x")'),
    (3, "阿依古丽·买买提", "含\x00控制\x07字符\x1f", " 前后有空格 "),
    (4, "", "42010219560312****", "-1"),
    (5, "李四", "x" * (MAX_CELL + 50), "第5行“联系电话”列：“136****658x”格式不对"),
]


class FastRows(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def build(self) -> Path:
        layout, out = self.tmp / "layout.xlsx", self.tmp / "out.xlsx"
        wb = xlsxwriter.Workbook(str(layout), {"constant_memory": True})
        ws = wb.add_worksheet("问题清单")
        writer = XlsxTextWriter(wb)
        ws.set_column(2, 2, 22, writer.text_format)
        for c, h in enumerate(["行号", "姓名", "值", "说明"]):
            ws.write_string(0, c, h, wb.add_format({"bold": True}))
        ws.freeze_panes(1, 0)
        wb.close()
        text = writer.text_format.xf_index
        self.assertTrue(text)
        rows = (
            f'<row r="{r}">'
            + number_cell(f"A{r}", n)
            + text_cell(f"B{r}", name)
            + text_cell(f"C{r}", value, text)
            + text_cell(f"D{r}", note, text if note.startswith(("=", "-")) else 0)
            + "</row>"
            for r, (n, name, value, note) in enumerate(MESSY, start=2)
        )
        splice_rows(layout, out, rows, last_ref=f"D{len(MESSY) + 1}")
        return out

    def test_values_read_back_exactly(self):
        out = self.build()
        sheet = openpyxl.load_workbook(out).active
        got = list(sheet.iter_rows(values_only=True))
        self.assertEqual(got[0], ("行号", "姓名", "值", "说明"))
        self.assertEqual(got[1], (2, "张三（户主）", "a < b & c > d", '=HYPERLINK("http://x")'))
        self.assertEqual(got[2][2:], ("含控制字符", " 前后有空格 "))
        self.assertEqual(got[3][1:3], (None, "42010219560312****"))
        self.assertEqual(len(got[4][2]), MAX_CELL)
        self.assertEqual(sheet.dimensions, "A1:D5")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.column_dimensions["C"].width, 22.7109375)
        # masked values and formula-like text are text cells with Excel's own apostrophe
        for ref in ("C2", "D2", "C4", "D4"):
            self.assertTrue(sheet[ref].quotePrefix, ref)
            self.assertEqual(sheet[ref].number_format, "@", ref)
            self.assertEqual(sheet[ref].data_type, "s", ref)
        self.assertFalse(sheet["B2"].quotePrefix)
        self.assertEqual(sheet["A3"].data_type, "n")

    def test_calamine_reads_it_and_the_zip_is_sound(self):
        out = self.build()
        with zipfile.ZipFile(out) as z:
            self.assertIsNone(z.testzip())
            self.assertIn("xl/styles.xml", z.namelist())
        rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
        self.assertEqual(rows[1][2], "a < b & c > d")
        self.assertEqual(rows[4][3], "第5行“联系电话”列：“136****658x”格式不对")

    def test_empty_values_write_no_cell_and_letters(self):
        self.assertEqual(text_cell("B2", ""), "")
        self.assertEqual(text_cell("B2", "\x00\x01"), "")
        self.assertEqual(
            [column_letter(i) for i in (0, 8, 25, 26, 701, 702)], ["A", "I", "Z", "AA", "ZZ", "AAA"]
        )
