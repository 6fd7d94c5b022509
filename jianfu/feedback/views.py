"""Data-quality pages: per department, and each import's problem list (page and xlsx)."""

import os
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from jianfu.accounts.scope import may
from jianfu.core.downloads import attach
from jianfu.feedback import selectors, services
from jianfu.feedback.permissions import is_department_user
from jianfu.feedback.problems import kind_label


def _need_view(request: HttpRequest) -> None:
    if not may(request.user, "view"):
        raise Http404


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _need_view(request)
    if is_department_user(request.user):
        return redirect("feedback:department_detail", pk=request.user.department_id)
    recent = Paginator(selectors.feedback_list(user=request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/index.html",
        {"departments": selectors.departments_overview(user=request.user), "page": recent},
    )


@login_required
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _need_view(request)
    department = selectors.department_get(user=request.user, pk=pk)
    quality = selectors.department_quality(user=request.user, department=department)
    peak = max([m["share"] or 0 for m in quality.months] + [0.0001])
    return render(request, "feedback/department.html", {"q": quality, "peak": peak})


@login_required
def import_problems(request: HttpRequest, pk: int) -> HttpResponse:
    _need_view(request)
    imp = selectors.import_for_problems(user=request.user, pk=pk)
    kinds = [(k, kind_label(k), n) for k, n in (imp.feedback.kinds or {}).items()]
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict.fromkeys(k for k, _l, _n in kinds) else ""
    # an indexed offset on (feedback, id) / (feedback, kind, id): the outcome JSON is never read
    problems = selectors.import_problems(user=request.user, ledger_import=imp, kind=kind)
    page = Paginator(problems, 100).get_page(request.GET.get("page"))
    may_export = selectors.import_for_problems_exists(user=request.user, pk=pk, action="export")
    return render(
        request,
        "feedback/import_problems.html",
        {
            "imp": imp,
            "feedback": imp.feedback,
            "page": page,
            "rows": list(page.object_list),
            "may_export": may_export,
            "kinds": kinds,
            "kind": kind,
        },
    )


@login_required
def import_problems_xlsx(request: HttpRequest, pk: int) -> HttpResponseBase:
    _need_view(request)
    imp = selectors.import_for_problems(user=request.user, pk=pk, action="export")
    path = services.problem_list_export(actor=request.user, ledger_import=imp)
    handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    os.unlink(path)
    stem = Path(imp.file_name).stem
    return attach(FileResponse(handle, as_attachment=True), f"{stem}-问题清单.xlsx", f"{stem}-problems.xlsx")
