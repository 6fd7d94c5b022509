"""What government systems export, each read or refused with what to do: Excel 2003 XML
Spreadsheet (SpreadsheetML, as .xml or .xls), UTF-16 / GBK tab-separated text named .xls, WPS .et
(an xlsx or an xls inside), Excel binary .xlsb, single-file web pages (.mht) and Excel 2.x–4.0 files."""

import datetime as dt
import tempfile
import zipfile
from pathlib import Path

import xlsxwriter
from django.test import SimpleTestCase

from jianfu.sheets.reader import SheetError, read_ledger, sniff_kind
from jianfu.sheets.tests.test_reader_robust import RESAVE, read

HEAD = (
    '<?xml version="1.0"{enc}?>\n<?mso-application progid="Excel.Sheet"?>\n'
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
    ' xmlns:html="http://www.w3.org/TR/REC-html40">\n'
)


def workbook(*sheets: str, enc: str = "") -> str:
    return HEAD.format(enc=f' encoding="{enc}"' if enc else "") + "".join(sheets) + "</Workbook>\n"


def sheet(name: str, rows: str, extra: str = "") -> str:
    return f'<Worksheet ss:Name="{name}"><Table{extra}>{rows}</Table></Worksheet>\n'


ROSTER = sheet(
    "低保",
    '<Row><Cell ss:MergeAcross="3"><Data ss:Type="String">城市低保对象花名册</Data></Cell></Row>'
    '<Row ss:Index="3"><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">身份证号</Data></Cell>'
    '<Cell><Data ss:Type="String">出生日期</Data></Cell><Cell><Data ss:Type="String">联系电话</Data></Cell>'
    '<Cell><Data ss:Type="String">备注</Data></Cell></Row>'
    '<Row><Cell><Data ss:Type="String">张　三</Data></Cell><Cell><Data ss:Type="String">420102195603121234</Data></Cell>'
    '<Cell><Data ss:Type="DateTime">1956-03-12T00:00:00.000</Data></Cell><Cell><Data ss:Type="Number">13871566580</Data></Cell>'
    '<Cell><Data ss:Type="String"><html:B>重点</html:B>户</Data><Comment><ss:Data>批注不是值</ss:Data></Comment></Cell></Row>'
    # a gap of one row, a cell jumping to column D, full-width digits as written
    '<Row ss:Index="6"><Cell><Data ss:Type="String">李四</Data></Cell>'
    '<Cell ss:Index="4"><Data ss:Type="String">１３６－８７１５－６６５８</Data></Cell></Row>'
    '<Row><Cell><Data ss:Type="String">王五</Data></Cell><Cell><Data ss:Type="Number">4.20102195603121E+17</Data></Cell>'
    '<Cell ss:MergeAcross="1"><Data ss:Type="String">合并两列</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell></Row>',
    ' ss:ExpandedColumnCount="5" ss:ExpandedRowCount="7"',
)


