"""Finding the header of a real-world sheet: title rows above it, two-level headers, an example row.

Works on a plain grid (`rows`: lists of cell values, top rows of the sheet), so ledger import
(python-calamine) and template filling (openpyxl) share one definition of "the header".
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jianfu.registry.dictionary import FORM_META_HEADERS, match_header, normalize_header

SCAN_ROWS = 25
_EXAMPLE = re.compile(r"^(例|示例|样例|举例|填写示例|例如)[:：)）]?|[（(]示例[)）]")
_FOOTER = re.compile(
    r"^(填表人|填报人|制表人|审核人|负责人|单位负责人|填表日期|填报日期|填报单位|合计|总计|备注[:：]|说明[:：])"
)


@dataclass(frozen=True)
class ColumnHeader:
    index: int  # 0-based column
    text: str  # the header text a worker sees (lower level of a two-level header)
    group: str = ""  # the upper level of a two-level header, if any


@dataclass
class HeaderLayout:
    header_rows: list[int]  # 0-based row indexes the header spans
    columns: list[ColumnHeader]
    example_rows: list[int] = field(default_factory=list)

    @property
    def header_row(self) -> int:
        """The last header row (0-based)."""
        return self.header_rows[-1]

    @property
    def data_start(self) -> int:
        """First 0-based row after the header (and after any example rows)."""
        return max([self.header_row, *self.example_rows]) + 1


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _score(texts: Sequence[str], vocabulary: dict[str, str]) -> float:
    score = 0.0
    for text in texts:
        if not text:
            continue
        key = normalize_header(text)
        if key in FORM_META_HEADERS or match_header(text, vocabulary).code:
            score += 1.0
        elif len(key) <= 12 and not key.replace(".", "").isdigit():
            score += 0.15  # a short label that is not in the dictionary: still header-like
    return score


def _forward_fill(texts: list[str]) -> list[str]:
    filled, last = [], ""
    for text in texts:
        last = text or last
        filled.append(last)
    return filled


def _width(rows: Sequence[Sequence[Any]]) -> int:
    return max((len(r) for r in rows), default=0)


def is_example_row(row: Sequence[Any]) -> bool:
    texts = [cell_text(v) for v in row if cell_text(v)]
    return bool(texts) and any(_EXAMPLE.search(t) for t in texts[:3])


def is_footer_row(row: Sequence[Any]) -> bool:
    texts = [cell_text(v) for v in row if cell_text(v)]
    return bool(texts) and bool(_FOOTER.match(normalize_header(texts[0])))


def detect_header(rows: Sequence[Sequence[Any]], vocabulary: dict[str, str]) -> HeaderLayout | None:
    """The best header among the top rows, or None when nothing looks like a header."""
    top = [list(r) for r in rows[:SCAN_ROWS]]
    width = _width(top)
    grid = [[cell_text(r[c]) if c < len(r) else "" for c in range(width)] for r in top]
    best: tuple[float, list[int], list[ColumnHeader]] | None = None
    for i, texts in enumerate(grid):
        if sum(1 for t in texts if t) < 2:
            continue  # a title row (one merged cell) or blank
        single = _score(texts, vocabulary)
        candidate = (single, [i], [ColumnHeader(c, t) for c, t in enumerate(texts) if t])
        if i + 1 < len(grid):
            lower = grid[i + 1]
            upper = _forward_fill(texts)
            combined = [lower[c] or texts[c] for c in range(width)]
            two_level = _score(combined, vocabulary)
            if two_level > single + 0.5 and sum(1 for t in lower if t) >= 2:
                columns = [
                    ColumnHeader(c, combined[c], upper[c] if lower[c] and upper[c] != lower[c] else "")
                    for c in range(width)
                    if combined[c]
                ]
                candidate = (two_level, [i, i + 1], columns)
        if best is None or candidate[0] > best[0]:
            best = candidate
    if best is None or best[0] < 1.0:
        return None
    layout = HeaderLayout(header_rows=best[1], columns=best[2])
    nxt = layout.header_row + 1
    while nxt < len(top) and is_example_row(top[nxt]):
        layout.example_rows.append(nxt)
        nxt += 1
    return layout
