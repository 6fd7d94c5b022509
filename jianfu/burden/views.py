"""Pages of the burden ledger: they parse, call a selector or service, and render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.scope import may
from jianfu.burden import selectors as sel
from jianfu.burden import services
from jianfu.burden.choices import MANUAL_KINDS, AlertStatus, EntryKind
from jianfu.burden.exports import dashboard_export, ledger_export
from jianfu.burden.format import one_decimal
from jianfu.burden.forms import (
    AcknowledgeForm,
    CorrectionForm,
    ManualEntryForm,
    ReboundSettingsForm,
    UnitTimeForm,
)
from jianfu.burden.services import FILL_SECONDS_PER_FIELD, BurdenError
from jianfu.certificates.selectors import demand_report
from jianfu.core.downloads import attach
from jianfu.core.rows import related_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _need_view(request: HttpRequest) -> None:
    if not may(request.user, "view"):
        raise Http404


def _need_manage(request: HttpRequest) -> None:
    if not sel.may_manage_burden(request.user):
        raise Http404


def _filter_context(request: HttpRequest, filters: sel.LedgerFilter) -> dict:
    user = request.user
    return {
        "filters": filters.as_dict(),
        # (pk, name) rows, written by {% filter_options %}: no model instances for the selects
        **sel.filter_choices(user),
        "kinds": EntryKind.choices,
        "query": request.GET.urlencode(),
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _need_view(request)
    filters = sel.LedgerFilter.from_params(request.GET)
    board = sel.dashboard_figures(user=request.user, filters=filters)
    context = {
        **_filter_context(request, filters),
        "board": board,
        "data": board.as_json(),
        "may_manage": sel.may_manage_burden(request.user),
        "range_from": board.months[0],
        "range_to": board.months[-1],
        # the 减负办's monthly report of institutions still demanding abolished certificates
        "abolished_demands": (
            demand_report(user=request.user, month=timezone.localdate())[:10]
            if may(request.user, "audit")
            else None
        ),
        "labels": {
            "imposed": _("强加耗时"),
            "saved": _("节省耗时"),
            "outside": _("清单外耗时"),
            "hours": _("小时"),
        },
    }
    return render(request, "burden/dashboard.html", context)


@login_required
def dashboard_xlsx(request: HttpRequest) -> HttpResponseBase:
    _need_view(request)
    filters = sel.LedgerFilter.from_params(request.GET)
    board = sel.dashboard_figures(user=request.user, filters=filters)
    handle = dashboard_export(actor=request.user, board=board, filters=filters)
    span = f"{board.months[0]}-{board.months[-1]}"
    response = FileResponse(handle, as_attachment=True, content_type=XLSX)
    return attach(response, f"负担统计-{span}.xlsx", f"burden-dashboard-{span}.xlsx")


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    _need_view(request)
    filters = sel.LedgerFilter.from_params(request.GET)
    pages: Any = sel.EntryPages(request.user, filters)  # a Paginator asks only its count() and slices
    page = Paginator(pages, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **_filter_context(request, filters),
        "page": page,
        "page_query": query.urlencode(),
        "may_record": sel.may_record(request.user),
    }
    return render(request, "burden/entry_list.html", context)


@login_required
def entry_xlsx(request: HttpRequest) -> HttpResponseBase:
    _need_view(request)
    if not (may(request.user, "export") or sel.may_manage_burden(request.user)):
        raise Http404
    filters = sel.LedgerFilter.from_params(request.GET)
    handle, _rows = ledger_export(actor=request.user, filters=filters)
    day = timezone.localdate().isoformat()
    response = FileResponse(handle, as_attachment=True, content_type=XLSX)
    return attach(response, f"减负台账-{day}.xlsx", f"burden-ledger-{day}.xlsx")


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _need_view(request)
    entry = sel.entry_get(user=request.user, pk=pk)
    may_correct = sel.may_correct(request.user, entry)
    form = None
    if may_correct:
        form = CorrectionForm(request.POST or None, initial={"hours": one_decimal(entry.effective_hours)})
        if request.method == "POST" and form.is_valid():
            try:
                services.burden_entry_correct(
                    actor=request.user,
                    entry=entry,
                    hours=form.cleaned_data["hours"],
                    reason=form.cleaned_data["reason"],
                )
            except BurdenError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已修正估算，原估算保留在记录中。"))
                return redirect("burden:entry_detail", pk=entry.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request, "burden/entry_detail.html", {"entry": entry, "form": form, "may_correct": may_correct}
    )


@login_required
def entry_create(request: HttpRequest) -> HttpResponse:
    _need_view(request)
    if not sel.recordable_communities(request.user).exists():
        raise Http404
    form = ManualEntryForm(
        request.POST or None, user=request.user, initial={"occurred_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.burden_entry_record_manual(
                actor=request.user,
                community=data["community"],
                kind=data["kind"],
                title=data["title"],
                occurred_on=data["occurred_on"],
                department=data["department"],
                units=data["units"],
                frequency=data["frequency"],
                people=data["people"],
                outside_lists=data["outside_lists"],
            )
        except BurdenError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("已记入台账，按标准成本模型估算%(hours)s小时。") % {"hours": entry.hours}
            )
            return redirect("burden:entry_detail", pk=entry.pk)
    manual = [row for row in sel.unit_times() if row["kind"] in MANUAL_KINDS]
    return render(request, "burden/entry_form.html", {"form": form, "unit_times": manual})


@login_required
def unit_times(request: HttpRequest) -> HttpResponse:
    _need_view(request)
    rows = sel.unit_times()
    may_manage = sel.may_manage_burden(request.user)
    if request.method == "POST":
        _need_manage(request)
        form = UnitTimeForm(request.POST)
        if form.is_valid():
            try:
                services.unit_time_set(actor=request.user, **form.cleaned_data)
            except BurdenError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("已更新单位耗时；已有条目保留原估算。"))
                return redirect("burden:unit_times")
        else:
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label} {' '.join(str(e) for e in errors)}".strip())
    for row in rows:
        row["form"] = UnitTimeForm(initial=row, auto_id=f"id_{row['kind']}_%s") if may_manage else None
    return render(
        request,
        "burden/unit_times.html",
        {"rows": rows, "may_manage": may_manage, "fill_seconds": FILL_SECONDS_PER_FIELD},
    )


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    _need_manage(request)
    status = request.GET.get("status", AlertStatus.OPEN)
    if status not in AlertStatus.values:
        status = ""
    rows = sel.AlertListRows(user=request.user, status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))  # type: ignore[arg-type]  # count() and slices
    district = related_row(request.user, "district") if request.user.district_id else None
    rule = services.rebound_settings_for(district) if district is not None else None
    return render(
        request,
        "burden/alert_list.html",
        {
            "page": page,
            "status": status,
            "statuses": AlertStatus.choices,
            "rule": rule,
            "page_query": f"status={status}",
        },
    )


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _need_manage(request)
    alert = sel.alert_get(user=request.user, pk=pk)
    form = AcknowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rebound_alert_acknowledge(
                actor=request.user, alert=alert, note=form.cleaned_data["note"]
            )
        except BurdenError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("已知悉这条提醒。"))
        return redirect("burden:alert_detail", pk=alert.pk)
    entries = sel.alert_entries(user=request.user, alert=alert)
    context = {"alert": alert, "entries": entries, "form": form, "today": timezone.localdate()}
    return render(request, "burden/alert_detail.html", context)


@login_required
def rebound_settings(request: HttpRequest) -> HttpResponse:
    _need_manage(request)
    district = request.user.district
    if district is None:
        raise Http404
    rule = services.rebound_settings_for(district)
    form = ReboundSettingsForm(
        request.POST or None,
        initial={
            "window_months": rule.window_months,
            "rise_percent": rule.rise_percent,
            "min_hours": rule.min_hours,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rebound_settings_set(actor=request.user, district=district, **form.cleaned_data)
        except BurdenError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("已保存反弹提醒设置。"))
            return redirect("burden:alert_list")
    return render(request, "burden/rebound_settings.html", {"form": form, "rule": rule, "district": district})
