"""Hours are shown with one decimal everywhere (pages, exports, API): estimates are not more precise
than that, and "11.3300000000000" helps nobody."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

ONE = Decimal("0.1")


def one_decimal(value: Any) -> Decimal:
    """`Decimal('11.33')` → `Decimal('11.3')`; None and junk → 0.0."""
    try:
        return Decimal(str(value if value is not None else 0)).quantize(ONE, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return Decimal("0.0")


def hours_float(value: Any) -> float:
    """For JSON and charts."""
    return float(one_decimal(value))
