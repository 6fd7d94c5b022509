"""Working-day API (/api/v1/workdays/): deadlines counted in Chinese working days."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.errors import HttpError

from jianfu.workdays import selectors

router = Router(tags=["workdays"])


class DeadlineOut(Schema):
    start: dt.date
    working_days: int
    deadline: dt.date
    warning: str | None


class StatusOut(Schema):
    year: int
    status: str
    warning: str | None


@router.get("/deadline", response=DeadlineOut, summary="The date n working days after start")
def deadline(request, start: dt.date, n: int):
    if abs(n) > 1000:
        raise HttpError(422, "n must be between -1000 and 1000")
    end = selectors.add_working_days(start, n)
    return {
        "start": start,
        "working_days": n,
        "deadline": end,
        "warning": selectors.deadline_warning((start, end)),
    }


@router.get("/status/{year}", response=StatusOut, summary="Whether a year's holidays are entered")
def status(request, year: int):
    if not 2000 <= year <= 2100:
        raise HttpError(422, "year must be between 2000 and 2100")
    return {
        "year": year,
        "status": selectors.calendar_status(year),
        "warning": selectors.deadline_warning(dt.date(year, 1, 1)),
    }
