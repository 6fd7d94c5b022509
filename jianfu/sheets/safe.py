"""Writing cells so that no spreadsheet runs them and Excel/WPS never mangle numbers-as-text.

- Text that starts with = + - @ (or a tab/CR) is a formula to Excel. In xlsx we write it as a
  string cell with the `quotePrefix` style (Excel's own apostrophe: shown as typed, stays text
  when edited); in CSV we prefix an apostrophe (OWASP).
- ID numbers, phones and codes are always written as text, so 18 digits never become 4.2E+17.
"""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_ATTRIBUTES = frozenset(
    {
        "id_number",
        "phone",
        "guardian_phone",
        "dibao_number",
        "disability_number",
        "household_number",
        "room",
        "building",
        "unit",
        "grid",
    }
)


def is_dangerous(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_safe(value: Any) -> Any:
    return "'" + value if is_dangerous(value) else value


def openpyxl_write(cell: Any, value: Any, *, as_text: bool = False) -> None:
    """Set an openpyxl cell, keeping its existing style, as text where needed."""
    if value is None or value == "":
        cell.value = None
        return
    if as_text or isinstance(value, str):
        cell.value = str(value)
        cell.data_type = "s"
        if is_dangerous(value) or as_text:
            cell.quotePrefix = True
        if as_text and cell.number_format in ("General", "0"):
            cell.number_format = "@"
        return
    cell.value = value


class XlsxTextWriter:
    """Helpers for xlsxwriter worksheets: `write(ws, row, col, value, as_text=...)`."""

    def __init__(self, workbook: Any) -> None:
        self.text_format = workbook.add_format({"num_format": "@", "quote_prefix": True})

    def write(self, worksheet: Any, row: int, col: int, value: Any, *, as_text: bool = False) -> None:
        if value is None or value == "":
            worksheet.write_blank(row, col, None)
        elif as_text or is_dangerous(value):
            worksheet.write_string(row, col, str(value), self.text_format)
        elif isinstance(value, str):
            worksheet.write_string(row, col, value)
        else:
            worksheet.write(row, col, value)
