"""Writing residents into a template under its header, keeping the template's look.

- The example row (例：张三 …) is *replaced*: residents start on the row right under the header.
  Its formatting is the model for every data row unless a formatted blank row follows it.
- Title rows, the header, merged title cells, column widths, freeze panes stay untouched.
- 填表人/审核人 footer rows below the data area are moved under the last resident; a blank
  “填表人：” gets the worker's name and a blank “填表日期：” today's date.
- ID numbers, phones and codes are text cells; dates are dates in the column's number format
  (ISO text if the column is formatted as text); text that starts with = + - @ is neutralised.
"""

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jianfu.fills.template import Analysis, footer_start
from jianfu.sheets.safe import TEXT_ATTRIBUTES, is_dangerous, openpyxl_write

EXCEL_EPOCH = dt.date(1899, 12, 30)
_FOOTER_NAME = re.compile(r"^\s*(填表人|填报人|制表人)\s*[:：][\s_＿]*$")
_FOOTER_DATE = re.compile(r"^\s*(填表日期|填报日期|制表日期)\s*[:：][\s_＿年月日]*$")


@dataclass
class PersonRow:
    """What the writer needs of one resident (built from one `.values()` row)."""

    name: str
    id_number: str | None
    gender: str
    birth_date: dt.date | None
    phone: str
    values: dict[str, Any]
    grid: str = ""
    tags: frozenset[str] = frozenset()


@dataclass
class FillResult:
    rows_written: int = 0
    blanks: dict[str, int] = field(default_factory=dict)  # attribute code → empty cells


def age_on(birth: dt.date | None, today: dt.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _as_number(value: Any) -> Any:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return int(number) if number.is_integer() else number


def value_getter(code: str, attr_type: str, today: dt.date) -> Callable[[PersonRow], Any]:
    """A function person → cell value for an attribute column."""
    if code in ("name", "gender", "phone"):
        return lambda p: getattr(p, code) or p.values.get(code)
    if code == "id_number":
        return lambda p: p.id_number or p.values.get(code)
    if code == "birth_date":
        return lambda p: p.birth_date or _as_date(p.values.get(code))
    if code == "age":
        return lambda p: age_on(p.birth_date, today)
    if code == "grid":
        return lambda p: p.grid or p.values.get("grid")
    if code == "dwelling":

        def dwelling(p: PersonRow) -> str | None:
            v = p.values
            parts = [
                f"{v['building']}栋" if v.get("building") else "",
                f"{v['unit']}单元" if v.get("unit") else "",
                str(v.get("room") or ""),
            ]
            return "".join(parts) or None

        return dwelling
    if attr_type == "tag":
        return lambda p: p.values.get(code) or ("是" if code in p.tags else None)
    if attr_type == "date":
        return lambda p: _as_date(p.values.get(code)) or p.values.get(code)
    if attr_type == "number":
        return lambda p: _as_number(p.values.get(code))
    return lambda p: p.values.get(code)


def _row_has_style(ws: Worksheet, row: int, width: int) -> bool:
    return any((cell := ws._cells.get((row, c))) is not None and cell.has_style for c in range(1, width + 1))


def _fill_footer(value: Any, filled_by: str, today: dt.date) -> Any:
    if not isinstance(value, str):
        return value
    if _FOOTER_NAME.match(value) and filled_by:
        return value.rstrip(" _＿") + filled_by
    if _FOOTER_DATE.match(value):
        label = re.split(r"[:：]", value, maxsplit=1)[0]
        return f"{label}：{today.year}年{today.month}月{today.day}日"
    return value


class _CellXml:
    """Turns values into `<c>` elements whose style ids come from the template's own cell styles.

    Cells are produced as XML text (not openpyxl Cell objects): 10,000 × 15 cells in well under a
    second instead of ~15 s through openpyxl's pure-Python XML writer. Each style variant is made
    once by `jianfu.sheets.safe.openpyxl_write` on a prototype cell, so the neutralisation and
    text-cell rules stay in one place.
    """

    SAMPLES: dict[str, tuple[Any, bool]] = {
        "text": ("1", True),
        "quoted": ("=1", False),
        "string": ("a", False),
        "number": (1, False),
        "date": (dt.date(2000, 1, 1), False),
    }

    def __init__(self, ws: Worksheet, styles: dict[int, StyleArray]) -> None:
        self.ws = ws
        self.styles = styles
        self.ids: dict[tuple[int, str], int] = {}
        self.letters = {c: get_column_letter(c) for c in styles}

    def style(self, col: int, kind: str) -> int:
        key = (col, kind)
        if key not in self.ids:
            proto = Cell(self.ws, row=1, column=col, style_array=copy(self.styles[col]))
            if kind != "blank":
                sample, as_text = self.SAMPLES[kind]
                openpyxl_write(proto, sample, as_text=as_text)
            self.ids[key] = proto.style_id
        return self.ids[key]

    def number_format(self, col: int) -> str:
        proto = Cell(self.ws, row=1, column=col, style_array=copy(self.styles[col]))
        return proto.number_format

    def blank(self, row: int, col: int) -> str:
        return f'<c r="{self.letters[col]}{row}" s="{self.style(col, "blank")}"/>'

    def cell(self, row: int, col: int, value: Any, as_text: bool) -> str:
        ref = f"{self.letters[col]}{row}"
        if isinstance(value, bool):
            value = "是" if value else "否"
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return f'<c r="{ref}" s="{self.style(col, "date")}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
        if isinstance(value, int | float) and not as_text:
            return f'<c r="{ref}" s="{self.style(col, "number")}"><v>{value!r}</v></c>'
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:32767]
        kind = "text" if as_text else ("quoted" if is_dangerous(text) else "string")
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{ref}" s="{self.style(col, kind)}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


