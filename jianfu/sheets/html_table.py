"""HTML tables saved as `.xls`: what many government systems export ("导出 Excel").

Such a file is a web page (`<html>`/`<table>`, often with Excel's `mso-*` styles, `x:str` cell
attributes and a GBK/GB2312 `<meta charset>`) that Excel and WPS open as a sheet. It is read
here with the standard library's `html.parser` into a plain grid, the way Excel lays it out:
`colspan`/`rowspan` fill the cells they cover (the value in the first, like a merged cell),
`<br>` is a line break, cells of nested tables belong to the innermost table, and rows hidden
with `display:none` are kept (Excel keeps them too: hiding is not deleting). The table with the
most cells is the sheet.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
}


def looks_like_html(head: bytes) -> bool:
    """The first bytes of the file are the start of a web page holding a table (after an optional BOM)."""
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    head = head.lstrip().lower()
    return head.startswith(b"<") and (b"<table" in head or b"<html" in head[:4096])


def declared_charset(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    m = _META_CHARSET.search(data[:16384])
    if not m:
        return None
    name = m[1].decode("ascii", "replace").lower()
    name = ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> str | None:
    """The page's text: its declared charset, else UTF-8, else GB18030; None if none decodes it."""
    tried = []
    declared = declared_charset(data)
    if declared:
        tried.append(declared)
    tried += ["utf-8-sig", "gb18030"]
    for encoding in tried:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int((value or "1").strip()), 1000))
    except ValueError:
        return 1


class _Table:
    def __init__(self) -> None:
        self.grid: dict[tuple[int, int], str] = {}
        self.row = -1
        self.col = 0
        self.height = 0
        self.width = 0

    def new_row(self) -> None:
        self.row += 1
        self.col = 0

    def add_cell(self, text: str, colspan: int, rowspan: int) -> None:
        if self.row < 0:
            self.new_row()
        while (self.row, self.col) in self.grid:
            self.col += 1
        for dr in range(rowspan):
            for dc in range(colspan):
                self.grid[(self.row + dr, self.col + dc)] = text if (dr, dc) == (0, 0) else ""
        self.col += colspan
        self.height = max(self.height, self.row + rowspan)
        self.width = max(self.width, self.col)

    def rows(self) -> list[list[str | None]]:
        out: list[list[str | None]] = []
        for r in range(self.height):
            out.append([self.grid.get((r, c)) or None for c in range(self.width)])
        return out


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.stack: list[_Table] = []
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)
        self.skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self._end_cell()
            table = _Table()
            self.tables.append(table)
            self.stack.append(table)
        elif not self.stack:
            return
        elif tag == "tr":
            self._end_cell()
            self.stack[-1].new_row()
        elif tag in ("td", "th"):
            self._end_cell()
            self.cell = []
            self.cell_span = (_span(a.get("colspan")), _span(a.get("rowspan")))
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th", "tr"):
            self._end_cell()
        elif tag == "table" and self.stack:
            self._end_cell()
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.skip:
            self.cell.append(data)

    def _end_cell(self) -> None:
        if self.cell is None or not self.stack:
            self.cell = None
            return
        parts = "".join(self.cell).split("\n")
        text = "\n".join(p for p in (_SPACES.sub(" ", p).strip() for p in parts) if p)
        table = self.stack[-1]
        table.add_cell(text, *self.cell_span)
        self.cell = None


def read_html_table(path: Path) -> list[list[str | None]] | None:
    """The rows of the largest table in the page; None if the page cannot be decoded."""
    text = decode_html(path.read_bytes())
    if text is None:
        return None
    parser = _Parser()
    parser.feed(text)
    parser.close()
    parser._end_cell()
    if not parser.tables:
        return []
    return max(parser.tables, key=lambda t: t.height * t.width).rows()
