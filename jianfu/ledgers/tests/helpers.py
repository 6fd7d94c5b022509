"""Small ledger files for tests."""

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter


def write_xlsx(
    path: Path,
    rows: list[list[Any]],
    *,
    title: str | None = None,
    sheet: str = "Sheet1",
    formula: bool = False,
) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    r = 0
    if title:
        width = max(len(x) for x in rows)
        ws.merge_range(0, 0, 0, max(width - 1, 1), title)
        r = 1
    for row in rows:
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_fmt)
            elif value is None:
                continue
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write(r, c, value)
        r += 1
    if formula:
        ws.write_formula(r, 0, "=1+1")
    wb.close()
    return path


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path
