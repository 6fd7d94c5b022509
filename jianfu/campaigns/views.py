"""One page per area: campaigns, the signboard inventory and secondments, with the actions each role has."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.scope import may
from jianfu.campaigns import permissions, selectors, services
from jianfu.campaigns.forms import CampaignForm, DecideForm, InventoryForm, SecondmentForm, SignboardForm
from jianfu.core.masking import mask_name
from jianfu.orgs.models import Department


def _dept_forms(user: Any, data: Any = None) -> tuple[Any, Any]:
    if not (user.is_department and user.department_id):
        return None, None
    reach = services._reach(user.department).order_by("code")
    return CampaignForm(data, communities=reach, prefix="c"), SignboardForm(
        data, communities=reach, prefix="s"
    )


def _secondment_form(user: Any, data: Any = None) -> Any:
    if not (user.is_community_staff and user.community_id):
        return None
    departments = Department.objects.filter(district_id=user.district_id).order_by("code")
    return SecondmentForm(data, departments=departments, prefix="m")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not may(user, "view"):
        raise Http404
    year = timezone.localdate().year
    campaign_form, signboard_form = _dept_forms(user)
    secondments = list(selectors.secondments_for(user)[:200])
    for row in secondments:
        row.masked_name = mask_name(row.staff_name)
    context = {
        "year": year,
        "campaigns": list(selectors.campaigns_for(user)[:200]),
        "signboards": list(selectors.signboards_for(user)[:300]),
        "secondments": secondments,
        "office": permissions.is_office(user),
        "campaign_form": campaign_form,
        "signboard_form": signboard_form,
        "inventory_form": InventoryForm(prefix="i") if user.is_community_staff else None,
        "secondment_form": _secondment_form(user),
        "decide_form": DecideForm(),
        "caps": services.caps_for(user.district) if user.district_id else None,
    }
    return render(request, "campaigns/index.html", context)


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
@require_POST
def register(request: HttpRequest, what: str) -> HttpResponse:
    user: Any = request.user
    try:
        if what in ("campaign", "signboard"):
            campaign_form, signboard_form = _dept_forms(user, request.POST)
            form = campaign_form if what == "campaign" else signboard_form
            if form is None:
                raise Http404
            if not form.is_valid():
                raise ValidationError([str(m) for errs in form.errors.values() for m in errs])
            data = form.cleaned_data
            if what == "campaign":
                campaign = services.campaign_register(
                    actor=user,
                    department=user.department,
                    title=data["title"],
                    kind=data["kind"],
                    description=data["description"],
                    communities=list(data["communities"]),
                )
                messages.success(request, _("已登记：%(s)s") % {"s": campaign.get_status_display()})
            else:
                services.signboard_register(
                    actor=user,
                    department=user.department,
                    name=data["title"],
                    communities=list(data["communities"]),
                )
                messages.success(request, _("已提交挂牌申请。"))
        elif what == "inventory":
            form = InventoryForm(request.POST, prefix="i")
            if not user.is_community_staff or not user.community_id:
                raise Http404
            if not form.is_valid():
                raise ValidationError([str(m) for errs in form.errors.values() for m in errs])
            services.signboard_inventory(
                actor=user,
                community=user.community,
                name=form.cleaned_data["name"],
                hung_on=form.cleaned_data["hung_on"],
            )
            messages.success(request, _("已登记。"))
        elif what == "secondment":
            form = _secondment_form(user, request.POST)
            if form is None:
                raise Http404
            if not form.is_valid():
                raise ValidationError([str(m) for errs in form.errors.values() for m in errs])
            data = form.cleaned_data
            services.secondment_record(
                actor=user,
                community=user.community,
                department=data["department"],
                staff_name=data["staff_name"],
                post=data["post"],
                work=data["work"],
                started_on=data["started_on"],
            )
            messages.success(request, _("已登记并提示减负办：借调基层人员违反规定。"))
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("campaigns:index")


@login_required
@require_POST
def act(request: HttpRequest, what: str, pk: int) -> HttpResponse:
    user: Any = request.user
    try:
        if what == "campaign":
            campaign = selectors.campaigns_for(user).filter(pk=pk).first()
            if campaign is None:
                raise Http404
            form = DecideForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("请选择结论并填写理由。"))
            services.campaign_decide(
                actor=user,
                campaign=campaign,
                approve=form.cleaned_data["approve"],
                reason=form.cleaned_data["reason"],
            )
        elif what in ("signboard", "order-removal", "removed"):
            board = selectors.signboards_for(user).filter(pk=pk).first()
            if board is None:
                raise Http404
            if what == "signboard":
                form = DecideForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("请选择结论并填写理由。"))
                services.signboard_decide(
                    actor=user,
                    board=board,
                    approve=form.cleaned_data["approve"],
                    reason=form.cleaned_data["reason"],
                )
            elif what == "order-removal":
                services.signboard_order_removal(
                    actor=user, board=board, reason=request.POST.get("reason", "")
                )
            else:
                services.signboard_remove(actor=user, board=board)
        elif what == "returned":
            row = selectors.secondments_for(user).filter(pk=pk).first()
            if row is None:
                raise Http404
            services.secondment_end(actor=user, secondment=row)
        else:
            raise Http404
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("已保存。"))
    return redirect("campaigns:index")
