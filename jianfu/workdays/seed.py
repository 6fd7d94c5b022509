"""Seeding the calendar from the chinese-calendar package (used by a data migration)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from typing import Any

SOURCE_NOTE = "chinese-calendar {version}（国务院办公厅节假日安排通知）"


@lru_cache(maxsize=1)
def chinese_calendar_days() -> dict[int, list[tuple[dt.date, str, str]]]:
    """Year → [(date, kind, Chinese holiday name)] for every year the package knows."""
    import chinese_calendar as cc

    by_name = {h.value: h.chinese for h in cc.Holiday}
    years: dict[int, list[tuple[dt.date, str, str]]] = defaultdict(list)
    for day, name in cc.holidays.items():
        years[day.year].append((day, "holiday", by_name.get(name, name or "")))
    for day, name in cc.workdays.items():
        years[day.year].append((day, "workday", by_name.get(name, name or "")))
    return {y: sorted(days) for y, days in years.items()}


def seed_from_chinese_calendar(CalendarYear: Any, CalendarDay: Any) -> int:
    """Create the years the package knows that are not entered yet (idempotent)."""
    import chinese_calendar as cc

    note = SOURCE_NOTE.format(version=getattr(cc, "__version__", ""))
    created = 0
    for year, days in sorted(chinese_calendar_days().items()):
        if CalendarYear.objects.filter(year=year).exists():
            continue
        cy = CalendarYear.objects.create(year=year, source_note=note)
        CalendarDay.objects.bulk_create(
            [CalendarDay(calendar_year=cy, date=d, kind=k, name=n) for d, k, n in days]
        )
        created += 1
    return created
