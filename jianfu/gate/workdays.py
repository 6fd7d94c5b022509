"""Working days for the gate's 15-working-day approval deadline.

Delegates to jianfu.workdays (the administrator-maintained calendar) when it is installed;
otherwise counts Monday–Friday and says so.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

_MODULES = (
    "jianfu.workdays.services",
    "jianfu.workdays.calendar",
    "jianfu.workdays.selectors",
    "jianfu.workdays",
)


def _impl(name: str) -> Callable[..., Any] | None:
    for module_name in _MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        fn = getattr(module, name, None)
        if callable(fn):
            return fn
    return None


def add_working_days(start: dt.date, n: int) -> dt.date:
    fn = _impl("add_working_days")
    if fn is not None:
        return fn(start, n)
    day = start
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def is_working_day(day: dt.date) -> bool:
    fn = _impl("is_working_day")
    return bool(fn(day)) if fn is not None else day.weekday() < 5


def deadline_warning(day: dt.date | None) -> str | None:
    if day is None:
        return None
    fn = _impl("deadline_warning")
    if fn is not None:
        return fn(day)
    return _("工作日历尚未录入，期限按周一至周五计算，未考虑法定节假日和调休。")
