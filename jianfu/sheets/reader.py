"""Reading a department's ledger (xlsx, xls, ods, csv) safely into a header and data rows.

Every check that can refuse a file runs *before* the file is parsed, and a refusal is a
`SheetError` whose message says what is wrong and how to fix it. Nothing here writes to the
database. The header is found with `jianfu.sheets.headers.detect_header`, so the import and
template filling agree on what "the header" is.

Checks, in order: size (settings.JIANFU_MAX_UPLOAD_BYTES) → magic bytes (zip / OLE / text)
→ encryption (an OLE container holding `EncryptedPackage` is a password-protected xlsx) →
zip bomb (declared uncompressed sizes and ratios) → the chosen sheet's width (≤ MAX_COLUMNS)
→ formula cells (from the sheet XML) → header → duplicate headers.
"""

import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from jianfu.registry.dictionary import normalize_header
from jianfu.sheets.headers import ColumnHeader, detect_header, is_example_row, is_footer_row

MAX_COLUMNS = 1000
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # declared size of all zip entries together
MAX_ZIP_RATIO = 200  # uncompressed / compressed, for entries larger than 1 MB
MAX_ZIP_ENTRIES = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EXCEL_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt"}


class SheetError(ValueError):
    """A file that cannot be imported; the message is for the worker."""


@dataclass
class LedgerTable:
    """A ledger as read: its header columns and data rows with their Excel row numbers."""

    kind: str  # xlsx | xls | ods | csv
    sheet: str
    sheet_names: list[str]
    header_rows: list[int]  # 1-based Excel row numbers of the header
    columns: list[ColumnHeader]  # text is the header a worker sees (unique within the sheet)
    rows: list[tuple[int, list[Any]]]  # (Excel row number, cell values aligned with `columns`)
    footer_row: int | None = None  # 1-based row where a 填表人/审核人 footer stopped reading
    skipped_example_rows: list[int] = field(default_factory=list)

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
                "文件有 %(size)s，超过上限 %(limit)s。请删去无关的工作表、图片和空白行列，或按月份拆成几个文件后再导入。"
            )
            % {"size": _mb(size), "limit": _mb(limit)}
        )
    if size == 0:
        raise SheetError(_("文件是空的（0 字节）。请重新导出后再上传。"))


def _decode_text(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK); None if neither."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def sniff_kind(path: Path, file_name: str = "") -> str:
    """xlsx | ods | xls | csv from the magic bytes; SheetError for anything else or an encrypted file."""
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
        except zipfile.BadZipFile as exc:
            raise SheetError(
                _("文件已损坏，无法打开（压缩包结构不完整）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。")
            ) from exc
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
    if b"\x00" not in head and ext in {".csv", ".txt"} and _decode_text(head[:8000]) is not None:
        return "csv"
    if b"\x00" not in head and ext in {".csv", ".txt"}:
        raise SheetError(_("CSV 文件的编码无法识别。请用 UTF-8 或 GBK 编码另存后再导入。"))
    raise SheetError(
        _(
            "“%(name)s”不是 Excel 或 CSV 文件（文件内容与扩展名不符）。请上传 .xlsx、.xls、.ods 或 .csv 文件；如果是从系统导出的，请用 Excel/WPS 打开后另存为 .xlsx。"
        )
        % {"name": file_name or path.name}
    )