@dataclass
class SheetRows:
    """Data rows as XML, to be spliced into the saved workbook by `splice_rows`."""

    sheet_index: int
    first_row: int
    last_row: int
    last_col: int
    xml: list[str] = field(default_factory=list)


def fill_sheet(
    ws: Worksheet,
    analysis: Analysis,
    people: Iterable[PersonRow],
    *,
    attribute_types: dict[str, str],
    filled_by: str,
    today: dt.date,
    progress: Callable[[int], None] | None = None,
) -> tuple[FillResult, SheetRows]:
    """Prepare `ws` (clear the data area, move the footer) and the rows of `people` (already ordered)."""
    width = max([ws.max_column or 1, *[c.index + 1 for c in analysis.columns]])
    start = analysis.data_start
    after_examples = max([analysis.header_row, *analysis.example_rows]) + 1
    model_row = after_examples if _row_has_style(ws, after_examples, width) else start
    styles = {
        c: copy(cell._style) if (cell := ws._cells.get((model_row, c))) is not None else StyleArray()
        for c in range(1, width + 1)
    }
    height = ws.row_dimensions[model_row].height if model_row in ws.row_dimensions else None

    # Keep the footer (填表人 …) to put back under the data; clear everything from `start` down.
    footer_row = footer_start(ws, after_examples)
    footer: list[tuple[int, int, Any, Any]] = []
    footer_merges = []
    if footer_row:
        footer = [
            (r - footer_row, c, cell.value, copy(cell._style))
            for (r, c), cell in ws._cells.items()
            if r >= footer_row
        ]
        footer_merges = [m for m in ws.merged_cells.ranges if m.min_row >= footer_row]
    for merged in [m for m in ws.merged_cells.ranges if m.max_row >= start]:
        ws.merged_cells.remove(merged)
    for key in [k for k in ws._cells if k[0] >= start]:
        del ws._cells[key]
    for r in [r for r in ws.row_dimensions if r >= start]:
        del ws.row_dimensions[r]

    cells = _CellXml(ws, styles)
    plan: list[tuple[int, Callable[[PersonRow], Any] | None, bool, str | None, str | None]] = []
    for column in analysis.columns:
        getter = None
        if column.attribute:
            getter = value_getter(column.attribute, attribute_types.get(column.attribute, "text"), today)
        plan.append(
            (column.index + 1, getter, column.attribute in TEXT_ATTRIBUTES, column.meta, column.attribute)
        )
    text_dates = {col for col, *_rest in plan if cells.number_format(col) == "@"}
    headed = {p[0] for p in plan}
    order = sorted(
        [*plan, *[(c, None, False, "blank", None) for c in range(1, width + 1) if c not in headed]],
        key=lambda p: p[0],
    )
    row_open = f' ht="{height}" customHeight="1">' if height else ">"

    result = FillResult()
    rows = SheetRows(
        sheet_index=ws.parent.worksheets.index(ws), first_row=start, last_row=start - 1, last_col=width
    )
    blanks = result.blanks
    n = 0
    for n, person in enumerate(people, start=1):
        row = start + n - 1
        parts = [f'<row r="{row}"{row_open}']
        for col, getter, as_text, meta, code in order:
            if meta == "seq":
                value: Any = n
            elif meta == "filled_by":
                value = filled_by
            elif meta == "fill_date":
                value = today
            elif getter is None:
                parts.append(cells.blank(row, col))
                continue
            else:
                value = getter(person)
                if (value is None or value == "") and code:
                    blanks[code] = blanks.get(code, 0) + 1
                    parts.append(cells.blank(row, col))
                    continue
            if value is None or value == "":
                parts.append(cells.blank(row, col))
                continue
            if col in text_dates and isinstance(value, dt.date):
                value = value.isoformat()
            parts.append(cells.cell(row, col, value, as_text))
        parts.append("</row>")
        rows.xml.append("".join(parts))
        if progress is not None and n % 1000 == 0:
            progress(n)
    rows.last_row = start + n - 1
    result.rows_written = n

    if footer_row:
        new_top = max(rows.last_row + 2, start + 1)
        for offset, c, value, style in footer:
            cell = Cell(ws, row=new_top + offset, column=c, style_array=style)
            ws._cells[(new_top + offset, c)] = cell
            value = _fill_footer(value, filled_by, today)
            if isinstance(value, str):
                openpyxl_write(cell, value)
            elif value is not None:
                cell.value = value
        shift = new_top - footer_row
        for merged in footer_merges:
            merged.shift(0, shift)
            ws.merged_cells.add(merged)
    return result, rows


