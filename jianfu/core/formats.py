"""Format rules of docs/style-zh.md that Python code and templates share."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

ONE = Decimal("0.1")

# Template punctuation tags: name → (Chinese, English). HTML collapses the English spaces.
PUNCTUATION: dict[str, tuple[str, str]] = {
    "colon": ("：", ": "),
    "comma": ("，", ", "),
    "list_comma": ("、", ", "),
    "semicolon": ("；", "; "),
    "full_stop": ("。", ". "),
    "lparen": ("（", " ("),
    "rparen": ("）", ")"),
}

# A match score is shown as a level, never as the number (docs/style-zh.md). Each matcher has its own
# scale: name → (high from, medium from). "catalog": the catalog matcher's 0–1 score, whose medium
# bound is its confidence THRESHOLD (jianfu.catalog.matching, a test keeps them equal); "header": a
# ledger column header's 0–100 similarity, medium from the mapper's 75; "duplicate": below.
LEVELS: dict[str, tuple[float, float]] = {
    "catalog": (0.7, 0.45),
    "header": (90.0, 75.0),
    # casework duplicates: 0–100 text similarity (+10 for the same category); shown from its threshold (60).
    "duplicate": (85.0, 70.0),
}


def is_chinese(language: str | None) -> bool:
    return (language or "zh-hans").lower().startswith("zh")


def one_decimal(value: Any) -> Decimal:
    """`Decimal('11.33')` → `Decimal('11.3')`; None and junk → 0.0."""
    try:
        return Decimal(str(value if value is not None else 0)).quantize(ONE, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return Decimal("0.0")


def plain_decimal(value: Any) -> str:
    """A decimal without trailing zeros and never in exponent form: 12.00 → "12", 0.50 → "0.5", 1E+1 → "10";
    junk is returned as written."""
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{number:f}"


def whole_minutes(value: Any) -> int:
    """Minutes are shown as whole numbers (docs/style-zh.md): `Decimal('12.50')` → 13; None and junk → 0.
    The stored value keeps its decimals (the estimates add up from it)."""
    try:
        return int(
            Decimal(str(value if value is not None else 0)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        )
    except (InvalidOperation, ValueError):
        return 0


def level_of(score: Any, scale: str = "catalog") -> str | None:
    """ "high", "medium" or "low" on the named scale (LEVELS); None when there is no score."""
    try:
        value = float(score)
    except (TypeError, ValueError):
        return None
    if value != value:  # NaN
        return None
    high, medium = LEVELS[scale]
    if value >= high:
        return "high"
    if value >= medium:
        return "medium"
    return "low"


def chinese_date(day: Any) -> str:
    """`date(2026, 1, 5)` → "2026年1月5日" (prose and documents: no leading zeros); None → ""."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"
