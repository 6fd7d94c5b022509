"""Sign-in throttling glue for django-axes: the client address, and the lock-out figures.

The policy lives in settings (AXES_FAILURE_LIMIT, AXES_COOLOFF_TIME, AXES_LOCKOUT_PARAMETERS =
account OR address); axes keeps its `AccessAttempt` rows, and this module reads them so the lock-out
page can say until when, and the district administrator's page can list what is locked.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from django.conf import settings
from django.utils import timezone


def _valid_ip(value: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: Any) -> str | None:
    """The address a sign-in or API call came from.

    REMOTE_ADDR unless the deployment names the header its reverse proxy sets
    (JIANFU_CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP); a client-supplied header is never trusted
    otherwise, so a guesser cannot rotate addresses by sending X-Forwarded-For."""
    meta = getattr(request, "META", {})
    header = getattr(settings, "JIANFU_CLIENT_IP_HEADER", "")
    if header:
        forwarded = _valid_ip(str(meta.get(header, "")).split(",")[0])
        if forwarded:
            return forwarded
    return _valid_ip(meta.get("REMOTE_ADDR", ""))


def failure_limit() -> int:
    return int(settings.AXES_FAILURE_LIMIT)


def cool_off() -> dt.timedelta:
    value = settings.AXES_COOLOFF_TIME
    if isinstance(value, dt.timedelta):
        return value
    if isinstance(value, int | float):
        return dt.timedelta(hours=value)
    return dt.timedelta(minutes=30)


def window_start(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - cool_off()