_ROW_START = re.compile(r'<row r="(\d+)"')
_DIMENSION = re.compile(r'<dimension ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"\s*/>')


def splice_rows(xlsx: bytes, rows: SheetRows) -> bytes:
    """Insert the prepared data rows into the saved workbook's sheet XML, in row order."""
    path = f"xl/worksheets/sheet{rows.sheet_index + 1}.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == path and rows.xml:
                data = _splice_xml(data.decode("utf-8"), rows).encode("utf-8")
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=3)
    return out.getvalue()


def _splice_xml(xml: str, rows: SheetRows) -> str:
    block = "".join(rows.xml)
    if "<sheetData/>" in xml:
        xml = xml.replace("<sheetData/>", f"<sheetData>{block}</sheetData>", 1)
    else:
        at = next((m.start() for m in _ROW_START.finditer(xml) if int(m.group(1)) >= rows.first_row), None)
        if at is None:
            at = xml.index("</sheetData>")
        xml = xml[:at] + block + xml[at:]

    def dimension(m: re.Match) -> str:
        last_row = max(int(m.group(4) or m.group(2) or 1), rows.last_row)
        last_col = max(column_index_from_string(m.group(3) or m.group(1) or "A"), rows.last_col)
        return f'<dimension ref="A1:{get_column_letter(last_col)}{last_row}"/>'

    return _DIMENSION.sub(dimension, xml, count=1)
