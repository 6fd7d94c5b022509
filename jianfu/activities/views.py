"""Pages of community activities: the organiser's record and documents, and the residents' phone sign-up."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.activities import documents, selectors, services
from jianfu.activities import permissions as perm
from jianfu.activities.choices import ActivityStatus, DocumentKind
from jianfu.activities.forms import ActivityForm, SignupForm
from jianfu.activities.models import Activity
from jianfu.certificates.pdf import qr_svg
from jianfu.core.choices import AuditAction
from jianfu.core.downloads import attach
from jianfu.core.masking import mask_phone
from jianfu.core.permissions import OutOfScope
from jianfu.core.services import audit_record


def _activity_or_404(user: Any, pk: int, action: str = "view") -> Activity:
    activity = selectors.activity_for(user, pk, action)
    if activity is None:
        raise Http404
    return activity


def _form_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def _organiser_community(user: Any) -> Any:
    community = getattr(user, "community", None)
    return community if community is not None and perm.may_organise(user, community) else None


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    perm.require_list(user)
    return render(
        request,
        "activities/activity_list.html",
        {
            "activities": selectors.activity_list_rows(user, 300),
            "may_create": perm.may_organise_own_community(user),
        },
    )


@login_required
def activity_new(request: HttpRequest) -> HttpResponse:
    community = _organiser_community(request.user)
    if community is None:
        raise Http404
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                actor=request.user, community=community, data=form.data_input()
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form})


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request.user, pk, "change")
    initial = {f: getattr(activity, f) for f in ActivityForm.base_fields}
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, data=form.data_input())
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    activity = _activity_or_404(user, pk)
    organiser = perm.may_organise(user, activity.community)
    signups = list(activity.signups.filter(cancelled_at__isnull=True).order_by("created_at", "id"))
    for s in signups:
        s.phone_masked = mask_phone(s.phone)
    public_url = request.build_absolute_uri(reverse("activities:public", args=[activity.token]))
    context = {
        "activity": activity,
        "organiser": organiser,
        "signups": signups,
        "eligible": services.eligible_count(activity),
        "public_url": public_url,
        "documents": DocumentKind.choices,
        "signup_form": SignupForm(),
    }
    return render(request, "activities/activity_detail.html", context)


@login_required
@require_POST
def activity_status(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(request.user, pk, "change")
    status = request.POST.get("status", "")
    if status not in ActivityStatus.values:
        raise Http404
    try:
        services.activity_set_status(
            actor=request.user, activity=activity, status=status, outcome=request.POST.get("outcome", "")
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_POST
def signup_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser adds a resident who signed up by phone or in person."""
    activity = _activity_or_404(request.user, pk, "change")
    form = SignupForm(request.POST)
    if form.is_valid():
        try:
            services.signup_create(actor=request.user, activity=activity, **form.cleaned_data)
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
    else:
        messages.error(request, _("请填写姓名和电话。"))
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int, signup: int) -> HttpResponse:
    activity = _activity_or_404(request.user, pk, "change")
    row = get_object_or_404(activity.signups, pk=signup)
    try:
        if request.POST.get("cancel"):
            services.signup_cancel(actor=request.user, signup=row)
        else:
            services.attendance_mark(
                actor=request.user, signup=row, attended=request.POST.get("attended") == "1"
            )
    except ValidationError as exc:
        if request.htmx:
            return HttpResponse(" ".join(exc.messages), status=422)
        for m in exc.messages:
            messages.error(request, m)
    if request.htmx and not request.POST.get("cancel"):
        row.phone_masked = mask_phone(row.phone)
        return render(
            request, "activities/_signup_row.html", {"s": row, "activity": activity, "organiser": True}
        )
    return redirect("activities:detail", pk=activity.pk)


@login_required
def document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user: Any = request.user
    activity = _activity_or_404(user, pk)
    if kind not in DocumentKind.values:
        raise Http404
    if kind == DocumentKind.SIGNUPS and not perm.may_read_signups(user, activity):
        raise OutOfScope  # names of residents: only the organisers
    url = request.build_absolute_uri(reverse("activities:public", args=[activity.token]))
    pdf = {
        DocumentKind.APPLICATION: lambda: documents.application_pdf(
            activity, eligible=services.eligible_count(activity)
        ),
        DocumentKind.NOTICE: lambda: documents.notice_pdf(activity, url=url),
        DocumentKind.SIGNUPS: lambda: documents.signups_pdf(activity),
        DocumentKind.SUMMARY: lambda: documents.summary_pdf(activity),
    }[DocumentKind(kind)]()
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=activity,
        community=activity.community,
        summary=_("生成活动文档：%(k)s「%(t)s」") % {"k": DocumentKind(kind).label, "t": activity.title},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    zh = f"{activity.title}-{DocumentKind(kind).label}.pdf"
    return attach(response, zh, f"activity-{activity.pk}-{kind}.pdf", inline=True)


@login_required
def summary_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The summary / press-release draft as an editable .docx (the same who-may as the PDF)."""
    user: Any = request.user
    activity = _activity_or_404(user, pk)
    data = documents.summary_docx(activity)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=activity,
        community=activity.community,
        summary=_("生成活动文档：%(k)s「%(t)s」")
        % {"k": DocumentKind.SUMMARY.label + "（Word）", "t": activity.title},
    )
    response = HttpResponse(data, content_type=documents.DOCX_TYPE)
    zh = f"{activity.title}-{DocumentKind.SUMMARY.label}.docx"
    return attach(response, zh, f"activity-{activity.pk}-summary.docx")


def public(request: HttpRequest, token: str) -> HttpResponse:
    """The residents' phone page: what, when, where, places left, and a two-field sign-up."""
    activity = get_object_or_404(Activity.objects.select_related("community"), token=token)
    if activity.status == ActivityStatus.DRAFT:
        raise Http404
    form = SignupForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            # whoever holds the public page signs a resident up: no account, named "anonymous" in the log
            services.signup_create(actor=AnonymousUser(), activity=activity, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            done = True
            form = SignupForm()
    taken = activity.signups.filter(cancelled_at__isnull=True).count()
    return render(
        request,
        "activities/public.html",
        {
            "activity": activity,
            "form": form,
            "done": done,
            "left": max(activity.capacity - taken, 0),
            "open": activity.status == ActivityStatus.OPEN,
        },
    )


def public_qr(request: HttpRequest, token: str) -> HttpResponse:
    activity = get_object_or_404(Activity, token=token)
    if activity.status == ActivityStatus.DRAFT:
        raise Http404
    url = request.build_absolute_uri(reverse("activities:public", args=[activity.token]))
    return HttpResponse(qr_svg(url), content_type="image/svg+xml")
