"""Reading a department's ledger (xlsx, xls, ods, csv) safely into a header and data rows.

Every check that can refuse a file runs *before* the file is parsed, and a refusal is a
`SheetError` whose message says what is wrong and how to fix it. Nothing here writes to the
database. The header is found with `jianfu.sheets.headers.detect_header`, so the import and
template filling agree on what "the header" is.

Checks, in order: size (settings.JIANFU_MAX_UPLOAD_BYTES) → magic bytes (zip / OLE / HTML /
text) → encryption (an OLE container holding `EncryptedPackage` is a password-protected xlsx) →
zip bomb (declared uncompressed sizes and ratios) → oversize sheets (each sheet part's declared
size and its `<dimension>`, from the zip directory and the first bytes of the part) → the chosen
sheet's width (≤ MAX_COLUMNS) → formula cells (from the sheet XML) → header → duplicate headers.

A damaged file (malformed sheet XML, a zip whose sizes lie, a truncated zip) is a `SheetError`
asking the worker to re-save it in Excel/WPS, wherever in the reading the damage shows. CSV text
is decoded as UTF-8 or GB18030 by reading the whole file incrementally (a multi-byte character
across any chunk boundary is fine). Control characters (NUL, other C0/C1 controls, zero-width
marks) are removed from every cell and each removal is reported per row and column.
"""

import codecs
import csv
import logging
import os
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError

from django.conf import settings
from django.utils.translation import gettext as _

from jianfu.registry.dictionary import normalize_header
from jianfu.sheets import prefetch
from jianfu.sheets.headers import ColumnHeader, detect_header, is_example_row, is_footer_row
from jianfu.sheets.html_table import looks_like_html, read_html_table
from jianfu.sheets.spreadsheetml import SpreadsheetMLError, looks_like_spreadsheetml, read_spreadsheetml

logger = logging.getLogger(__name__)

MAX_COLUMNS = 1000
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # declared size of all zip entries together
MAX_ZIP_RATIO = 200  # uncompressed / compressed, for entries larger than 1 MB
MAX_ZIP_ENTRIES = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EXCEL_EXTENSIONS = {
    ".xlsx", ".xlsm", ".xlsb", ".xls", ".et", ".ods", ".csv", ".tsv", ".txt", ".htm", ".html", ".xml"
}  # fmt: skip
# Text saved under a spreadsheet's name: "Unicode 文本" (UTF-16, tab-separated) or GBK/UTF-8 text that
# a system's "导出 Excel" button names .xls; read like a CSV (the delimiter is sniffed)
TEXT_EXTENSIONS = {".csv", ".tsv", ".txt", ".xls", ".et"}
# BIFF2–BIFF4 (Excel 2.x–4.0) worksheets are bare BIFF records, not in an OLE container
_OLD_BIFF = (b"\x09\x00", b"\x09\x02", b"\x09\x04")
MAX_SHEET_XML_BYTES = 512 * 1024 * 1024  # declared uncompressed size of one sheet part
# A street's whole population list has well under this; a sheet declaring more is refused before
# it is parsed (settings.JIANFU_MAX_SHEET_ROWS changes it, up to Excel's own 1,048,576)
MAX_ROWS = 500_000
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')
# C0 controls except tab/newline/carriage return, DEL, C1 controls, zero-width marks, BOM, non-characters
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff\ufffe\uffff]"
)


class SheetError(ValueError):
    """A file that cannot be imported; the message is for the worker."""


@dataclass
class LedgerTable:
    """A ledger as read: its header columns and data rows with their Excel row numbers."""

    kind: str  # xlsx | xlsb | xls | ods | csv | html | spreadsheetml
    sheet: str
    sheet_names: list[str]
    header_rows: list[int]  # 1-based Excel row numbers of the header
    columns: list[ColumnHeader]  # text is the header a worker sees (unique within the sheet)
    rows: list[tuple[int, list[Any]]]  # (Excel row number, cell values aligned with `columns`)
    footer_row: int | None = None  # 1-based row where a 填表人/审核人 footer stopped reading
    skipped_example_rows: list[int] = field(default_factory=list)
    # Excel row number → messages about what reading changed in it (control characters removed)
    cell_warnings: dict[int, list[str]] = field(default_factory=dict)

    @property
    def headers(self) -> list[str]:
        return [c.text for c in self.columns]


