"""Files that fail, fail cleanly: encodings on the whole file, damaged workbooks, control
characters, HTML tables saved as .xls, oversize sheets refused from the zip directory."""

import struct
import tempfile
import zipfile
from pathlib import Path
from unittest import mock

import xlsxwriter
from django.test import SimpleTestCase, override_settings

from jianfu.registry.dictionary import normalize_header
from jianfu.sheets.reader import SheetError, detect_csv_encoding, read_ledger

VOCAB = {
    normalize_header(k): v
    for k, v in {
        "姓名": "name",
        "身份证号": "id_number",
        "公民身份号码": "id_number",
        "联系电话": "phone",
        "现住址": "address",
        "备注": "note",
        "性别": "gender",
    }.items()
}
RESAVE = "请用 Excel 或 WPS 打开原文件，确认内容完整后重新保存"


def read(path, **kw):
    return read_ledger(path, vocabulary=VOCAB, **kw)


def big_csv(path: Path, encoding: str, rows: int) -> list[list[str]]:
    """A CSV of `rows` rows with a multi-byte character across byte 8,000 (the old sample size) and
    across every power-of-two boundary from 1 KB to 16 MB; returns the rows written."""
    out = bytearray("姓名,身份证号,现住址\r\n".encode(encoding))
    boundaries = sorted([8000, *(1 << k for k in range(10, 25))])
    written: list[list[str]] = []
    b = 0
    for i in range(rows):
        row = [
            f"居民{i}",
            f"4201021950030{i % 10000:04d}X",
            f"江岸区花桥街道{i % 97}号院·{'甲乙丙丁'[i % 4]}栋",
        ]
        line = (",".join(row) + "\r\n").encode(encoding)
        if b < len(boundaries) and len(out) + len(line) >= boundaries[b] - 8:
            # an ASCII row that ends one byte before the boundary: the next row starts with 居,
            # whose bytes fall on both sides of it
            filler = ["f", "0", "y" * (boundaries[b] - 1 - len(out) - 6)]
            out += (",".join(filler) + "\r\n").encode(encoding)
            written.append(filler)
            b += 1
        out += line
        written.append(row)
    path.write_bytes(bytes(out))
    return written


