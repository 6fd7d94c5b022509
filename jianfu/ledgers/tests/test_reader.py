"""The reader: real-world shapes, and every bad input refused with a clear message before reading."""

import datetime as dt
import tempfile
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from django.test import SimpleTestCase, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.ledgers.tests.helpers import write_csv, write_xlsx
from jianfu.registry.dictionary import normalize_header
from jianfu.registry.values import clean_text, parse_date
from jianfu.sheets.reader import OLE_MAGIC, SheetError, read_ledger

VOCAB = {
    normalize_header(k): v
    for k, v in {
        "姓名": "name",
        "身份证号": "id_number",
        "公民身份号码": "id_number",
        "出生日期": "birth_date",
        "性别": "gender",
        "联系电话": "phone",
        "电话": "phone",
        "现住址": "address",
        "监护人电话": "guardian_phone",
        "监护人": "guardian",
        "低保证号": "dibao_number",
    }.items()
}


def read(path, **kw):
    return read_ledger(path, vocabulary=VOCAB, **kw)


class ReaderShapes(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def test_title_two_level_blank_rows_footer(self):
        path = self.tmp / "a.xlsx"
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("低保")
        ws.merge_range(0, 0, 0, 5, "江岸区民意社区2026年低保对象花名册")
        ws.merge_range(1, 0, 2, 0, "序号")
        ws.merge_range(1, 1, 2, 1, "姓名")
        ws.merge_range(1, 2, 1, 3, "基本信息")
        ws.write_row(2, 2, ["身份证号", "出生日期"])
        ws.merge_range(1, 4, 1, 5, "监护人")
        ws.write_row(2, 4, ["姓名", "电话"])
        ws.write_row(3, 0, [1, "张三", "420102195003020011", "1950.3.2", "李四", "13800138000"])
        ws.write_row(5, 0, [2, "王五", "", "19500302", "", ""])
        ws.write_row(7, 0, ["填表人：小刘", "", "审核人：老王"])
        ws.write_row(8, 0, [3, "不该读到", "", "", "", ""])
        wb.close()
        table = read(path)
        self.assertEqual(table.header_rows, [2, 3])
        self.assertEqual(table.headers, ["序号", "姓名", "身份证号", "出生日期", "监护人姓名", "电话"])
        self.assertEqual([r for r, _ in table.rows], [4, 6])
        self.assertEqual(table.footer_row, 8)
        self.assertEqual(table.sheet, "低保")

    def test_sheet_by_name_and_first_non_empty(self):
        path = self.tmp / "s.xlsx"
        wb = xlsxwriter.Workbook(str(path))
        wb.add_worksheet("说明")
        ws = wb.add_worksheet("名单")
        ws.write_row(0, 0, ["姓名", "身份证号"])
        ws.write_row(1, 0, ["甲", "1"])
        ws2 = wb.add_worksheet("另一张")
        ws2.write_row(0, 0, ["姓名", "联系电话"])
        ws2.write_row(1, 0, ["乙", "13800000000"])
        wb.close()
        self.assertEqual(read(path).sheet, "名单")
        self.assertEqual(read(path, sheet="另一张").rows[0][1][0], "乙")
        with self.assertRaisesMessage(SheetError, "没有名为“不存在”的工作表"):
            read(path, sheet="不存在")

    def test_dates_serials_and_fullwidth(self):
        path = write_xlsx(
            self.tmp / "d.xlsx",
            [
                ["姓名", "出生日期"],
                ["张三", dt.date(1950, 3, 2)],
                ["李四", 18324],
                ["王五", "１９５０年３月２日"],
            ],
        )
        values = [row[1] for _, row in read(path).rows]
        self.assertEqual([parse_date(v) for v in values], [dt.date(1950, 3, 2)] * 3)

    def test_csv_utf8_bom_and_gbk(self):
        rows = [["姓名", "身份证号", "现住址"], ["張三", "420102195003020011", "民意小区 1栋"]]
        for encoding in ("utf-8-sig", "gbk", "gb18030", "utf-8"):
            path = write_csv(self.tmp / f"{encoding}.csv", rows, encoding=encoding)
            table = read(path)
            self.assertEqual(table.kind, "csv")
            self.assertEqual(table.rows[0][1][0], "張三", encoding)

    def test_ods_is_read(self):
        # an .ods written by hand: the smallest valid OpenDocument spreadsheet
        path = self.tmp / "a.ods"
        content = (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:spreadsheet><table:table table:name="名单">'
            '<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell>'
            '<table:table-cell office:value-type="string"><text:p>联系电话</text:p></table:table-cell></table:table-row>'
            '<table:table-row><table:table-cell office:value-type="string"><text:p>甲</text:p></table:table-cell>'
            '<table:table-cell office:value-type="string"><text:p>13800000000</text:p></table:table-cell></table:table-row>'
            "</table:table></office:spreadsheet></office:body></office:document-content>"
        )
        manifest = (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
        )
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(
                "mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED
            )
            zf.writestr("content.xml", content)
            zf.writestr("META-INF/manifest.xml", manifest)
        table = read(path)
        self.assertEqual(table.kind, "ods")
        self.assertEqual(table.rows[0][1], ["甲", "13800000000"])


class BadInput(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def test_not_excel(self):
        for name, data in [
            ("a.xlsx", b"%PDF-1.7 ..."),
            ("b.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
            ("c.xlsx", b"just text"),
        ]:
            path = self.tmp / name
            path.write_bytes(data)
            with self.assertRaisesMessage(SheetError, "不是 Excel"):
                read(path)

    def test_zip_that_is_not_a_workbook(self):
        path = self.tmp / "a.xlsx"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("word/document.xml", "<x/>")
            zf.writestr("[Content_Types].xml", "<x/>")
        with self.assertRaisesMessage(SheetError, "不是 Excel 表格"):
            read(path)

    def test_password_protected(self):
        path = self.tmp / "secret.xlsx"
        path.write_bytes(
            OLE_MAGIC
            + b"\x00" * 1000
            + "EncryptionInfo".encode("utf-16-le")
            + b"\x00" * 64
            + "EncryptedPackage".encode("utf-16-le")
            + b"\x00" * 1000
        )
        with self.assertRaisesMessage(SheetError, "密码"):
            read(path)

    def test_zip_bomb(self):
        path = self.tmp / "bomb.xlsx"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
                block = b"\x00" * (1 << 20)
                for _ in range(64):
                    fh.write(block)
        with self.assertRaisesMessage(SheetError, "压缩炸弹"):
            read(path)

    def test_too_large_refused_before_reading(self):
        path = self.tmp / "huge.xlsx"
        with open(path, "wb") as fh:
            fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB declared, nothing read
        with self.assertRaisesMessage(SheetError, "超过上限50 MB"):
            read(path)

    @override_settings(JIANFU_MAX_UPLOAD_BYTES=1000)
    def test_size_limit_from_settings(self):
        path = write_xlsx(self.tmp / "a.xlsx", [["姓名"], ["甲" * 3000]])
        with self.assertRaisesMessage(SheetError, "超过上限"):
            read(path)

    def test_16384_columns(self):
        path = self.tmp / "wide.xlsx"
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet()
        ws.write_row(0, 0, ["姓名", "身份证号"])
        ws.write(1, 16383, "x")
        wb.close()
        with self.assertRaisesMessage(SheetError, "16384列"):
            read(path)

    def test_formula_cells(self):
        path = write_xlsx(self.tmp / "f.xlsx", [["姓名", "年龄"], ["甲", 1]], formula=True)
        with self.assertRaisesMessage(SheetError, "选择性粘贴"):
            read(path)

    def test_duplicate_headers(self):
        path = write_xlsx(self.tmp / "dup.xlsx", [["姓名", "联系电话", "联系电话"], ["甲", "1", "2"]])
        with self.assertRaisesMessage(SheetError, "第B列和第C列都叫“联系电话”"):
            read(path)

    def test_no_header(self):
        path = write_xlsx(self.tmp / "n.xlsx", [["1", "2"], ["3", "4"]])
        with self.assertRaisesMessage(SheetError, "没有找到表头"):
            read(path)

    def test_empty_file(self):
        path = self.tmp / "e.csv"
        path.write_bytes(b"")
        with self.assertRaisesMessage(SheetError, "空的"):
            read(path)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.sampled_from(
        [
            "{y}.{m}.{d}",
            "{y}年{m}月{d}日",
            "{y}{m:02d}{d:02d}",
            "{y}-{m:02d}-{d:02d}",
            "{y}/{m}/{d}",
            "　{y}.{m}.{d} ",
        ]
    ),
    st.booleans(),
)
def test_date_formats_roundtrip(day, pattern, fullwidth):
    text = pattern.format(y=day.year, m=day.month, d=day.day)
    if fullwidth:
        text = text.translate(str.maketrans("0123456789.-/", "０１２３４５６７８９．－／"))
    assert parse_date(text) == day


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40))
def test_clean_text_is_idempotent_and_trimmed(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert once == once.strip()


@pytest.mark.parametrize(
    "serial,expected",
    [(18324, dt.date(1950, 3, 2)), (18324.0, dt.date(1950, 3, 2)), (19500302, dt.date(1950, 3, 2))],
)
def test_excel_serials(serial, expected):
    assert parse_date(serial) == expected
