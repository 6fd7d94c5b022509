"""Chinese working days: public holidays and adjusted working days (调休) are data.

A date's year is either *known* (a CalendarYear row, entered from the State Council's notice or
seeded from chinese-calendar) or *fallback*: nobody has entered it, so Monday–Friday count as
working days and `deadline_warning` returns a sentence the UI shows next to the deadline.

Conventions used by every function:
- `add_working_days(start, n)` counts `n` working days after `start` (start itself not
  counted); `n = 0` returns `start`; a negative `n` counts backwards.
- `working_days_between(a, b)` is the number of working days `d` with `a < d <= b`; when
  `b < a` it is minus the number with `b <= d < a`. So `working_days_between(a,
  add_working_days(a, n)) == n` for every n.

The calendar of each year is cached in memory; services invalidate it on write, and entries
expire after CACHE_SECONDS so another process's write is seen soon.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jianfu.workdays.choices import CalendarStatus, DayKind

CACHE_SECONDS = 300
MAX_SPAN_DAYS = 366 * 20  # guard against runaway loops on absurd input


@dataclass(frozen=True)
class YearCalendar:
    year: int
    known: bool
    days: dict[dt.date, tuple[str, str]]  # date → (kind, name)
    loaded_at: float


_CACHE: dict[int, YearCalendar] = {}
_LOCK = threading.Lock()


def invalidate(year: int | None = None) -> None:
    """Forget the cached calendar of a year (all years when None)."""
    with _LOCK:
        if year is None:
            _CACHE.clear()
        else:
            _CACHE.pop(year, None)


def year_calendar(year: int) -> YearCalendar:
    now = time.monotonic()
    held = _CACHE.get(year)
    if held is not None and now - held.loaded_at < CACHE_SECONDS:
        return held
    from jianfu.workdays.models import CalendarDay, CalendarYear

    known = CalendarYear.objects.filter(year=year).exists()
    days = {
        d: (kind, name)
        for d, kind, name in CalendarDay.objects.filter(date__year=year).values_list("date", "kind", "name")
    }
    if not known and year in _package_years():
        # The seeding migration's rows are gone (e.g. a flushed test database): the
        # chinese-calendar package still knows this year, so use it rather than Monday–Friday.
        known = True
        days = {d: (k, n) for d, k, n in _package_days(year)}
    cal = YearCalendar(year=year, known=known, days=days, loaded_at=now)
    with _LOCK:
        _CACHE[year] = cal
    return cal


def _package_years() -> frozenset[int]:
    from jianfu.workdays.seed import chinese_calendar_days

    return frozenset(chinese_calendar_days())


def _package_days(year: int) -> list[tuple[dt.date, str, str]]:
    from jianfu.workdays.seed import chinese_calendar_days

    return chinese_calendar_days().get(year, [])


def calendar_status(year: int) -> str:
    """'known' when the year's holidays were entered, else 'fallback' (Monday–Friday)."""
    return CalendarStatus.KNOWN if year_calendar(year).known else CalendarStatus.FALLBACK


def day_info(day: dt.date) -> tuple[bool, str]:
    """(is it a working day, the holiday or adjusted-day name or '')."""
    kind, name = year_calendar(day.year).days.get(day, ("", ""))
    if kind == DayKind.HOLIDAY:
        return False, name
    if kind == DayKind.WORKDAY:
        return True, name
    return day.weekday() < 5, ""


def is_working_day(day: dt.date) -> bool:
    return day_info(day)[0]


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date `n` working days after `start` (before it when n < 0); start itself not counted."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    day = start
    for _i in range(MAX_SPAN_DAYS):
        if remaining == 0:
            return day
        day += dt.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    raise ValueError(f"add_working_days: {n} working days is beyond {MAX_SPAN_DAYS} days")


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days d with a < d <= b; when b < a, minus those with b <= d < a."""
    if abs((b - a).days) > MAX_SPAN_DAYS:
        raise ValueError(f"working_days_between: span beyond {MAX_SPAN_DAYS} days")
    if b < a:
        return -sum(is_working_day(b + dt.timedelta(days=i)) for i in range((a - b).days))
    return sum(is_working_day(a + dt.timedelta(days=i)) for i in range(1, (b - a).days + 1))


def _years(date_or_range: dt.date | tuple[dt.date, dt.date] | Iterable[dt.date]) -> list[int]:
    if isinstance(date_or_range, dt.date):
        return [date_or_range.year]
    dates = [d for d in date_or_range if d is not None]
    if not dates:
        return []
    return list(range(min(dates).year, max(dates).year + 1))


def fallback_years(date_or_range: dt.date | tuple[dt.date, dt.date] | Iterable[dt.date]) -> list[int]:
    return [y for y in _years(date_or_range) if not year_calendar(y).known]


def deadline_warning(
    date_or_range: dt.date | tuple[dt.date, dt.date] | Iterable[dt.date] | None,
) -> str | None:
    """A sentence to show next to a deadline when its working days were counted Monday–Friday.

    Accepts a date or a (start, end) range (any iterable of dates); None when every year involved
    has its holidays entered.
    """
    if date_or_range is None:
        return None
    missing = fallback_years(date_or_range)
    if not missing:
        return None
    years = "、".join(str(y) for y in missing)
    return _("%(years)s年的法定节假日尚未录入，按周一至周五计算工作日。") % {"years": years}


def known_years() -> list:
    """Every entered year with its day counts, newest first (for the admin page)."""
    from django.db.models import Count, Q

    from jianfu.workdays.models import CalendarYear

    return list(
        CalendarYear.objects.annotate(
            holidays=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
            workdays=Count("days", filter=Q(days__kind=DayKind.WORKDAY)),
        )
        .select_related("entered_by")
        .order_by("-year")
    )