class CsvEncoding(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def test_200000_rows_gbk_and_utf8_with_characters_across_boundaries(self):
        for encoding in ("gbk", "utf-8"):
            with self.subTest(encoding=encoding):
                path = self.tmp / f"big-{encoding}.csv"
                written = big_csv(path, encoding, 200_000)
                data = path.read_bytes()
                # a multi-byte character really straddles byte 8,000 and byte 1 MB
                for boundary in (8000, 8192, 1 << 16, 1 << 20):
                    with self.assertRaises(UnicodeDecodeError):
                        data[:boundary].decode(encoding)
                with override_settings(JIANFU_MAX_UPLOAD_BYTES=200 * 1024 * 1024):
                    table = read(path, file_name=path.name)
                self.assertGreater(len(written), 200_000)
                self.assertEqual([cells for _r, cells in table.rows], written)
                self.assertEqual(table.rows[-1][1][0], "居民199999")

    def test_ascii_head_and_gbk_far_below_is_gbk(self):
        path = self.tmp / "late.csv"
        lines = ["name,id_number\r\n"] + [f"a{i},1\r\n" for i in range(20_000)] + ["王五,2\r\n"]
        path.write_bytes("".join(lines).replace("name,id_number", "姓名,身份证号", 0).encode("gbk"))
        self.assertEqual(detect_csv_encoding(path), "gb18030")
        path.write_bytes(("姓名,身份证号\r\n" + "".join(lines[1:])).encode("gbk"))
        self.assertEqual(read(path).rows[-1][1], ["王五", "2"])

    def test_utf8_bom_and_utf16(self):
        for encoding, expected in (("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")):
            path = self.tmp / f"e-{encoding}.csv"
            path.write_bytes("姓名,身份证号\r\n张三,1\r\n".encode(encoding))
            self.assertEqual(detect_csv_encoding(path), expected)
            self.assertEqual(read(path).rows, [(2, ["张三", "1"])])

    def test_neither_utf8_nor_gbk(self):
        path = self.tmp / "bad.csv"
        path.write_bytes("姓名,身份证号\r\n".encode() + b"\xff\xfe\xfd\x81\x30\r\n" * 3)
        with self.assertRaisesMessage(SheetError, "编码无法识别"):
            read(path)


class ControlCharacters(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def test_nul_and_controls_removed_and_reported_csv(self):
        path = self.tmp / "nul.csv"
        path.write_bytes(
            "姓名,身份证号,现住址\r\n张\x00三,420102\x0b1950,新安\u200b小区\r\n李四,1,2\r\n".encode()
        )
        table = read(path)
        self.assertEqual(table.rows[0][1], ["张三", "4201021950", "新安小区"])
        warnings = table.cell_warnings[2]
        self.assertEqual(len(warnings), 3)
        self.assertIn("第2行“姓名”列（A列）", warnings[0])
        self.assertIn("控制字符", warnings[0])
        self.assertNotIn(3, table.cell_warnings)

    def test_controls_in_xlsx_cells(self):
        path = self.tmp / "c.xlsx"
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet()
        ws.write_row(0, 0, ["姓名", "联系电话"])
        ws.write_row(1, 0, ["王五\x01", "138\x1f0013\x7f8000"])
        wb.close()
        table = read(path)
        self.assertEqual(table.rows[0][1], ["王五", "13800138000"])
        self.assertIn("“联系电话”列（B列）", table.cell_warnings[2][1])


GOV_EXPORT = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<style>.xl24{mso-number-format:"\\@";} td{mso-style-parent:style0;}</style>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>
<x:Name>低保</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head><body>
<table><tr><td>导出时间：2026-11-30</td></tr></table>
<table border="1" x:str>
<tr><td colspan="5" align="center" style="font-size:16pt">江岸区民意社区低保对象花名册</td></tr>
<tr><th rowspan="2">序号</th><th rowspan="2">姓名</th><th colspan="2">基本信息</th><th rowspan="2">备注</th></tr>
<tr><th>身份证号</th><th>联系电话</th></tr>
<tr><td x:num>1</td><td>张&nbsp;三</td><td class="xl24" x:str="'420102195003020015">420102195003020015</td>
<td>13800138000</td><td rowspan="2">同户<br>两人</td></tr>
<tr><td x:num>2</td><td>李四</td><td class="xl24">420102196001010029</td><td></td></tr>
<tr style="display:none"><td>3</td><td>隐藏行</td><td></td><td></td><td></td></tr>
<tr><td>4</td><td>王&amp;五</td><td>&#52;20102197001010031</td><td>027-8888 6666</td><td></td></tr>
</table></body></html>"""


class HtmlAsXls(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def test_government_export_gb2312(self):
        path = self.tmp / "低保名册.xls"
        path.write_bytes(GOV_EXPORT.encode("gb2312"))
        table = read(path, file_name=path.name)
        self.assertEqual(table.kind, "html")
        self.assertEqual(table.headers, ["序号", "姓名", "身份证号", "联系电话", "备注"])
        self.assertEqual([r for r, _c in table.rows], [4, 5, 6, 7])
        self.assertEqual(table.rows[0][1], ["1", "张 三", "420102195003020015", "13800138000", "同户\n两人"])
        self.assertEqual(table.rows[1][1], ["2", "李四", "420102196001010029", None, None])
        self.assertEqual(table.rows[2][1][1], "隐藏行")  # hidden is not deleted: Excel keeps it too
        self.assertEqual(table.rows[3][1][1:3], ["王&五", "420102197001010031"])

    def test_utf8_meta_charset_and_no_html_tag(self):
        path = self.tmp / "a.xls"
        path.write_bytes(
            '<meta charset="utf-8"><table><tr><td>姓名</td><td>身份证号</td></tr>'
            "<tr><td>赵六</td><td>1</td></tr></table>".encode()
        )
        self.assertEqual(read(path).rows, [(2, ["赵六", "1"])])

    def test_undeclared_gbk(self):
        path = self.tmp / "b.xls"
        path.write_bytes(
            "<html><table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>钱七</td><td>1</td></tr></table></html>".encode(
                "gbk"
            )
        )
        self.assertEqual(read(path).rows, [(2, ["钱七", "1"])])

    def test_page_without_table(self):
        path = self.tmp / "c.xls"
        path.write_bytes(b"<html><body><p>\xe6\x97\xa0</p></body></html>")
        with self.assertRaisesMessage(SheetError, "没有找到表头"):
            read(path)


def _workbook(path: Path, rows: int = 300) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("名单")
    ws.write_row(0, 0, ["姓名", "身份证号", "联系电话"])
    for i in range(rows):
        ws.write_row(i + 1, 0, [f"居民{i}", f"42010219500302{i:04d}", "13800138000"])
    wb.close()
    return path


def _rezip(src: Path, dst: Path, change) -> Path:
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info.filename, change(info.filename, zi.read(info.filename)))
    return dst


def _patch_central(data: bytes, part: bytes, offset: int, value: int) -> bytes:
    """Overwrite a 4-byte field of `part`'s central-directory entry (20 = compressed, 24 = size)."""
    out = bytearray(data)
    i = data.find(b"PK\x01\x02")
    while i != -1:
        name_len = struct.unpack_from("<H", data, i + 28)[0]
        if part in data[i + 46 : i + 46 + name_len]:
            struct.pack_into("<I", out, i + offset, value)
        i = data.find(b"PK\x01\x02", i + 4)
    return bytes(out)


class DamagedWorkbooks(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.good = _workbook(self.tmp / "good.xlsx")

    def damaged(self) -> dict[str, Path]:
        raw = self.good.read_bytes()
        files = {
            "malformed sheet XML": _rezip(
                self.good,
                self.tmp / "xml.xlsx",
                lambda n, b: (
                    b.replace(b"</sheetData>", b"<row><c><v>1</c></sheetData") if "sheet1" in n else b
                ),
            ),
            "sheet XML cut off": _rezip(
                self.good, self.tmp / "cut.xlsx", lambda n, b: b[: len(b) // 2] if "sheet1" in n else b
            ),
            "shared strings cut off": _rezip(
                self.good, self.tmp / "ss.xlsx", lambda n, b: b[: len(b) // 3] if "sharedStrings" in n else b
            ),
            "workbook part missing": _rezip(
                self.good, self.tmp / "wb.xlsx", lambda n, b: b"" if n == "xl/_rels/workbook.xml.rels" else b
            ),
        }
        for name, (offset, value) in {
            "size lies (smaller)": (24, 100),
            "compressed size lies": (20, 10),
        }.items():
            path = self.tmp / f"lie{offset}.xlsx"
            path.write_bytes(_patch_central(raw, b"sheet1", offset, value))
            files[name] = path
        for name, cut in {"truncated zip": len(raw) // 2, "end of zip missing": len(raw) - 30}.items():
            path = self.tmp / f"trunc{cut}.xlsx"
            path.write_bytes(raw[:cut])
            files[name] = path
        return files

    def test_every_damage_is_a_clear_message(self):
        self.assertEqual(len(read(self.good).rows), 300)
        for what, path in self.damaged().items():
            with self.subTest(what), self.assertRaises(SheetError) as caught:
                read(path)
            self.assertIn("损坏", str(caught.exception))
            self.assertIn("Excel", str(caught.exception))
            self.assertIn("WPS", str(caught.exception))


class OversizeSheets(SimpleTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def test_dimension_refused_before_parsing(self):
        path = _workbook(self.tmp / "rows.xlsx", rows=50)
        with (
            override_settings(JIANFU_MAX_SHEET_ROWS=20),
            mock.patch("python_calamine.CalamineWorkbook.from_path", side_effect=AssertionError("parsed")),
            self.assertRaisesMessage(SheetError, "工作表“名单”有51行，超过上限20行"),
        ):
            read(path)
        self.assertEqual(len(read(path).rows), 50)

    def test_declared_dimension_that_lies_big(self):
        path = _rezip(
            _workbook(self.tmp / "small.xlsx", rows=3),
            self.tmp / "dim.xlsx",
            lambda n, b: (
                b.replace(b'<dimension ref="A1:C4"/>', b'<dimension ref="A1:C1048576"/>')
                if "sheet1" in n
                else b
            ),
        )
        with self.assertRaisesMessage(SheetError, "1048576行"):
            read(path)

    def test_declared_uncompressed_size_refused(self):
        path = _workbook(self.tmp / "s.xlsx", rows=3000)
        with (
            override_settings(JIANFU_MAX_SHEET_XML_BYTES=20_000),
            mock.patch("python_calamine.CalamineWorkbook.from_path", side_effect=AssertionError("parsed")),
            self.assertRaises(SheetError) as caught,
        ):
            read(path)
        self.assertIn("工作表“名单”解压后有", str(caught.exception))
