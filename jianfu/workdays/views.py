"""The administrator's page for the working-day calendar (district admin / superuser only)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.workdays import selectors
from jianfu.workdays.choices import DayKind
from jianfu.workdays.forms import YamlForm, YearForm
from jianfu.workdays.models import CalendarDay, CalendarYear
from jianfu.workdays.notice import NoticeError, parse_form, parse_yaml
from jianfu.workdays.services import calendar_year_set, calendar_years_load


def may_edit_calendar(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == "district_admin")
    )


def _require(request: HttpRequest) -> None:
    if not may_edit_calendar(request.user):
        raise Http404


@login_required
def calendar_home(request: HttpRequest) -> HttpResponse:
    _require(request)
    this_year = timezone.localdate().year
    years = selectors.known_years()
    known = {y.year for y in years}
    upcoming = [
        {
            "year": y,
            "status": selectors.calendar_status(y),
            "warning": selectors.deadline_warning(dt.date(y, 1, 1)),
        }
        for y in range(this_year, this_year + 3)
    ]
    yaml_form = YamlForm(request.POST or None)
    if request.method == "POST" and yaml_form.is_valid():
        try:
            results = calendar_years_load(
                actor=request.user, specs=parse_yaml(yaml_form.cleaned_data["text"])
            )
        except NoticeError as exc:
            for error in exc.errors:
                yaml_form.add_error("text", error)
        else:
            for year, changed in results:
                if changed:
                    messages.success(request, _("%(year)s年的节假日安排已保存。") % {"year": year})
                else:
                    messages.info(request, _("%(year)s年的节假日安排没有变化。") % {"year": year})
            return redirect("workdays:calendar")
    return render(
        request,
        "workdays/calendar.html",
        {
            "years": years,
            "upcoming": upcoming,
            "known": known,
            "yaml_form": yaml_form,
            "this_year": this_year,
        },
    )


def _ranges(days: list[CalendarDay]) -> tuple[str, str]:
    """The year's days as the form's text: holiday ranges per line, working days in one line."""
    lines: list[str] = []
    run: list[CalendarDay] = []
    for day in [d for d in days if d.kind == DayKind.HOLIDAY]:
        if run and (day.name != run[-1].name or (day.date - run[-1].date).days != 1):
            lines.append(f"{run[0].name} {run[0].date} 至 {run[-1].date}")
            run = []
        run.append(day)
    if run:
        lines.append(f"{run[0].name} {run[0].date} 至 {run[-1].date}")
    workdays = " ".join(str(d.date) for d in days if d.kind == DayKind.WORKDAY)
    return "\n".join(lines), workdays


@login_required
def year_edit(request: HttpRequest, year: int) -> HttpResponse:
    _require(request)
    if not 2000 <= year <= 2100:
        raise Http404
    cy = CalendarYear.objects.filter(year=year).first()
    days = list(cy.days.order_by("date")) if cy else []
    if request.method == "POST":
        form = YearForm(request.POST)
        if form.is_valid():
            try:
                spec = parse_form(
                    year=year,
                    holidays_text=form.cleaned_data["holidays"],
                    workdays_text=form.cleaned_data["workdays"],
                    source_note=form.cleaned_data["source_note"],
                )
                _row, changed = calendar_year_set(actor=request.user, spec=spec)
            except NoticeError as exc:
                for error in exc.errors:
                    form.add_error(None, error)
            else:
                if changed:
                    messages.success(request, _("%(year)s年的节假日安排已保存。") % {"year": year})
                else:
                    messages.info(request, _("%(year)s年的节假日安排没有变化。") % {"year": year})
                return redirect("workdays:year", year=year)
    else:
        holidays, workdays = _ranges(days)
        form = YearForm(
            initial={"holidays": holidays, "workdays": workdays, "source_note": cy.source_note if cy else ""}
        )
    return render(
        request,
        "workdays/year.html",
        {
            "year": year,
            "calendar_year": cy,
            "days": days,
            "form": form,
            "status": selectors.calendar_status(year),
        },
    )
