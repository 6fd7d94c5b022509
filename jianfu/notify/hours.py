"""Staff are not messaged outside working hours (working days, 9:00–18:00 local) except emergencies."""

import datetime as dt

from django.utils import timezone

from jianfu.workdays.selectors import is_working_day

START, END = dt.time(9, 0), dt.time(18, 0)


def next_working_moment(at: dt.datetime) -> dt.datetime:
    """`at` itself when inside working hours, else the start of the next working hour."""
    local = timezone.localtime(at)
    day = local.date()
    if is_working_day(day) and START <= local.time() < END:
        return at
    if is_working_day(day) and local.time() < START:
        return timezone.make_aware(dt.datetime.combine(day, START))
    for _i in range(60):
        day += dt.timedelta(days=1)
        if is_working_day(day):
            return timezone.make_aware(dt.datetime.combine(day, START))
    return at
