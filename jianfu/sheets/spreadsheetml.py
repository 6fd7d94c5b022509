"""Excel 2003 XML Spreadsheet (SpreadsheetML): what many government systems export as .xls or .xml.

Such a file is XML (`<?mso-application progid="Excel.Sheet"?>`, a `<Workbook>` in the namespace
urn:schemas-microsoft-com:office:spreadsheet) that Excel and WPS open as a workbook. It is read
here with the standard library's expat parser fed 1 MB at a time (no tree is built) and with
defusedxml's rules: a document type declaration, any entity declaration or an external entity is
refused before it can expand, so neither "billion laughs" nor a file fetched from elsewhere is
possible.

What the layout means, as Excel reads it:
- `Row ss:Index="7"` jumps to row 7 (the rows skipped are empty); `Cell ss:Index="4"` to column D.
- `ss:MergeAcross="2"` merges the cell with the next two: the value is in the first, the others are
  empty, and the next cell starts after them. `ss:MergeDown` covers cells below, which the rows
  below skip with `ss:Index`.
- `<Data ss:Type="String|Number|DateTime|Boolean|Error">`: numbers become int/float (an 18-digit ID
  typed as a number stays the float Excel made of it, and the import reports it as such), dates
  become `date` (or `datetime` with a time), booleans `True/False`; rich text (`<html:B>` …)
  inside Data is joined into its plain text; comments (`<Comment>`) are not cell values.
- A cell with `ss:Formula` is refused like a formula in an xlsx (values only).
- The encoding is the one the XML declaration names (UTF-8, UTF-16, and also GB2312/GBK/GB18030,
  which expat itself does not know: those are decoded with GB18030).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.parsers import expat

from django.utils.translation import gettext as _

SS = "urn:schemas-microsoft-com:office:spreadsheet"
CHUNK = 1 << 20
_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_\-]+)["']""")
_WORKSHEET_NAME = re.compile(rb"<(?:\w+:)?Worksheet\b[^>]*?(?:\w+:)?Name\s*=\s*\"([^\"]*)\"", re.S)
_GB = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "gb_2312-80"}


class SpreadsheetMLError(ValueError):
    """Raised for what the worker must fix; the reader turns it into a SheetError."""


def looks_like_spreadsheetml(head: bytes) -> bool:
    """The first bytes are an XML document whose root is an Excel 2003 XML workbook."""
    text = head
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if text.startswith(bom):
            if bom != codecs.BOM_UTF8:
                try:
                    text = text.decode("utf-16", "ignore").encode("utf-8")
                except UnicodeError:
                    return False
            else:
                text = text[len(bom) :]
            break
    text = text.lstrip()
    if not text.startswith(b"<"):
        return False
    lower = text[:8192].lower()
    return b'progid="excel.sheet"' in lower or (
        (b"<workbook" in lower or b":workbook" in lower) and SS.encode() in lower
    )


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, read from the raw bytes (no parse)."""
    names: list[str] = []
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            buf = tail + chunk
            last = 0
            for m in _WORKSHEET_NAME.finditer(buf):
                names.append(_unescape(m[1].decode("utf-8", "replace")))
                last = m.end()
            tail = buf[max(last, len(buf) - 4096) :]
    return names


def _unescape(text: str) -> str:
    for a, b in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(a, b)
    return text


def _encoding(head: bytes) -> str | None:
    """The codec to decode with ourselves (expat does not know it), or None to let expat decode."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return None
    m = _DECL_ENCODING.match(head)
    if not m:
        return None
    name = m[1].decode("ascii").lower()
    if name in _GB:
        return "gb18030"
    if name in ("utf-8", "utf8", "utf-16", "us-ascii", "iso-8859-1", "latin-1"):
        return None
    try:
        return codecs.lookup(name).name
    except LookupError as exc:
        raise SpreadsheetMLError(
            _("XML 表格声明的编码“%(name)s”无法识别。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。")
            % {"name": name}
        ) from exc


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _typed(kind: str, text: str) -> Any:
    if kind == "Number":
        raw = text.strip()
        try:
            number = float(raw)
        except ValueError:
            return text
        if re.fullmatch(r"-?\d{1,15}", raw):
            return int(raw)
        return number
    if kind == "DateTime":
        raw = text.strip()
        try:
            moment = dt.datetime.fromisoformat(raw[:19]) if "T" in raw else dt.datetime.fromisoformat(raw)
        except ValueError:
            return text
        return moment.date() if moment.time() == dt.time(0) else moment
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    return text


