"""Pages of data sharing: a department's agreements, requests and files; the 减负办's queue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.core.downloads import attach
from jianfu.fills.where import Vocabulary
from jianfu.sharing import permissions, population, selectors, services
from jianfu.sharing.choices import MASKABLE_FIELDS, RequestStatus
from jianfu.sharing.forms import ApproveForm, ReasonForm
from jianfu.sharing.models import DataAgreement, DataRequest


def _labels() -> dict[str, str]:
    from jianfu.gate.registry_request import vocabulary

    return {code: name for code, (name, _t) in vocabulary().by_code.items()}


def _require(request: HttpRequest) -> Any:
    if not permissions.may_use_sharing(request.user):
        raise Http404
    return request.user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _require(request)
    context: dict[str, Any] = {
        **selectors.home_lists(user),
        "today": timezone.localdate(),
        "is_office": user.is_burden_office or user.is_superuser,
    }
    rows = [*context["pending"], *context["requests"], *context["agreements"]]
    vocabulary = Vocabulary.from_db() if any(row.population for row in rows) else None
    for row in rows:
        row.population_text = population.describe_filter(row.population, vocabulary) if row.population else ""
    return render(request, "sharing/home.html", context)


def _request_or_404(user: Any, pk: int) -> DataRequest:
    row = selectors.request_for(user, pk)
    if row is None:
        raise Http404
    return row


def _fields(row: DataRequest, labels: dict[str, str]) -> list[dict[str, Any]]:
    agreement = row.agreement
    full = set(agreement.full_fields) if agreement and agreement.legal_basis else set()
    return [
        {
            "code": code,
            "name": labels.get(code, code),
            "maskable": code in MASKABLE_FIELDS,
            "full": code in full,
            "full_requested": code in row.full_fields,
        }
        for code in row.fields
    ]


def _approve_form(row: DataRequest, labels: dict[str, str], data: Any = None) -> ApproveForm:
    choices = [(c, labels.get(c, c)) for c in row.fields]
    return ApproveForm(
        data,
        field_choices=choices,
        full_choices=[(c, n) for c, n in choices if c in MASKABLE_FIELDS],
        initial={
            "population": row.population,
            "approved_fields": list(row.fields),
            "full_fields": list(row.full_fields),
            "purpose": row.task.title[:300],
        },
    )


@login_required
def request_detail(request: HttpRequest, pk: int, form: ApproveForm | None = None) -> HttpResponse:
    user = _require(request)
    row = _request_or_404(user, pk)
    labels = _labels()
    communities = list(row.communities.all())
    counts = None
    if row.status == RequestStatus.PENDING and row.population:
        per = population.counts(row.population, communities, on=timezone.localdate())
        counts = [(c, per.get(c.pk, 0)) for c in communities]
    may_decide = row.status == RequestStatus.PENDING and permissions.may_decide(user, row)
    context = {
        "row": row,
        "task": row.task,
        "population_text": population.describe(row.population, communities),
        "counts": counts,
        "count_total": sum(n for _c, n in counts) if counts else 0,
        "fields": _fields(row, labels),
        "may_decide": may_decide,
        "approve_form": form or (_approve_form(row, labels) if may_decide else None),
        "reject_form": ReasonForm(),
        "may_download": permissions.may_download(user, row) and row.file_available(),
    }
    return render(request, "sharing/request_detail.html", context)


@login_required
@require_POST
def request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = _require(request)
    row = _request_or_404(user, pk)
    form = _approve_form(row, _labels(), request.POST)
    if not form.is_valid():
        return request_detail(request, pk, form=form)
    data = form.cleaned_data
    try:
        services.data_request_approve(
            actor=user,
            request=row,
            population_text=data["population"],
            fields=data["approved_fields"],
            full_fields=data["full_fields"],
            legal_basis=data["legal_basis"],
            purpose=data["purpose"],
            expires_on=data["expires_on"],
            reason=data["reason"],
        )
    except ValidationError as exc:
        for field, errors in (
            exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
        ):
            form.add_error(field if field in form.fields else None, errors)
        return request_detail(request, pk, form=form)
    messages.success(request, _("已核准：数据共享协议已建立，数据已提供给部门。"))
    return redirect("sharing:request_detail", pk=pk)


def _reasoned_action(
    request: HttpRequest,
    *,
    act: Any,
    missing: str,
    done: str,
    back: str,
    pk: int,
) -> HttpResponse:
    """Parse the reason, call the service (`act(reason)`; outsiders: OutOfScope → 404), tell, go back."""
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, missing)
        return redirect(back, pk=pk)
    try:
        act(form.cleaned_data["reason"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(back, pk=pk)


@login_required
@require_POST
def request_reject(request: HttpRequest, pk: int) -> HttpResponse:
    user = _require(request)
    row = _request_or_404(user, pk)
    return _reasoned_action(
        request,
        act=lambda reason: services.data_request_reject(actor=user, request=row, reason=reason),
        missing=_("请填写理由。"),
        done=_("已决定不予提供。"),
        back="sharing:request_detail",
        pk=pk,
    )


@login_required
def request_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The department downloads its released file (audited); expired or revoked → 410."""
    user = _require(request)
    row = _request_or_404(user, pk)
    try:
        handle, name = services.data_request_download(actor=user, request=row)
    except services.FileGone:
        return render(request, "sharing/file_gone.html", {"row": row}, status=410)
    return attach(FileResponse(handle, as_attachment=True), f"数据申请-{row.task.title}-{row.pk}.xlsx", name)


def _agreement_or_404(user: Any, pk: int) -> DataAgreement:
    row = selectors.agreement_for(user, pk)
    if row is None:
        raise Http404
    return row


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _require(request)
    agreement = _agreement_or_404(user, pk)
    labels = _labels()
    context = {
        "agreement": agreement,
        "population_text": population.describe(agreement.population, agreement.communities.all()),
        "fields": [
            {
                "name": labels.get(c, c),
                "full": c in agreement.full_fields and bool(agreement.legal_basis),
                "maskable": c in MASKABLE_FIELDS,
            }
            for c in agreement.fields
        ],
        "requests": list(agreement.requests.select_related("task").order_by("-created_at")[:100]),
        "in_force": agreement.in_force(),
        "may_revoke": agreement.in_force() and permissions.may_revoke(user, agreement),
        "revoke_form": ReasonForm(),
    }
    return render(request, "sharing/agreement_detail.html", context)


@login_required
@require_POST
def agreement_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = _require(request)
    agreement = _agreement_or_404(user, pk)
    return _reasoned_action(
        request,
        act=lambda reason: services.agreement_revoke(actor=user, agreement=agreement, reason=reason),
        missing=_("请填写撤销理由。"),
        done=_("协议已撤销：不再自动提供，已提供的文件也不能再下载。"),
        back="sharing:agreement_detail",
        pk=pk,
    )
