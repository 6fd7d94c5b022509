"""Deadlines on the official working-day calendar (jianfu.workdays).

Hour limits (2 h emergency, 24 h utilities, 1 h to sign a whistle) run on the clock: an emergency
does not wait for Monday. Day limits (7 / 15 days, on site within 3 / 5 days) are working days:
the deadline is the same local time `n` working days after the start date.
"""

import datetime as dt

from django.utils import timezone

from jianfu.casework import conf
from jianfu.workdays.selectors import add_working_days, deadline_warning


def after_working_days(start: dt.datetime, days: int) -> dt.datetime:
    local = timezone.localtime(start)
    day = add_working_days(local.date(), days)
    return timezone.make_aware(dt.datetime.combine(day, local.time().replace(tzinfo=None)))


def after(start: dt.datetime, unit: str, n: int) -> dt.datetime:
    if unit == "hours":
        return start + dt.timedelta(hours=n)
    if unit == "working_days":
        return after_working_days(start, n)
    raise ValueError(f"unknown deadline unit {unit!r}")


def request_due(start: dt.datetime, urgency: str) -> dt.datetime:
    unit, n = conf.get("urgency")[urgency]
    return after(start, unit, n)


def whistle_dues(start: dt.datetime, *, hard: bool) -> tuple[dt.datetime, dt.datetime, dt.datetime]:
    """(sign by, contact by, on site by) for a whistle blown at `start`."""
    days = conf.get("whistle_onsite_working_days_hard" if hard else "whistle_onsite_working_days")
    return (
        start + dt.timedelta(hours=conf.get("whistle_sign_hours")),
        start + dt.timedelta(hours=conf.get("whistle_contact_hours")),
        after_working_days(start, days),
    )


def community_response_due(start: dt.datetime) -> dt.datetime:
    return start + dt.timedelta(hours=conf.get("community_response_hours"))


def district_escalation_due(street_escalated_at: dt.datetime) -> dt.datetime:
    return after_working_days(street_escalated_at, conf.get("district_after_working_days"))


def calendar_warning(start: dt.datetime, due: dt.datetime) -> str | None:
    return deadline_warning((timezone.localtime(start).date(), timezone.localtime(due).date()))
