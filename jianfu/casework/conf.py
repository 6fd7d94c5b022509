"""Deadlines and escalation, configurable with `JIANFU_CASEWORK` in settings (facts §5 defaults)."""

import datetime as dt
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # 接诉即办: urgency → ("hours", n) wall-clock or ("working_days", n) on the calendar
    "urgency": {
        "emergency": ("hours", 2),
        "utility": ("hours", 24),
        "general": ("working_days", 7),
        "complex": ("working_days", 15),
    },
    # 吹哨报到: the department signs, contacts the reporter, and is on site
    "whistle_sign_hours": 1,
    "whistle_contact_hours": 24,
    "whistle_onsite_working_days": 3,
    "whistle_onsite_working_days_hard": 5,
    # first response to the reporter when the community handles it itself
    "community_response_hours": 24,
    # still open this many working days after the street was asked → the district supervises
    "district_after_working_days": 2,
    # duplicate suggestions: same place within this many days and text similarity ≥ threshold
    "duplicate_days": 7,
    "duplicate_threshold": 60,
    # photos: size cap in bytes
    "photo_max_bytes": 5 * 1024 * 1024,
}


def get(key: str) -> Any:
    return {**DEFAULTS, **getattr(settings, "JIANFU_CASEWORK", {})}[key]


def working_hours() -> tuple[dt.time, dt.time]:
    return dt.time(9, 0), dt.time(18, 0)