def max_upload_bytes() -> int:
    return int(getattr(settings, "JIANFU_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def check_size(size: int) -> None:
    limit = max_upload_bytes()
    if size > limit:
        raise SheetError(
            _(
                "文件有%(size)s，超过上限%(limit)s。请删去无关的工作表、图片和空白行列，或按月份拆成几个文件后再导入。"
            )
            % {"size": _mb(size), "limit": _mb(limit)}
        )
    if size == 0:
        raise SheetError(_("文件是空的（0字节）。请重新导出后再上传。"))


def max_sheet_rows() -> int:
    return min(int(getattr(settings, "JIANFU_MAX_SHEET_ROWS", MAX_ROWS)), 1_048_576)


_CSV_ENCODINGS = ("utf-8", "gb18030")


def _decodes(fh: Any, encoding: str, limit: int | None = None) -> bool:
    """Whether the stream decodes in `encoding`, read incrementally (1 MB at a time) up to `limit` bytes."""
    decoder = codecs.getincrementaldecoder(encoding)()
    read = 0
    try:
        while chunk := fh.read(1 << 20 if limit is None else min(1 << 20, limit - read)):
            decoder.decode(chunk, final=False)
            read += len(chunk)
            if limit is not None and read >= limit:
                return True  # a character cut at the limit is not an error
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_csv_encoding(path: Path, limit: int | None = None) -> str | None:
    """utf-8-sig | utf-16 | utf-16-le/-be (no BOM) | utf-8 | gb18030 (a superset of GBK and GB2312), decided on the whole file
    (or its first `limit` bytes); None if it is none of them."""
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        utf16 = _utf16_without_bom(fh.read(4096))
        fh.seek(0)
        if utf16 and _decodes(fh, utf16, limit):
            return utf16
        for encoding in _CSV_ENCODINGS:
            fh.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
            if _decodes(fh, encoding, limit):
                return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) and encoding == "utf-8" else encoding
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le / utf-16-be when the text is UTF-16 written without its byte-order mark (every other
    byte of ASCII text is NUL); None otherwise."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _csv_encoding_error() -> SheetError:
    return SheetError(
        _(
            "CSV 文件的编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）。请用 Excel 或 WPS 打开后另存为“CSV UTF-8”或 .xlsx 再导入。"
        )
    )


def sniff_kind(path: Path, file_name: str = "") -> str:
    """xlsx | xlsb | ods | xls | spreadsheetml | html | csv from the content (not the extension: a
    WPS .et is an xls or an xlsx inside, a system's .xls may be HTML, XML or text); SheetError for
    anything else, with what to do."""
    ext = Path(file_name or path.name).suffix.lower()
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "mimetype" in names and zf.read("mimetype").startswith(
                    b"application/vnd.oasis.opendocument.spreadsheet"
                ):
                    return "ods"
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise damaged_file_error(exc, file_name or path.name) from exc
        if "xl/workbook.bin" in names:
            return "xlsb"  # Excel binary workbook: calamine reads it
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "xlsx"
        raise SheetError(
            _("这是一个压缩包或 Word/PPT 文件，不是 Excel 表格。请上传 .xlsx、.xls、.ods 或 .csv 文件。")
        )
    if head.startswith(OLE_MAGIC):
        with open(path, "rb") as fh:
            data = fh.read()
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise SheetError(
                _(
                    "文件设置了打开密码，无法读取。请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存再导入。"
                )
            )
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            return "xls"
        raise SheetError(
            _("这是 Word 或其他 Office 文件，不是 Excel 表格。请上传 .xlsx、.xls、.ods 或 .csv 文件。")
        )
    if looks_like_spreadsheetml(head):  # before HTML: its <Table> looks like one
        return "spreadsheetml"
    if looks_like_html(head):
        return "html"
    if head.lstrip().lower().startswith(b"mime-version:"):
        raise SheetError(
            _(
                "这是“单个文件网页”（.mht/.mhtml）格式，不是表格文件。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
            )
        )
    if head[:2] in _OLD_BIFF and ext in {".xls", ".xlw", ".et"}:
        raise SheetError(
            _("这是 Excel 2.x–4.0时代的旧格式工作表，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。")
        )
    if ext in TEXT_EXTENSIONS and (_utf16_without_bom(head) or not _looks_binary(head)):
        if detect_csv_encoding(path, limit=len(head)) is None:
            raise _csv_encoding_error()
        return "csv"
    raise SheetError(
        _(
            "“%(name)s”不是 Excel 或 CSV 文件（文件内容与扩展名不符）。请上传 .xlsx、.xls、.ods 或 .csv 文件；如果是从系统导出的，请用 Excel/WPS 打开后另存为 .xlsx。"
        )
        % {"name": file_name or path.name}
    )


_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"7z\xbc\xaf", b"Rar!", b"\x1f\x8b", b"MZ")


