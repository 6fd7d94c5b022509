"""The time the casework services act at: `timezone.now()`, except inside `at(moment)` — used by
the demo data to replay months of requests step by step (never beyond the real now)."""

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

_AT: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("casework_clock", default=None)


def now() -> dt.datetime:
    return _AT.get() or timezone.now()


@contextlib.contextmanager
def at(moment: dt.datetime) -> Iterator[None]:
    token = _AT.set(min(moment, timezone.now()))
    try:
        yield
    finally:
        _AT.reset(token)
