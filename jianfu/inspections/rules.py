"""Caps and notice period for inspections: the defaults and the district's configured values.

Defaults (documented in docs/inspections.md):
- comprehensive inspections per department per year: 1 — the 2024 rules (整治形式主义为基层减负若干规定,
  part 3): "in principle at most one comprehensive one per department per year".
- visits per department per year to the same community: 2 — one comprehensive plus one special
  check; similar ones are to be merged (same part).
- visits per community per year (after merging): 4 — jianfu's default, a quarter each; the 2019
  notice asked to cut inspections by at least half, and workers report two in three months.
- notice: 5 working days ahead; unannounced only where a law requires it.
- rebound alert: visits to a community this year to date at least 25 % (and 2 visits) above the
  same period last year.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Caps:
    per_community_per_year: int = 4
    per_department_per_year: int = 2
    comprehensive_per_department: int = 1
    notice_working_days: int = 5
    rebound_ratio: Decimal = Decimal("0.25")


DEFAULT_CAPS = Caps()
REBOUND_MIN_INCREASE = 2


CAP_FIELDS = tuple(Caps.__dataclass_fields__)  # the InspectionRules columns a Caps holds


def caps_for(district: Any) -> Caps:
    from jianfu.inspections.models import InspectionRules

    row = InspectionRules.objects.filter(district=district).first() if district is not None else None
    if row is None:
        return DEFAULT_CAPS
    return Caps(**{name: getattr(row, name) for name in CAP_FIELDS})


def caps_of(row: dict[str, Any] | None) -> Caps:
    """The caps of a district's rules read as a `values(*CAP_FIELDS)` row (the defaults for none)."""
    return DEFAULT_CAPS if row is None else Caps(**{name: row[name] for name in CAP_FIELDS})


def is_rebound(visits: int, last_year_to_date: int, caps: Caps) -> bool:
    """Visits this year to date climbed by at least two and by the district's ratio over last year's."""
    before = last_year_to_date
    if visits - before < REBOUND_MIN_INCREASE:
        return False
    return before == 0 or Decimal(visits - before) / before >= caps.rebound_ratio


def last_year_cutoff(year: int, today: Any) -> Any:
    """The last day of "the same period last year" for `year` seen on `today` (all of it for past years)."""
    import datetime as dt

    if year != today.year:
        return dt.date(year - 1, 12, 31)
    if today.month == 2 and today.day == 29:
        return dt.date(today.year - 1, 2, 28)
    return today.replace(year=today.year - 1)