def _looks_binary(head: bytes) -> bool:
    """More than 1% control bytes: an image or program, not text (a stray NUL in a CSV is fine)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.startswith(_BINARY_MAGIC):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls > max(16, len(head) / 100)


def check_zip(path: Path) -> None:
    """Refuse a zip bomb from its declared entry sizes, before anything is decompressed."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise SheetError(
            _("文件内部包含%(n)d个部件，远超正常表格，疑似恶意文件，已拒绝。") % {"n": len(infos)}
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise SheetError(
            _("文件解压后将有%(size)s，疑似“压缩炸弹”，已拒绝。正常台账解压后远小于此；请检查文件来源。")
            % {"size": _mb(total)}
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise SheetError(
                _("文件中的“%(entry)s”压缩比异常（%(ratio)d倍），疑似“压缩炸弹”，已拒绝。请检查文件来源。")
                % {"entry": info.filename, "ratio": info.file_size // max(info.compress_size, 1)}
            )


_SHEET_TAG = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?(?:\w+:)?id="([^"]+)"', re.S)
_SHEET_TAG2 = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?(?:\w+:)?id="([^"]+)"[^>]*?name="([^"]*)"', re.S)
_REL = re.compile(
    rb'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"|<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"',
    re.S,
)
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?r="([A-Z]+\d+)"')


def _xml_unescape(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    for a, b in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(a, b)
    return text


def _xlsx_sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML part inside the xlsx."""
    workbook = zf.read("xl/workbook.xml")
    rels = zf.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in zf.namelist() else b""
    targets: dict[str, str] = {}
    for m in _REL.finditer(rels):
        rid, target = (m[1], m[2]) if m[1] else (m[4], m[3])
        t = target.decode()
        t = t.lstrip("/") if t.startswith("/") else "xl/" + t
        targets[rid.decode()] = t
    paths: dict[str, str] = {}
    for m in _SHEET_TAG.finditer(workbook):
        paths[_xml_unescape(m[1])] = targets.get(m[2].decode(), "")
    if not paths:
        for m in _SHEET_TAG2.finditer(workbook):
            paths[_xml_unescape(m[2])] = targets.get(m[1].decode(), "")
    return paths


def find_formula_cell(path: Path, kind: str, sheet: str) -> str | None:
    """The reference of the first formula cell in the sheet (e.g. "D5"), or None. Streams the XML."""
    if kind == "xlsx":
        with zipfile.ZipFile(path) as zf:
            part = _xlsx_sheet_paths(zf).get(sheet)
            if not part or part not in zf.namelist():
                return None
            with zf.open(part) as fh:
                tail = b""
                while chunk := fh.read(1 << 20):
                    buf = tail + chunk
                    # a formula element is named f (<f>, <x:f …>): where no "f" byte is, there is none
                    # (memchr instead of the pattern at each of a large sheet's millions of "<")
                    if b"f" in buf and (m := _FORMULA.search(buf)):
                        refs = _CELL_REF.findall(buf[: m.start()])
                        return refs[-1].decode() if refs else "?"
                    tail = buf[-4096:]
        return None
    if kind == "ods":
        with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
            tail = b""
            while chunk := fh.read(1 << 20):
                buf = tail + chunk
                if b"table:formula=" in buf:
                    return "?"
                tail = buf[-64:]
    return None


def _read_csv(path: Path) -> Iterator[list[Any]]:
    encoding = detect_csv_encoding(path)
    if encoding is None:
        raise _csv_encoding_error()
    with open(path, encoding=encoding, newline="") as fh:
        sample = fh.read(65536)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
        fh.seek(0)
        # NUL is not allowed by the csv module: it is replaced by a C0 control that the cleaning
        # of the cells removes and reports like any other
        lines = (line.replace("\x00", "\x01") if "\x00" in line else line for line in fh)
        for row in csv.reader(lines, dialect):
            yield list(row)


def check_sheet_sizes(path: Path) -> None:
    """Refuse an oversize sheet from the zip directory (declared size of each sheet part) and the
    `<dimension ref="A1:L100001">` at the start of its XML, before anything is parsed."""
    limit_rows = max_sheet_rows()
    max_xml = int(getattr(settings, "JIANFU_MAX_SHEET_XML_BYTES", MAX_SHEET_XML_BYTES))
    with zipfile.ZipFile(path) as zf:
        sheets = {part: name for name, part in _xlsx_sheet_paths(zf).items() if part}
        for info in zf.infolist():
            if info.filename not in sheets:
                continue
            name = sheets[info.filename]
            if info.file_size > max_xml:
                raise SheetError(
                    _(
                        "工作表“%(sheet)s”解压后有%(size)s，超过上限%(limit)s。请删去无关的行列，或按月份拆成几个文件后再导入。"
                    )
                    % {"sheet": name, "size": _mb(info.file_size), "limit": _mb(max_xml)}
                )
            with zf.open(info) as fh:
                head = fh.read(4096)
            m = _DIMENSION.search(head)
            if m is None:
                continue
            rows, width = int(m[2]), _column_number(m[1].decode())
            if rows > limit_rows:
                raise SheetError(
                    _(
                        "工作表“%(sheet)s”有%(rows)d行，超过上限%(limit)d行。请删除数据下方的空白行，或拆成几个文件后再导入。"
                    )
                    % {"sheet": name, "rows": rows, "limit": limit_rows}
                )
            if width > MAX_COLUMNS:
                raise SheetError(_too_wide(width))


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def damaged_file_error(exc: BaseException, file_name: str = "") -> SheetError:
    """The worker's message for a file whose content breaks off or contradicts itself."""
    logger.info("damaged spreadsheet %s: %r", file_name, exc)
    text = str(exc).lower()
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError) or any(
        w in text for w in ("zip", "deflate", "declared", "crc", "eof", "i/o error")
    ):
        what = _("文件已损坏：压缩包结构不完整，或其中记录的大小与实际内容不符（常见于下载或拷贝中断）。")
    elif isinstance(exc, ExpatError) or any(w in text for w in ("xml", "tag", "ill-formed", "syntax")):
        what = _("文件已损坏：工作表的内部内容（XML）格式错误或不完整。")
    else:
        what = _("文件已损坏或格式不受支持，无法读取。")
    return SheetError(
        what + _("请用 Excel 或 WPS 打开原文件，确认内容完整后重新保存（另存为 .xlsx），再导入。")
    )


def _pick_sheet(names: list[str], sheet: str | None, load: Any) -> tuple[str, Any]:
    if sheet:
        if sheet not in names:
            raise SheetError(
                _("文件中没有名为“%(sheet)s”的工作表。现有工作表：%(names)s。")
                % {"sheet": sheet, "names": "、".join(names)}
            )
        return sheet, load(sheet)
    for name in names:
        obj = load(name)
        if obj.height and obj.width and any(any(c not in ("", None) for c in r) for r in obj.iter_rows()):
            return name, obj
    raise SheetError(_("文件中所有工作表都是空的，没有可导入的数据。"))


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _unique_headers(columns: list[ColumnHeader]) -> list[ColumnHeader]:
    """Two-level headers repeat lower labels (本人/姓名, 监护人/姓名): prefix the group. Then refuse duplicates."""
    counts: dict[str, int] = {}
    for c in columns:
        counts[normalize_header(c.text)] = counts.get(normalize_header(c.text), 0) + 1
    named = [
        ColumnHeader(
            c.index,
            f"{c.group}{c.text}" if c.group and counts[normalize_header(c.text)] > 1 else c.text,
            c.group,
        )
        for c in columns
    ]
    seen: dict[str, ColumnHeader] = {}
    for c in named:
        key = normalize_header(c.text)
        if key in seen:
            first = seen[key]
            raise SheetError(
                _(
                    "表头重复：第%(a)s列和第%(b)s列都叫“%(header)s”，无法确定各是什么。请把其中一列改名（例如“本人电话”和“监护人电话”）后再导入。"
                )
                % {"a": _column_letter(first.index), "b": _column_letter(c.index), "header": c.text}
            )
        seen[key] = c
    return named


def _damage_types() -> tuple[type[BaseException], ...]:
    import python_calamine

    return (
        python_calamine.CalamineError,
        python_calamine.ZipError,
        python_calamine.XmlError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        KeyError,  # a part named in the workbook's relations is missing from the zip
        UnicodeDecodeError,
        ExpatError,  # a SpreadsheetML file cut off or not well-formed
    )


def _open_workbook(path: Path, kind: str, sheet: str | None) -> tuple[str, list[str], Iterator[list[Any]]]:
    import python_calamine

    if kind == "xlsx":
        check_sheet_sizes(path)
    # the command line may have started parsing this very file while the process started
    parsed: dict[str, Any] = {}
    if (prefetched := prefetch.take(path)) is not None:
        workbook, parsed = prefetched
    else:
        try:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        except python_calamine.PasswordError as exc:
            raise SheetError(_("文件设置了打开密码，无法读取。请取消密码后另存再导入。")) from exc
    names = list(workbook.sheet_names)

    def load(name: str) -> Any:
        return parsed.pop(name) if name in parsed else workbook.get_sheet_by_name(name)

    sheet_name, sheet_obj = _pick_sheet(names, sheet, load)
    if sheet_obj.width > MAX_COLUMNS:
        raise SheetError(_too_wide(sheet_obj.width))
    if ref := find_formula_cell(path, kind, sheet_name):
        where = _("单元格%(ref)s") % {"ref": ref} if ref != "?" else ""
        raise SheetError(
            _(
                "工作表“%(sheet)s”%(where)s含有公式。导入只接收数值：请全选 → 复制 → “选择性粘贴 → 数值”，保存后再导入。"
            )
            % {"sheet": sheet_name, "where": where}
        )
    return sheet_name, names, iter(sheet_obj.iter_rows())


def _open_rows(path: Path, kind: str, sheet: str | None) -> tuple[str, list[str], Iterator[list[Any]]]:
    """(sheet name, sheet names, rows) of the file; rows are read lazily."""
    if kind == "csv":
        return "", [], _read_csv(path)
    if kind == "html":
        rows = read_html_table(path)
        if rows is None:
            raise _csv_encoding_error()
        return "", [], iter(rows)
    if kind == "spreadsheetml":
        try:
            return read_spreadsheetml(path, sheet, max_rows=max_sheet_rows(), max_columns=MAX_COLUMNS)
        except SpreadsheetMLError as exc:
            raise SheetError(str(exc)) from exc
    return _open_workbook(path, kind, sheet)


def _clean_controls(row: list[Any]) -> tuple[list[Any], list[int]]:
    """The row with control characters removed from its text cells, and the columns that had some."""
    hit: list[int] = []
    # one search over the row's text first: almost every row has none (100,000 rows of a large import)
    if not _CONTROL.search("".join([v for v in row if isinstance(v, str)])):
        return row, hit
    for i, value in enumerate(row):
        if isinstance(value, str) and _CONTROL.search(value):
            row[i] = _CONTROL.sub("", value)
            hit.append(i)
    return row, hit


def read_ledger(
    path: str | os.PathLike[str],
    *,
    file_name: str = "",
    sheet: str | None = None,
    vocabulary: dict[str, str] | None = None,
) -> LedgerTable:
    """Check and read a ledger file. Raises SheetError (clear message) on anything it cannot accept."""
    if vocabulary is None:
        from jianfu.registry.selectors import header_vocabulary

        vocabulary = header_vocabulary()
    path = Path(path)
    check_size(path.stat().st_size)
    kind = sniff_kind(path, file_name)
    try:
        if kind in ("xlsx", "ods"):
            check_zip(path)
        return _read_table(path, kind, sheet, vocabulary)
    except SheetError:
        raise
    except _damage_types() as exc:
        raise damaged_file_error(exc, file_name or path.name) from exc


def _read_table(path: Path, kind: str, sheet: str | None, vocabulary: dict[str, str]) -> LedgerTable:
    sheet_name, names, rows_iter = _open_rows(path, kind, sheet)
    top: list[list[Any]] = []
    for row in rows_iter:
        top.append(list(row))
        if len(top) >= 25:
            break
    layout = detect_header([_clean_controls(list(r))[0] for r in top], vocabulary)
    if layout is None:
        raise SheetError(
            _(
                "在前25行中没有找到表头（如“姓名”“身份证号”所在的一行）。请确认选择了正确的工作表，表头在数据上方。"
            )
        )
    columns = _unique_headers(layout.columns)
    indexes = [c.index for c in columns]
    header_of = {c.index: c.text for c in columns}
    table = LedgerTable(
        kind=kind,
        sheet=sheet_name,
        sheet_names=names,
        header_rows=[r + 1 for r in layout.header_rows],
        columns=columns,
        rows=[],
        skipped_example_rows=[r + 1 for r in layout.example_rows],
    )

    def _all() -> Iterator[tuple[int, list[Any]]]:
        yield from enumerate(top)
        for i, row in enumerate(rows_iter, start=len(top)):
            yield i, list(row)

    start = layout.data_start
    for i, row in _all():
        if i < start:
            continue
        if len(row) > MAX_COLUMNS:  # CSV and HTML rows are only seen here
            raise SheetError(_too_wide(len(row)))
        row, controls = _clean_controls(row)
        width = len(row)
        # blank cells as None (a cell of spaces is blank), once per cell
        cells = [row[c] if c < width else None for c in indexes]
        cells = [None if v is None or (isinstance(v, str) and not v.strip()) else v for v in cells]
        if all(v is None for v in cells):
            continue
        first = next((v for v in row if not _blank(v)), None)
        if isinstance(first, str) and is_footer_row(row):  # footers and examples start with text
            table.footer_row = i + 1
            break
        if i <= start + 2 and isinstance(first, str) and is_example_row(row):
            table.skipped_example_rows.append(i + 1)
            continue
        if hit := [c for c in controls if c in header_of]:
            table.cell_warnings[i + 1] = [_control_message(i + 1, header_of[c], c) for c in hit]
        table.rows.append((i + 1, cells))
    return table


def _control_message(row: int, header: str, column: int) -> str:
    return _(
        "第%(row)d行“%(header)s”列（%(letter)s列）含有不可见的控制字符（如 NUL、零宽字符），已删除后导入。"
    ) % {"row": row, "header": header, "letter": _column_letter(column)}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _too_wide(width: int) -> str:
    return _(
        "工作表有%(width)d列，超过上限%(max)d列，多半是整行被填了格式或内容。请删除数据右侧的空白列（选中多余列 → 删除）后另存再导入。"
    ) % {"width": width, "max": MAX_COLUMNS}


def describe_columns(columns: Sequence[ColumnHeader]) -> list[dict[str, Any]]:
    return [
        {"index": c.index, "letter": _column_letter(c.index), "header": c.text, "group": c.group}
        for c in columns
    ]


column_letter = _column_letter
