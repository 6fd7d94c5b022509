"""Pages of the gate: submit, board/queue, detail with the explanation, office and community actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.scope import may
from jianfu.gate import permissions, selectors, services
from jianfu.gate.choices import REFUSABLE_STATUSES, TaskStatus
from jianfu.gate.forms import CommentForm, DecideForm, RateForm, RefuseForm, TaskSubmitForm, WithdrawForm
from jianfu.gate.models import Task


def _user(request: HttpRequest) -> Any:
    """The signed-in user (the views are behind login_required)."""
    return request.user


def _task_or_404(user: Any, pk: int) -> Task:
    task = selectors.task_for(user, pk)
    if task is None:
        raise Http404
    return task


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not may(user, "view"):
        raise Http404
    context: dict[str, Any] = {}
    if user.is_community_staff:
        context["board"] = selectors.community_board(user)
        context["mode"] = "community"
    elif user.is_department:
        context["tasks"] = selectors.department_task_rows(user)
        context["mode"] = "department"
    else:
        queue = selectors.approval_queue_rows(user)
        warnings: dict[int, str | None] = {}  # one calendar look-up per year, not per row
        for task in queue:
            task.overdue = selectors.is_overdue(task)
            if task.decision_due:
                year = task.decision_due.year
                if year not in warnings:
                    warnings[year] = services.workdays.deadline_warning(task.decision_due)
                task.due_warning = warnings[year]
        context["queue"] = queue
        context["notices"] = selectors.notice_rows(user)
        context["recent"] = selectors.recent_decided_rows(user)
        context["mode"] = "office"
    return render(request, "gate/task_list.html", context)


def _attribute_choices() -> list[tuple[str, str]]:
    from jianfu.gate.registry_request import vocabulary

    vocab = vocabulary()
    return sorted(
        ((code, name) for code, (name, type_) in vocab.by_code.items() if type_ != "tag"),
        key=lambda kv: kv[0],
    )


@login_required
def task_submit(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    department = permissions.require_department_account(user)
    reach = services.department_communities(department).select_related("street")
    form = TaskSubmitForm(request.POST or None, communities=reach, attributes=_attribute_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_submit(
                actor=user,
                department=department,
                title=data["title"],
                description=data["description"],
                communities=list(data["communities"]),
                kind=data["kind"],
                legal_basis=data["legal_basis"],
                deadline=data["deadline"],
                expected_hours=data["expected_hours"] or 0,
                resource_staff=data["resource_staff"] or 0,
                resource_money=data["resource_money"] or 0,
                resource_training=data["resource_training"],
                resources_note=data["resources_note"],
                assessed=data["assessed"],
                emergency=data["emergency"],
                requested_fields=data["requested_fields"],
                population=data["population"],
                full_fields=data["full_fields"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("已提交，准入结论：%(d)s") % {"d": task.get_decision_display()})
            return redirect("gate:task_detail", pk=task.pk)
    return render(request, "gate/task_form.html", {"form": form, "department": department})


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = _task_or_404(user, pk)
    targets = list(task.targets.select_related("community"))
    my_target = next(
        (t for t in targets if user.is_community_staff and t.community_id == user.community_id), None
    )
    if user.is_community_staff:
        targets = [my_target] if my_target else []
    ratings = list(task.ratings.select_related("community"))
    if user.is_community_staff:
        ratings = [r for r in ratings if r.community_id == user.community_id]
    data_request = getattr(task, "data_request", None) if task.status == TaskStatus.SERVED else None
    context = {
        "task": task,
        "data_request": data_request,
        "targets": targets,
        "my_target": my_target,
        "comments": list(task.comments.select_related("community")),
        "ratings": ratings,
        "transitions": list(task.transitions.select_related("by")),
        "overdue": selectors.is_overdue(task),
        "due_warning": services.workdays.deadline_warning(task.decision_due) if task.decision_due else None,
        "is_office": user.is_burden_office or user.is_superuser,
        "may_refuse": bool(my_target and task.status in REFUSABLE_STATUSES and my_target.status != "refused"),
        "may_comment": bool(my_target and task.status == TaskStatus.PENDING_APPROVAL),
        "may_rate": bool(
            my_target
            and task.status in (TaskStatus.ADMITTED, TaskStatus.APPROVED)
            and my_target.status != "refused"
            and not ratings
        ),
        "may_withdraw": (
            (user.is_burden_office or user.is_superuser)
            and task.status in (TaskStatus.ADMITTED, TaskStatus.APPROVED, TaskStatus.PENDING_APPROVAL)
        )
        or (
            user.is_department
            and task.department_id == user.department_id
            and task.status == TaskStatus.PENDING_APPROVAL
        ),
        "decide_form": DecideForm(),
        "withdraw_form": WithdrawForm(),
        "comment_form": CommentForm(),
        "rate_form": RateForm(),
        "refuse_form": RefuseForm(),
    }
    return render(request, "gate/task_detail.html", context)


def _post_action(request: HttpRequest, pk: int, form_class, call) -> HttpResponse:
    task = _task_or_404(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return redirect("gate:task_detail", pk=task.pk)
    try:
        call(task, form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("gate:task_detail", pk=task.pk)


@login_required
@require_POST
def task_decide(request: HttpRequest, pk: int) -> HttpResponse:
    approve = "approve" in request.POST

    def call(task, data):
        services.task_decide(
            actor=request.user,
            task=task,
            approve=approve,
            legality=data["legality"],
            reasonableness=data["reasonableness"],
            feasibility=data["feasibility"],
            opinions=data["opinions"],
            reason=data["reason"],
        )
        messages.success(request, _("已批准。") if approve else _("已决定不予准入。"))

    return _post_action(request, pk, DecideForm, call)


@login_required
@require_POST
def task_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    def call(task, data):
        services.task_withdraw(actor=request.user, task=task, reason=data["reason"])
        messages.success(request, _("已撤销。"))

    return _post_action(request, pk, WithdrawForm, call)


@login_required
@require_POST
def task_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    def call(task, data):
        services.task_refuse(actor=request.user, task=task, reason=data["reason"])
        messages.success(request, _("已拒绝执行，并已告知减负办。"))

    return _post_action(request, pk, RefuseForm, call)


@login_required
@require_POST
def task_comment(request: HttpRequest, pk: int) -> HttpResponse:
    def call(task, data):
        services.task_comment_add(actor=request.user, task=task, body=data["body"])
        messages.success(request, _("意见已提交减负办。"))

    return _post_action(request, pk, CommentForm, call)


@login_required
@require_POST
def task_rate(request: HttpRequest, pk: int) -> HttpResponse:
    def call(task, data):
        services.task_rate(actor=request.user, task=task, score=data["score"], comment=data["comment"])
        messages.success(request, _("感谢评价。"))

    return _post_action(request, pk, RateForm, call)
