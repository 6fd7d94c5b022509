"""Writing the calendar. Every write is audited and invalidates the in-memory calendar cache."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.workdays import selectors
from jianfu.workdays.models import CalendarDay, CalendarYear
from jianfu.workdays.notice import NoticeError, YearSpec


def _conflicts(spec: YearSpec) -> list[str]:
    """Dates of this notice already entered by another year's notice with another meaning."""
    days = spec.days()
    held = {
        d: (kind, y)
        for d, kind, y in CalendarDay.objects.filter(date__in=[d for d, _k, _n in days])
        .exclude(calendar_year__year=spec.year)
        .values_list("date", "kind", "calendar_year__year")
    }
    return [
        _("%(date)s已在%(other)s年的安排中录入，请先修改那一年的安排。") % {"date": d, "other": held[d][1]}
        for d, _k, _n in days
        if d in held
    ]


@transaction.atomic
def calendar_year_set(*, actor: Any, spec: YearSpec) -> tuple[CalendarYear, bool]:
    """Enter or replace one year's holidays and adjusted working days.

    Idempotent: the same arrangement again changes nothing (returns changed=False, no audit).
    Raises NoticeError (nothing written) when a date clashes with another year's arrangement.
    """
    errors = _conflicts(spec)
    if errors:
        raise NoticeError(errors)
    wanted = [(d, k, n) for d, k, n in spec.days()]
    cy = CalendarYear.objects.select_for_update().filter(year=spec.year).first()
    if cy is not None:
        have = list(cy.days.order_by("date").values_list("date", "kind", "name"))
        if have == wanted and (not spec.source_note or spec.source_note == cy.source_note):
            return cy, False
        before = len(have)
        cy.days.all().delete()
        cy.source_note = spec.source_note or cy.source_note
        cy.entered_by = actor if getattr(actor, "is_authenticated", False) else None
        cy.save(update_fields=["source_note", "entered_by", "entered_at"])
        action = AuditAction.UPDATE
    else:
        before = 0
        cy = CalendarYear.objects.create(
            year=spec.year,
            source_note=spec.source_note,
            entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        action = AuditAction.CREATE
    CalendarDay.objects.bulk_create(
        [CalendarDay(calendar_year=cy, date=d, kind=k, name=n) for d, k, n in wanted]
    )
    audit_record(
        actor=actor,
        action=action,
        obj=cy,
        summary=_("录入%(year)s年法定节假日安排：放假%(h)s天，调休上班%(w)s天")
        % {
            "year": spec.year,
            "h": sum(1 for _d, k, _n in wanted if k == "holiday"),
            "w": sum(1 for _d, k, _n in wanted if k == "workday"),
        },
        detail={
            "year": spec.year,
            "source": spec.source_note,
            "days_before": before,
            "holidays": [[n, str(a), str(b)] for n, a, b in spec.holidays],
            "workdays": [str(d) for d, _n in spec.workdays],
        },
    )
    years = {d.year for d, _k, _n in wanted} | {spec.year}
    for y in years:
        selectors.invalidate(y)

    def _forget() -> None:
        for y in years:
            selectors.invalidate(y)

    transaction.on_commit(_forget)
    return cy, True


@transaction.atomic
def calendar_years_load(*, actor: Any, specs: list[YearSpec]) -> list[tuple[int, bool]]:
    """Several years at once, all or nothing: [(year, changed)]."""
    return [(spec.year, calendar_year_set(actor=actor, spec=spec)[1]) for spec in specs]
