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
import re
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from jianfu.fills.template import Analysis, footer_start
from jianfu.sheets.safe import TEXT_ATTRIBUTES, openpyxl_write

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


def fill_sheet(
    ws: Worksheet,
    analysis: Analysis,
    people: Iterable[PersonRow],
    *,
    attribute_types: dict[str, str],
    filled_by: str,
    today: dt.date,
    progress: Callable[[int], None] | None = None,
) -> FillResult:
    """Write `people` (already ordered) under the header of `ws`."""
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

    plan: list[tuple[int, Callable[[PersonRow], Any] | None, bool, str | None, str | None]] = []
    for column in analysis.columns:
        getter = None
        if column.attribute:
            getter = value_getter(column.attribute, attribute_types.get(column.attribute, "text"), today)
        as_text = column.attribute in TEXT_ATTRIBUTES
        plan.append((column.index + 1, getter, as_text, column.meta, column.attribute))
    other_columns = {c + 1 for c in range(width)} - {p[0] for p in plan}

    result = FillResult()
    row = start - 1
    cells = ws._cells
    for n, person in enumerate(people, start=1):
        row = start + n - 1
        for c in other_columns:  # unheaded columns keep the template's borders
            cells[(row, c)] = Cell(ws, row=row, column=c, style_array=copy(styles[c]))
        for col, getter, as_text, meta, code in plan:
            cell = Cell(ws, row=row, column=col, style_array=copy(styles[col]))
            cells[(row, col)] = cell
            if meta == "seq":
                value: Any = n
            elif meta == "filled_by":
                value = filled_by
            elif meta == "fill_date":
                value = today
            elif getter is None:
                continue
            else:
                value = getter(person)
                if value is None or value == "":
                    result.blanks[code] = result.blanks.get(code, 0) + 1
                    continue
            if isinstance(value, dt.date) and cell.number_format == "@":
                value = value.isoformat()
            openpyxl_write(cell, value, as_text=as_text)
        if height is not None:
            ws.row_dimensions[row].height = height
        if progress is not None and n % 1000 == 0:
            progress(n)
    result.rows_written = row - start + 1

    if footer_row:
        new_top = max(row + 2, start + 1)
        for offset, c, value, style in footer:
            cell = Cell(ws, row=new_top + offset, column=c, style_array=style)
            cells[(new_top + offset, c)] = cell
            value = _fill_footer(value, filled_by, today)
            if value is not None:
                openpyxl_write(cell, value) if isinstance(value, str) else setattr(cell, "value", value)
        shift = new_top - footer_row
        for merged in footer_merges:
            merged.shift(0, shift)
            ws.merged_cells.add(merged)
    return result
