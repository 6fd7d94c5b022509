"""Pages of the digital register: the register, a tool, the phone-first declaration, a department's
tools, the street/district report, and the rule check. Views parse, call a service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.models import User
from jianfu.accounts.scope import may
from jianfu.digital import permissions, selectors, services
from jianfu.digital.choices import LIVE_STATUSES, AskPer, ToolKind, ToolStatus
from jianfu.digital.forms import (
    AnswerForm,
    CheckForm,
    NewToolForm,
    PlanForm,
    ProgressForm,
    RegisterForm,
    ReportForm,
    ReviseForm,
)
from jianfu.digital.models import DigitalTool, PlanItem
from jianfu.digital.rules import rule_text
from jianfu.orgs.models import Department


def _error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def _need_view(request: HttpRequest) -> None:
    if not may(request.user, "view"):
        raise Http404


def _departments(user) -> list[Department]:
    district_id = user.district_id or (user.community.street.district_id if user.community_id else None)
    if district_id is None and user.department_id:
        district_id = user.department.district_id
    return list(Department.objects.filter(district_id=district_id).order_by("code")) if district_id else []


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _need_view(request)
    if request.user.is_department:
        return redirect("digital:department")
    q = request.GET.get("q", "").strip()[:50]
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    tools = selectors.tools_for(
        request.user,
        q=q,
        kind=kind if kind in ToolKind.values else "",
        status=status if status in ToolStatus.values else "",
    )
    page = Paginator(tools, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "digital/register.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "status": status,
            "kinds": ToolKind.choices,
            "statuses": ToolStatus.choices,
            "may_declare": permissions.may_declare(request.user),
            "may_report": permissions.may_report(request.user),
        },
    )


@login_required
def tool_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tool = selectors.tool_detail(request.user, pk)
    targets = [
        t
        for t in DigitalTool.objects.restrict(request.user, "view")
        .filter(status__in=LIVE_STATUSES)
        .exclude(pk=tool.pk)[:200]
    ]
    may_answer = permissions.may_answer(request.user, tool) and tool.status in (
        ToolStatus.IN_USE,
        ToolStatus.KEEP,
    )
    may_plan = permissions.may_plan(request.user, tool)
    return render(
        request,
        "digital/tool.html",
        {
            "tool": tool,
            "violations": selectors.violations_for(request.user, tool),
            "answers": list(tool.answers.select_related("by")[:20]),
            "plan_items": list(tool.plan_items.select_related("merge_into")),
            "transitions": list(tool.transitions.select_related("by")),
            "users": tool.declarations.filter(withdrawn_on=None).count(),
            "communities": list(tool.communities.select_related("street").order_by("code")[:50]),
            "hours_per_week": services_hours(tool),
            "answer_form": AnswerForm(targets=targets) if may_answer else None,
            "plan_form": PlanForm(targets=targets)
            if may_plan and tool.status in (ToolStatus.IN_USE, ToolStatus.KEEP)
            else None,
            "revise_form": ReviseForm(initial={"purpose": tool.purpose, "asks_text": tool.asks_text})
            if (permissions.may_answer(request.user, tool) or may_plan) and tool.status in LIVE_STATUSES
            else None,
            "may_progress": may_plan or permissions.may_answer(request.user, tool),
            "progress_form": ProgressForm(),
            "pers": dict(AskPer.choices),
        },
    )


def services_hours(tool: DigitalTool):
    from jianfu.digital.estimate import hours_per_week

    return hours_per_week(tool.minutes_per_day)


def _tool_for_post(request: HttpRequest, pk: int) -> DigitalTool:
    return get_object_or_404(DigitalTool.objects.restrict(request.user, "view"), pk=pk)


def _act(
    request: HttpRequest, tool_pk: int, success: str, write: Callable[..., Any], **kwargs: Any
) -> HttpResponse:
    """Run one service write for the signed-in user, flash its outcome, and go back to the tool page."""
    try:
        write(actor=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, success)
    return redirect("digital:tool", pk=tool_pk)


def _target(request: HttpRequest, value) -> DigitalTool | None:
    if not value:
        return None
    return get_object_or_404(DigitalTool.objects.restrict(request.user, "view"), pk=value)


@login_required
@require_POST
def tool_answer(request: HttpRequest, pk: int) -> HttpResponse:
    tool = _tool_for_post(request, pk)
    permissions.require_answer(request.user, tool)
    form = AnswerForm(
        request.POST, targets=DigitalTool.objects.restrict(request.user, "view").exclude(pk=tool.pk)
    )
    if not form.is_valid():
        messages.error(
            request,
            _("答复未保存：%(e)s")
            % {"e": "；".join(f"{k}: {' '.join(str(x) for x in v)}" for k, v in form.errors.items())},
        )
        return redirect("digital:tool", pk=tool.pk)
    return _act(
        request,
        tool.pk,
        _("已答复。"),
        services.tool_answer,
        tool=tool,
        kind=form.cleaned_data["kind"],
        text=form.cleaned_data["text"],
        merge_into=_target(request, form.cleaned_data["merge_into"]),
        due_on=form.cleaned_data["due_on"],
    )


@login_required
@require_POST
def tool_plan(request: HttpRequest, pk: int) -> HttpResponse:
    tool = _tool_for_post(request, pk)
    permissions.require_plan(request.user, tool)
    form = PlanForm(
        request.POST, targets=DigitalTool.objects.restrict(request.user, "view").exclude(pk=tool.pk)
    )
    if not form.is_valid():
        messages.error(request, _("未列入计划：请填写处置和理由。"))
        return redirect("digital:tool", pk=tool.pk)
    return _act(
        request,
        tool.pk,
        _("已列入整合计划。"),
        services.plan_decide,
        tool=tool,
        action=form.cleaned_data["action"],
        reason=form.cleaned_data["reason"],
        due_on=form.cleaned_data["due_on"],
        merge_into=_target(request, form.cleaned_data["merge_into"]),
    )


@login_required
@require_POST
def plan_progress(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(PlanItem.objects.restrict(request.user, "view"), pk=pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择进度。"))
        return redirect("digital:tool", pk=item.tool_id)
    return _act(
        request,
        item.tool_id,
        _("进度已更新。"),
        services.plan_progress,
        item=item,
        progress=form.cleaned_data["progress"],
        note=form.cleaned_data["note"],
    )


@login_required
@require_POST
def tool_revise(request: HttpRequest, pk: int) -> HttpResponse:
    tool = _tool_for_post(request, pk)
    form = ReviseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("未保存：内容过长。"))
        return redirect("digital:tool", pk=tool.pk)
    return _act(
        request, tool.pk, _("已保存并重新检查。"), services.tool_revise, tool=tool, **form.cleaned_data
    )


def _registered(request: HttpRequest, tool: DigitalTool) -> HttpResponse:
    """Say what became of a newly registered tool (the gate may refuse or hold it) and show it."""
    if tool.status == ToolStatus.REFUSED:
        messages.error(
            request,
            _("未准入：%(r)s") % {"r": "；".join(tool.gate_task.reasons) if tool.gate_task else ""},
        )
    elif tool.status == ToolStatus.PENDING:
        messages.info(request, _("已提交减负办准入审批。"))
    else:
        messages.success(request, _("已登记。"))
    return redirect("digital:tool", pk=tool.pk)


@login_required
def tool_new(request: HttpRequest) -> HttpResponse:
    if not permissions.may_register(request.user) or request.user.role == "resident":
        raise Http404
    form = RegisterForm(
        request.POST or None,
        departments=_departments(request.user),
        communities=selectors.registrable_communities(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            tool = services.tool_register(actor=request.user, **form.tool_fields())
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            return _registered(request, tool)
    return render(request, "digital/tool_new.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# The phone-first declaration: four actions, each a service call, then back to the page


def _declare_picked(request: HttpRequest) -> None:
    ids = [int(v) for v in request.POST.getlist("tool") if v.isdigit()]
    tools = list(services.declarable_tools(request.user).filter(pk__in=ids))
    if len(tools) != len(set(ids)):
        raise services.DigitalError(_("所选的应用或工作群有的已不在本区在用的目录中，请刷新后重选。"))
    created = services.declaration_add(actor=request.user, tools=tools)
    messages.success(request, _("已申报%(n)s个。") % {"n": len(created)})


def _declare_as_colleague(request: HttpRequest) -> None:
    colleague = get_object_or_404(
        User.objects.filter(community_id=request.user.community_id or 0, is_active=True),
        pk=request.POST.get("colleague") or 0,
    )
    created = services.declaration_copy(actor=request.user, colleague=colleague)
    messages.success(request, _("已与同事相同：新申报%(n)s个。") % {"n": len(created)})


def _declare_new(request: HttpRequest, form: NewToolForm) -> None:
    if not form.is_valid():
        raise services.DigitalError(_("请填写类型、平台和名称。"))
    tool, _created = services.declaration_add_new(actor=request.user, **form.tool_fields())
    if tool.violation_codes:
        messages.warning(
            request,
            _("已登记并申报「%(name)s」。它违反了规定，已提示主管部门答复：%(r)s")
            % {"name": tool.name, "r": "；".join(v.reason for v in tool.violations.all())},
        )
    else:
        messages.success(request, _("已登记并申报「%(name)s」。") % {"name": tool.name})


def _declare_withdraw(request: HttpRequest) -> None:
    declaration = get_object_or_404(
        selectors.declarations_of(request.user), pk=request.POST.get("declaration") or 0
    )
    services.declaration_withdraw(actor=request.user, declaration=declaration)
    messages.success(request, _("已标记为不再使用。"))


@login_required
def declare(request: HttpRequest) -> HttpResponse:
    permissions.require_declarer(request.user)
    departments = _departments(request.user)
    new_form = NewToolForm(departments=departments)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "declare":
                _declare_picked(request)
            elif action == "copy":
                _declare_as_colleague(request)
            elif action == "new":
                new_form = NewToolForm(request.POST, departments=departments)
                _declare_new(request, new_form)
            elif action == "withdraw":
                _declare_withdraw(request)
            else:
                raise services.DigitalError(_("未知的操作。"))
        except ValidationError as exc:
            # shown on the page itself, with a rejected new tool's form as she filled it in
            messages.error(request, _error_text(exc))
        else:
            return redirect("digital:declare")
    q = request.GET.get("q", "").strip()[:50]
    if request.htmx and request.GET.get("partial") == "pick":
        return render(request, "digital/_pick.html", {"choices": selectors.declarable(request.user, q)})
    return render(
        request,
        "digital/declare.html",
        {
            **selectors.declared_summary(request.user),
            "choices": selectors.declarable(request.user, q),
            "q": q,
            "colleagues": selectors.colleagues_with_declarations(request.user),
            "new_form": new_form,
        },
    )


# ---------------------------------------------------------------------------------------------
# Departments, reports, the check


@login_required
def department(request: HttpRequest) -> HttpResponse:
    if not request.user.is_department or not request.user.department_id:
        raise Http404
    tools = list(selectors.department_tools(request.user))
    return render(
        request,
        "digital/department.html",
        {
            "tools": tools,
            "breaching": [
                {"tool": t, "labels": [rule_text(code)[0] for code in t.violation_codes]}
                for t in tools
                if t.violation_codes and t.status in LIVE_STATUSES
            ],
            "department": request.user.department,
        },
    )


def _report_query(request: HttpRequest) -> ReportForm:
    permissions.require_report(request.user)
    form = ReportForm(request.GET)
    if not form.is_valid():
        raise Http404
    return form


@login_required
def report(request: HttpRequest) -> HttpResponse:
    query = _report_query(request).cleaned_data
    street = query["street"]
    data = selectors.report(request.user, street=street, plan_rows=False)
    if street is not None and not data.communities:
        raise Http404
    return render(
        request,
        "digital/report.html",
        {
            "r": data,
            "plan": selectors.plan_page(request.user, street=street, number=query["page"]),
            "street": street,
            "streets": selectors.report_streets(request.user),
            "chart": {
                "trend": data.as_json()["trend"],
                "departments": [
                    {"name": d["department"], "total": d["total"]} for d in data.departments[:15]
                ],
            },
        },
    )


@login_required
def report_export(request: HttpRequest) -> HttpResponse:
    from jianfu.core.downloads import attach
    from jianfu.digital import exports

    street = _report_query(request).cleaned_data["street"]
    body, name, english = exports.report_xlsx(actor=request.user, street=street)
    return attach(HttpResponse(body, content_type=exports.XLSX), name, english)


@login_required
def unit_times(request: HttpRequest) -> HttpResponse:
    """The Standard Cost Model's minutes per ask: everyone who may see reports reads them; the
    district 减负办 and administrators change them (audited)."""
    if not (permissions.may_report(request.user) or permissions.may_set_unit_times(request.user)):
        raise Http404
    may_set = permissions.may_set_unit_times(request.user)
    error = ""
    if request.method == "POST":
        if not may_set:
            raise Http404
        try:
            row = services.ask_unit_time_set(
                actor=request.user,
                kind=request.POST.get("kind", ""),
                minutes=request.POST.get("minutes", ""),
                basis=request.POST.get("basis"),
            )
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(
                request,
                _("已更新「%(k)s」：每次%(m)s分钟。") % {"k": row.get_kind_display(), "m": row.minutes},
            )
            return redirect("digital:unit_times")
    return render(
        request,
        "digital/unit_times.html",
        {"rows": selectors.ask_unit_times(), "may_set": may_set, "error": error},
        status=400 if error else 200,
    )


@login_required
def check(request: HttpRequest) -> HttpResponse:
    _need_view(request)
    form = CheckForm(request.POST or request.GET or None)
    result = services.check_text(form.cleaned_data["text"]) if form.is_bound and form.is_valid() else None
    template = "digital/_check_result.html" if request.htmx else "digital/check.html"
    return render(request, template, {"form": form, "result": result})
