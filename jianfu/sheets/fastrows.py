"""Many plain data rows into an xlsx that xlsxwriter laid out (header, widths, styles, panes).

xlsxwriter spends most of a 25,000-row × 9-column list in its per-cell machinery (type dispatch,
three regular expressions per string, an XML writer call per tag): ≈ 1.5 s CPU, ≈ 85 % of the
problem-list export. Here xlsxwriter writes only the layout (header row, column widths and
formats, frozen panes); `splice_rows` then copies that workbook into the final zip and streams the
data rows into the sheet's `<sheetData>` as XML text built with one `str.translate` per cell
(`&`, `<`, `>` escaped, XML-illegal control characters dropped). Rows are written as they come, so
memory does not grow with the list.

Cells are inline strings (as xlsxwriter writes them in constant-memory mode) or numbers; a style
id is one of the workbook's own formats (`Format.xf_index` after `Workbook.close()`, e.g. the
text/quote-prefix format of `jianfu.sheets.safe.XlsxTextWriter`).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

# & < > escaped; C0 controls other than tab/LF/CR and the two non-characters dropped (not legal XML).
_ESCAPE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        **{chr(c): None for c in range(32) if c not in (9, 10, 13)},
        "\ufffe": None,
        "\uffff": None,
    }
)
MAX_CELL = 32_767  # Excel's limit on the characters of one cell
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text_cell(ref: str, value: str, style: int = 0) -> str:
    """An inline-string cell; "" for an empty value (no cell: the column's format still applies)."""
    if not value:
        return ""
    text = value[:MAX_CELL].translate(_ESCAPE)
    if not text:
        return ""
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def number_cell(ref: str, value: int | float) -> str:
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def splice_rows(layout: Path, out: Path, rows: Iterable[str], *, sheet: int = 1, last_ref: str) -> None:
    """Copy the workbook `layout` (saved by xlsxwriter) to `out`, appending the `<row>` elements of
    `rows` (XML text, in row order, after the layout's own rows) to sheet number `sheet`, whose
    dimension becomes A1:`last_ref`."""
    splice_sheets(layout, out, {sheet: (rows, last_ref)})


def splice_sheets(layout: Path, out: Path, sheets: dict[int, tuple[Iterable[str], str]]) -> None:
    """`splice_rows` for several sheets in one copy: {sheet number: (rows, last_ref)}."""
    names = {f"xl/worksheets/sheet{n}.xml": spec for n, spec in sheets.items()}
    with (
        zipfile.ZipFile(layout) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zout,
    ):
        for info in zin.infolist():
            if info.filename not in names:
                with zin.open(info) as src, zout.open(info.filename, "w") as dst:
                    shutil.copyfileobj(src, dst)
                continue
            rows, last_ref = names[info.filename]
            xml = zin.read(info).decode("utf-8")
            xml = _DIMENSION.sub(f'<dimension ref="A1:{last_ref}"/>', xml, count=1)
            if "<sheetData/>" in xml:
                xml = xml.replace("<sheetData/>", "<sheetData></sheetData>", 1)
            head, tail = xml.split("</sheetData>", 1)
            with zout.open(info.filename, "w") as dst:
                dst.write(head.encode("utf-8"))
                batch: list[str] = []
                for row in rows:
                    batch.append(row)
                    if len(batch) >= 1000:
                        dst.write("".join(batch).encode("utf-8"))
                        batch = []
                dst.write(("".join(batch) + "</sheetData>" + tail).encode("utf-8"))