def check_zip(path: Path) -> None:
    """Refuse a zip bomb from its declared entry sizes, before anything is decompressed."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise SheetError(
            _("文件内部包含 %(n)d 个部件，远超正常表格，疑似恶意文件，已拒绝。") % {"n": len(infos)}
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise SheetError(
            _("文件解压后将有 %(size)s，疑似“压缩炸弹”，已拒绝。正常台账解压后远小于此；请检查文件来源。")
            % {"size": _mb(total)}
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise SheetError(
                _("文件中的“%(entry)s”压缩比异常（%(ratio)d 倍），疑似“压缩炸弹”，已拒绝。请检查文件来源。")
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
                    if m := _FORMULA.search(buf):
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


def _read_csv(path: Path) -> list[list[Any]]:
    data = path.read_bytes()
    text = _decode_text(data)
    if text is None:
        raise SheetError(_("CSV 文件的编码无法识别。请用 UTF-8 或 GBK 编码另存后再导入。"))
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]


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
                    "表头重复：第 %(a)s 列和第 %(b)s 列都叫“%(header)s”，无法确定各是什么。请把其中一列改名（例如“本人电话”和“监护人电话”）后再导入。"
                )
                % {"a": _column_letter(first.index), "b": _column_letter(c.index), "header": c.text}
            )
        seen[key] = c
    return named


def read_ledger(
    path: str | os.PathLike[str],
    *,
    file_name: str = "",
    sheet: str | None = None,
    vocabulary: dict[str, str] | None = None,
) -> LedgerTable:
    """Check and read a ledger file. Raises SheetError (clear message) on anything it cannot accept."""
    import python_calamine

    if vocabulary is None:
        from jianfu.registry.selectors import header_vocabulary

        vocabulary = header_vocabulary()
    path = Path(path)
    check_size(path.stat().st_size)
    kind = sniff_kind(path, file_name)
    if kind in ("xlsx", "ods"):
        check_zip(path)

    if kind == "csv":
        all_rows = _read_csv(path)
        sheet_name, names = "", []
        width = max((len(r) for r in all_rows), default=0)
        if width > MAX_COLUMNS:
            raise SheetError(_too_wide(width))
        rows_iter: Iterator[list[Any]] | list[list[Any]] = all_rows
    else:
        try:
            workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        except python_calamine.PasswordError as exc:
            raise SheetError(_("文件设置了打开密码，无法读取。请取消密码后另存再导入。")) from exc
        except (
            python_calamine.CalamineError,
            python_calamine.ZipError,
            python_calamine.XmlError,
            OSError,
        ) as exc:
            raise SheetError(
                _(
                    "文件已损坏或格式不受支持，无法读取（%(detail)s）。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。"
                )
                % {"detail": str(exc)[:120]}
            ) from exc
        names = list(workbook.sheet_names)
        sheet_name, sheet_obj = _pick_sheet(names, sheet, workbook.get_sheet_by_name)
        if sheet_obj.width > MAX_COLUMNS:
            raise SheetError(_too_wide(sheet_obj.width))
        if ref := find_formula_cell(path, kind, sheet_name):
            where = _("单元格 %(ref)s") % {"ref": ref} if ref != "?" else ""
            raise SheetError(
                _(
                    "工作表“%(sheet)s”%(where)s含有公式。导入只接收数值：请全选 → 复制 → “选择性粘贴 → 数值”，保存后再导入。"
                )
                % {"sheet": sheet_name, "where": where}
            )
        try:
            rows_iter = sheet_obj.iter_rows()
        except python_calamine.CalamineError as exc:
            raise SheetError(_("工作表无法读取（%(detail)s）。") % {"detail": str(exc)[:120]}) from exc

    rows_iter = iter(rows_iter)
    top: list[list[Any]] = []
    for row in rows_iter:
        top.append(list(row))
        if len(top) >= 25:
            break
    layout = detect_header(top, vocabulary)
    if layout is None:
        raise SheetError(
            _(
                "在前 25 行中没有找到表头（如“姓名”“身份证号”所在的一行）。请确认选择了正确的工作表，表头在数据上方。"
            )
        )
    columns = _unique_headers(layout.columns)
    indexes = [c.index for c in columns]
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
        for i, row in enumerate(top):
            yield i, row
        for i, row in enumerate(rows_iter, start=len(top)):
            yield i, list(row)

    start = layout.data_start
    for i, row in _all():
        if i < start:
            continue
        cells = [row[c] if c < len(row) else None for c in indexes]
        if all(_blank(v) for v in cells):
            continue
        first = next((v for v in row if not _blank(v)), None)
        if isinstance(first, str) and is_footer_row(row):  # footers and examples start with text
            table.footer_row = i + 1
            break
        if i <= start + 2 and isinstance(first, str) and is_example_row(row):
            table.skipped_example_rows.append(i + 1)
            continue
        table.rows.append((i + 1, [None if _blank(v) else v for v in cells]))
    return table


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _too_wide(width: int) -> str:
    return _(
        "工作表有 %(width)d 列，超过上限 %(max)d 列，多半是整行被填了格式或内容。请删除数据右侧的空白列（选中多余列 → 删除）后另存再导入。"
    ) % {"width": width, "max": MAX_COLUMNS}


def describe_columns(columns: Sequence[ColumnHeader]) -> list[dict[str, Any]]:
    return [
        {"index": c.index, "letter": _column_letter(c.index), "header": c.text, "group": c.group}
        for c in columns
    ]


column_letter = _column_letter