class _Reader:
    """Expat handlers collecting the rows of one worksheet."""

    def __init__(self, sheet: str | None, max_rows: int, max_columns: int) -> None:
        self.wanted = sheet
        self.max_rows, self.max_columns = max_rows, max_columns
        self.sheet: str | None = None  # the worksheet being read
        self.chosen: str | None = None  # the worksheet whose rows we keep
        self.rows: list[list[Any]] = []
        self.done = False
        self.row: list[Any] | None = None
        self.row_number = 0
        self.column = 0
        self.merge = 0
        self.in_data = 0
        self.data_type = "String"
        self.text: list[str] = []
        self.in_comment = 0
        self.has_value = False
        self.formula: str | None = None

    # refusals, before anything expands
    def doctype(self, *_args: Any) -> None:
        raise SpreadsheetMLError(
            _(
                "XML 表格中含有文档类型声明（DOCTYPE），出于安全原因不予读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
            )
        )

    def entity(self, *_args: Any) -> None:
        raise SpreadsheetMLError(
            _(
                "XML 表格中含有实体声明或外部引用，出于安全原因不予读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
            )
        )

    def external(self, *_args: Any) -> int:
        self.entity()
        return 0

    def _keeping(self) -> bool:
        return self.sheet is not None and self.sheet == self.chosen

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        a = {_local(k): v for k, v in attrs.items()}
        if self.done:
            return
        if tag == "Worksheet":
            self.sheet = a.get("Name", "")
            if self.wanted is None or self.sheet == self.wanted:
                self.chosen, self.rows, self.row_number, self.has_value = self.sheet, [], 0, False
        elif not self._keeping():
            return
        elif tag == "Table":
            declared = a.get("ExpandedRowCount", "")
            if declared.isdigit() and int(declared) > self.max_rows:
                raise SpreadsheetMLError(
                    _(
                        "工作表“%(sheet)s”有%(rows)d行，超过上限%(limit)d行。请删除数据下方的空白行，或拆成几个文件后再导入。"
                    )
                    % {"sheet": self.sheet, "rows": int(declared), "limit": self.max_rows}
                )
        elif tag == "Row":
            index = a.get("Index", "")
            target = int(index) if index.isdigit() else self.row_number + 1
            while self.row_number + 1 < target:  # rows skipped by ss:Index are empty
                self._append([])
            self.row, self.column = [], 0
        elif tag == "Cell" and self.row is not None:
            index = a.get("Index", "")
            self.column = int(index) - 1 if index.isdigit() else self.column
            if self.column >= self.max_columns:
                from jianfu.sheets.reader import MAX_COLUMNS, _too_wide

                raise SpreadsheetMLError(_too_wide(max(self.column + 1, MAX_COLUMNS + 1)))
            merge = a.get("MergeAcross", "")
            self.merge = int(merge) if merge.isdigit() else 0
            self.formula = a.get("Formula") or None
            self.text, self.data_type = [], "String"
        elif tag == "Data" and self.row is not None and not self.in_comment:
            self.in_data += 1
            self.data_type = a.get("Type", "String")
        elif tag == "Comment":
            self.in_comment += 1
        elif self.in_data and tag in ("Br",):
            self.text.append("\n")

    def end(self, name: str) -> None:
        tag = _local(name)
        if self.done:
            return
        if tag == "Worksheet":
            if self._keeping() and (self.wanted is not None or self.has_value):
                self.done = True
            self.sheet = None
        elif not self._keeping():
            return
        elif tag == "Comment":
            self.in_comment = max(0, self.in_comment - 1)
        elif tag == "Data" and self.in_data:
            self.in_data -= 1
        elif tag == "Cell" and self.row is not None:
            text = "".join(self.text)
            if self.formula:
                from jianfu.sheets.reader import column_letter

                raise SpreadsheetMLError(
                    _(
                        "工作表“%(sheet)s”单元格%(ref)s含有公式。导入只接收数值：请全选 → 复制 → “选择性粘贴 → 数值”，保存后再导入。"
                    )
                    % {"sheet": self.sheet, "ref": f"{column_letter(self.column)}{self.row_number + 1}"}
                )
            value = _typed(self.data_type, text) if text != "" else None
            while len(self.row) < self.column:
                self.row.append(None)
            self.row.append(value)
            self.row.extend([None] * self.merge)  # merged cells are empty after the first
            if value not in (None, ""):
                self.has_value = True
            self.column += 1 + self.merge
        elif tag == "Row" and self.row is not None:
            self._append(self.row)
            self.row = None

    def _append(self, row: list[Any]) -> None:
        self.row_number += 1
        if self.row_number > self.max_rows:
            raise SpreadsheetMLError(
                _("工作表“%(sheet)s”超过上限%(limit)d行。请删除数据下方的空白行，或拆成几个文件后再导入。")
                % {"sheet": self.sheet, "limit": self.max_rows}
            )
        self.rows.append(row)

    def chars(self, data: str) -> None:
        if self.in_data and not self.in_comment and self._keeping():
            self.text.append(data)


def read_spreadsheetml(
    path: Path, sheet: str | None, *, max_rows: int, max_columns: int
) -> tuple[str, list[str], Iterator[list[Any]]]:
    """(sheet name, sheet names, rows) of the first worksheet with a value (or the named one).
    Raises SpreadsheetMLError (worker's message) or expat.ExpatError (a damaged file)."""
    names = sheet_names(path)
    if sheet is not None and sheet not in names:
        raise SpreadsheetMLError(
            _("文件中没有名为“%(sheet)s”的工作表。现有工作表：%(names)s。")
            % {"sheet": sheet, "names": "、".join(names)}
        )
    with open(path, "rb") as fh:
        head = fh.read(512)
    decode_with = _encoding(head)
    reader = _Reader(sheet, max_rows, max_columns)
    parser = expat.ParserCreate("utf-8" if decode_with else None, namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = reader.doctype
    parser.EntityDeclHandler = reader.entity
    parser.UnparsedEntityDeclHandler = reader.entity
    parser.ExternalEntityRefHandler = reader.external
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    parser.buffer_text = True
    decoder = codecs.getincrementaldecoder(decode_with)() if decode_with else None
    with open(path, "rb") as fh:
        while not reader.done and (chunk := fh.read(CHUNK)):
            if decoder is not None:  # expat reads UTF-8 and ignores the declared encoding
                chunk = decoder.decode(chunk).encode("utf-8")
            parser.Parse(chunk, False)
        if not reader.done:
            parser.Parse(b"", True)
    if reader.chosen is None or (sheet is None and not reader.has_value):
        from jianfu.sheets.reader import SheetError

        raise SheetError(_("文件中所有工作表都是空的，没有可导入的数据。"))
    return reader.chosen, names, iter(reader.rows)
