"""Pages of the meetings-and-documents intake: list with counts, register, paste-and-check, detail, caps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import communities_for, may
from jianfu.meetings import permissions, selectors, services
from jianfu.meetings.choices import UNEXPLAINED, AlertStatus
from jianfu.meetings.forms import (
    CheckForm,
    ExplainForm,
    FormEntryForm,
    NoticeForm,
    ReviewForm,
    RulesForm,
    WithdrawForm,
)
from jianfu.orgs.models import Department


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _form_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not may(user, "view"):
        raise Http404
    year = _year(request)
    kind = request.GET.get("kind", "")
    notices = list(
        selectors.notices_for(user, kind=kind if kind in ("meeting", "document") else "", year=year)[:200]
    )
    context = {
        "notices": notices,
        "year": year,
        "kind": kind,
        "counts": selectors.department_counts(user, year=year),
        "alerts": list(selectors.alerts_for(user).filter(year=year)[:50]),
        "may_submit": permissions.may_submit(user),
        "may_manage": permissions.may_manage(user, getattr(user, "district", None)),
    }
    return render(request, "meetings/notice_list.html", context)


def _submit_choices(user: Any) -> tuple[Any, Any]:
    if user.is_department:
        departments = Department.objects.filter(pk=user.department_id)
        communities = services.department_communities(user.department)
    elif user.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN) or user.is_superuser:
        departments = Department.objects.filter(district_id=user.district_id)
        communities = communities_for(user, "view")
    else:  # street office: its street's departments and the district's
        departments = Department.objects.filter(district_id=user.district_id).filter(
            Q(street_id=user.street_id) | Q(street__isnull=True)
        )
        communities = communities_for(user, "view")
    return departments.order_by("code"), communities.select_related("street").order_by("code")


@login_required
def notice_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    permissions.require_submit(user)
    departments, communities = _submit_choices(user)
    form = NoticeForm(request.POST or None, departments=departments, communities=communities)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            notice = services.notice_submit(
                actor=user,
                kind=data.pop("kind"),
                department=data.pop("department"),
                communities=list(data.pop("communities")),
                date=data.pop("date"),
                title=data.pop("title"),
                text=data.pop("text"),
                attendees_per_community=data.pop("attendees_per_community") or 1,
                **data,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已登记，准入结论：%(s)s") % {"s": notice.get_status_display()})
            return redirect("meetings:notice_detail", pk=notice.pk)
    return render(request, "meetings/notice_form.html", {"form": form})


@login_required
def notice_check(request: HttpRequest) -> HttpResponse:
    """Paste a notice received (or about to be sent) and see what the rules say; nothing is written."""
    user: Any = request.user
    permissions.require_check(user)
    form = CheckForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.notice_check(
                actor=user,
                kind=form.cleaned_data["kind"],
                district=getattr(user, "district", None),
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
    template = "meetings/_check_result.html" if request.htmx and result is not None else "meetings/check.html"
    return render(request, template, {"form": form, "result": result})


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    notice = selectors.notice_for(user, pk)
    if notice is None:
        raise Http404
    return render(
        request,
        "meetings/notice_detail.html",
        {
            "notice": notice,
            "admitted": not notice.violations,
            "targets": selectors.notice_targets(notice),
            "transitions": list(notice.transitions.all()),
            "may_withdraw": notice.status == "admitted" and permissions.may_withdraw(user, notice),
            "withdraw_form": WithdrawForm(),
        },
    )


@login_required
@require_POST
def notice_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    notice = selectors.notice_for(user, pk)
    if notice is None:
        raise Http404
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.notice_withdraw(actor=user, notice=notice, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已撤回。"))
    else:
        messages.error(request, _("请填写撤回理由。"))
    return redirect("meetings:notice_detail", pk=notice.pk)


@login_required
def intake_rules(request: HttpRequest) -> HttpResponse:
    """The district's caps and its form catalog (district 减负办 and administrators edit; staff read)."""
    user: Any = request.user
    permissions.require_check(user)
    district = getattr(user, "district", None)
    if district is None:
        raise Http404
    manage = permissions.may_manage(user, district)
    limits = services.limits_for(district)
    year = _year(request)
    rules_form = RulesForm(
        request.POST if request.POST.get("form") == "rules" else None,
        initial={
            "meeting_max_minutes": limits.meeting_max_minutes,
            "comprehensive_max_chars": limits.comprehensive_max_chars,
            "special_max_chars": limits.special_max_chars,
        },
    )
    entry_form = FormEntryForm(
        request.POST if request.POST.get("form") == "entry" else None, initial={"year": year}
    )
    if request.method == "POST":
        permissions.require_manage(user, district)
        try:
            if request.POST.get("form") == "rules" and rules_form.is_valid():
                services.intake_rules_set(actor=user, district=district, **rules_form.cleaned_data)
                messages.success(request, _("已保存。"))
                return redirect("meetings:rules")
            if request.POST.get("form") == "entry" and entry_form.is_valid():
                data = entry_form.cleaned_data
                services.form_entry_add(
                    actor=user,
                    district=district,
                    year=data["year"],
                    name=data["name"],
                    aliases=[a.strip() for a in (data["aliases"] or "").splitlines() if a.strip()],
                )
                messages.success(request, _("已列入报表目录。"))
                return redirect(f"{request.path}?year={data['year']}")
        except ValidationError as exc:
            _form_errors(entry_form if request.POST.get("form") == "entry" else rules_form, exc)
    return render(
        request,
        "meetings/rules.html",
        {
            "limits": limits,
            "manage": manage,
            "rules_form": rules_form,
            "entry_form": entry_form,
            "entries": list(selectors.forms_for(user, year=year)),
            "year": year,
        },
    )


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A department's document growth: the department explains; the 减负办 accepts the reason or not."""
    user: Any = request.user
    alert = selectors.alert_for(user, pk)
    if alert is None:
        raise Http404
    may_explain = alert.status in UNEXPLAINED and permissions.may_explain(user, alert)
    may_review = alert.status == AlertStatus.EXPLAINED and permissions.may_review(user, alert)
    what = request.POST.get("form", "")
    explain_form = ExplainForm(request.POST if what == "explain" else None)
    review_form = ReviewForm(request.POST if what == "review" else None)
    if request.method == "POST":
        try:
            if what == "explain":
                permissions.require_explain(user, alert)
                if explain_form.is_valid():
                    services.count_alert_explain(
                        actor=user, alert=alert, explanation=explain_form.cleaned_data["explanation"]
                    )
                    messages.success(request, _("说明已提交，等待减负办审核。"))
                    return redirect("meetings:alert_detail", pk=alert.pk)
            elif what == "review":
                permissions.require_review(user, alert)
                if review_form.is_valid():
                    services.count_alert_review(
                        actor=user,
                        alert=alert,
                        accept=review_form.cleaned_data["accept"],
                        reason=review_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("已保存。"))
                    return redirect("meetings:alert_detail", pk=alert.pk)
            else:
                raise Http404
        except ValidationError as exc:
            _form_errors(explain_form if what == "explain" else review_form, exc)
    return render(
        request,
        "meetings/alert_detail.html",
        {
            "alert": alert,
            "documents": list(selectors.alert_documents(user, alert)),
            "transitions": list(alert.transitions.all()),
            "explain_form": explain_form if may_explain else None,
            "review_form": review_form if may_review else None,
        },
    )