class SpreadsheetMLTests(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def write(self, name: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.tmp / name
        path.write_bytes(text.encode(encoding))
        return path

    def test_read_as_excel_reads_it_saved_as_xml_or_xls(self):
        for name in ("低保.xml", "低保.xls"):
            path = self.write(name, workbook(sheet("说明", ""), ROSTER))
            self.assertEqual(sniff_kind(path), "spreadsheetml", name)
            table = read(path)
            self.assertEqual(
                (table.kind, table.sheet, table.sheet_names), ("spreadsheetml", "低保", ["说明", "低保"])
            )
            self.assertEqual(table.headers, ["姓名", "身份证号", "出生日期", "联系电话", "备注"])
            self.assertEqual(table.header_rows, [3])
            rows = dict(table.rows)
            self.assertEqual(sorted(rows), [4, 6, 7])  # Excel row numbers survive the ss:Index gaps
            self.assertEqual(
                rows[4], ["张　三", "420102195603121234", dt.date(1956, 3, 12), 13871566580, "重点户"]
            )
            self.assertEqual(rows[6], ["李四", None, None, "１３６－８７１５－６６５８", None])
            # a number Excel made of an ID stays that float (the import reports it); merged cells empty
            self.assertEqual(rows[7], ["王五", 4.20102195603121e17, "合并两列", None, True])

    def test_named_sheet_and_missing_sheet(self):
        path = self.write("a.xml", workbook(ROSTER, sheet("空表", "")))
        self.assertEqual(read(path, sheet="低保").sheet, "低保")
        with self.assertRaisesRegex(SheetError, "没有名为“其他”的工作表。现有工作表：低保、空表"):
            read(path, sheet="其他")

    def test_gb2312_declared(self):
        path = self.write("gb.xls", workbook(ROSTER, enc="gb2312"), encoding="gb18030")
        self.assertEqual(dict(read(path).rows)[4][0], "张　三")

    def test_utf16(self):
        path = self.write("u16.xml", workbook(ROSTER, enc="UTF-16"), encoding="utf-16")
        self.assertEqual(dict(read(path).rows)[6][0], "李四")

    def test_formula_refused_with_its_cell(self):
        formula = sheet(
            "S",
            '<Row><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">联系电话</Data></Cell></Row>'
            '<Row><Cell><Data ss:Type="String">张三</Data></Cell><Cell ss:Formula="=1+1"><Data ss:Type="Number">2</Data></Cell></Row>',
        )
        with self.assertRaisesRegex(SheetError, "单元格B2含有公式.*选择性粘贴 → 数值"):
            read(self.write("f.xml", workbook(formula)))

    def test_doctype_and_entities_refused_before_expanding(self):
        laughs = (
            '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
            '<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Table><Row><Cell><Data ss:Type="String">&lol2;</Data>'
            "</Cell></Row></Table></Worksheet></Workbook>"
        )
        with self.assertRaisesRegex(SheetError, "DOCTYPE.*安全原因"):
            read(self.write("x.xml", laughs))

    def test_damaged_cut_off_and_empty(self):
        text = workbook(ROSTER)
        with self.assertRaisesRegex(SheetError, RESAVE):
            read(self.write("cut.xls", text[: len(text) // 2]))
        with self.assertRaisesRegex(SheetError, "所有工作表都是空的"):
            read(self.write("empty.xml", workbook(sheet("S", ""))))

    def test_oversize_declared_rows_refused(self):
        from django.test import override_settings

        with (
            override_settings(JIANFU_MAX_SHEET_ROWS=5),
            self.assertRaisesRegex(SheetError, "7行，超过上限5行"),
        ):
            read(self.write("big.xml", workbook(ROSTER)))


class OtherExportsTests(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.lines = [
            "姓名\t身份证号\t联系电话",
            "张三\t420102195603121234\t13871566580",
            "李四\t\t136-8715-6658",
        ]

    def test_unicode_text_saved_as_xls(self):  # Excel/WPS "Unicode 文本": UTF-16 LE with BOM, tabs
        path = self.tmp / "导出.xls"
        path.write_bytes("\r\n".join(self.lines).encode("utf-16"))
        table = read(path)
        self.assertEqual((table.kind, table.headers), ("csv", ["姓名", "身份证号", "联系电话"]))
        self.assertEqual(table.rows[1], (3, ["李四", None, "136-8715-6658"]))

    def test_utf16_without_bom_and_gbk_text_named_xls(self):
        for encoding, name in (("utf-16-le", "a.xls"), ("gb18030", "b.xls"), ("gb18030", "c.tsv")):
            path = self.tmp / name
            path.write_bytes("\r\n".join(self.lines).encode(encoding))
            self.assertEqual(read(path).rows[0][1][0], "张三", (encoding, name))

    def test_wps_et_holding_an_xlsx(self):
        path = self.tmp / "台账.et"
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("Sheet1")
        ws.write_row(0, 0, ["姓名", "身份证号"])
        ws.write_row(1, 0, ["张三", "420102195603121234"])
        wb.close()
        table = read(path)
        self.assertEqual((table.kind, table.rows), ("xlsx", [(2, ["张三", "420102195603121234"])]))

    def test_wps_et_holding_an_xls_is_an_xls(self):
        path = self.tmp / "台账.et"
        path.write_bytes(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "Workbook".encode("utf-16-le") + b"\0" * 500
        )
        self.assertEqual(sniff_kind(path), "xls")
        with self.assertRaisesRegex(SheetError, RESAVE):  # this one is only a header: damaged
            read(path)

    def test_xlsb_is_recognised_not_called_damaged_xlsx(self):
        path = self.tmp / "台账.xlsb"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
        self.assertEqual(sniff_kind(path), "xlsb")
        with self.assertRaisesRegex(SheetError, RESAVE):
            read(path)

    def test_single_file_web_page_refused_with_what_to_do(self):
        path = self.tmp / "导出.xls"
        path.write_bytes(
            b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n\r\n'
        )
        with self.assertRaisesRegex(SheetError, "单个文件网页.*另存为 .xlsx"):
            read(path)

    def test_excel_4_worksheet_refused_with_what_to_do(self):
        path = self.tmp / "旧表.xls"
        path.write_bytes(b"\x09\x04\x06\x00\x00\x00\x10\x00" + b"\x00" * 200)
        with self.assertRaisesRegex(SheetError, "Excel 2.x–4.0.*另存为 .xlsx"):
            read_ledger(path, vocabulary={})
