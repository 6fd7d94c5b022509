"""Pages of one-form filling: list, upload, confirm mapping and population, result, missing values."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.core.downloads import attach
from jianfu.core.permissions import OutOfScope
from jianfu.fills import permissions, selectors, services
from jianfu.fills.choices import FillStatus
from jianfu.fills.forms import FillForm, UploadForm
from jianfu.fills.template import Analysis, TemplateError
from jianfu.fills.where import Vocabulary, WhereError
from jianfu.fills.where import describe as describe_where
from jianfu.orgs.models import Grid
from jianfu.registry.choices import AttributeType
from jianfu.registry.models import Attribute

MISSING_PAGE_SIZE = 20


def _need_fill(user) -> None:
    """Pages that fill or read the registry: community staff only (jianfu.fills.permissions)."""
    if not permissions.may_fill(user):
        raise OutOfScope


def _fill_for_filler(request: HttpRequest, pk: int):
    """A fill the user may see AND whose community's forms the user fills (OutOfScope otherwise)."""
    record = selectors.fill_get(user=request.user, pk=pk)
    permissions.require_fill_community(request.user, record.community)
    return record


def _fill_form(record, data=None) -> FillForm:
    analysis = Analysis.from_dict(record.analysis)
    tags = Attribute.objects.filter(type=AttributeType.TAG).order_by("sort").values_list("code", "name")
    grids = Grid.objects.filter(community=record.community).order_by("code").values_list("code", flat=True)
    return FillForm(
        data,
        columns=analysis.columns,
        attributes=selectors.attribute_choices(),
        tags=list(tags),
        grids=list(grids),
    )


@login_required
def fill_list(request: HttpRequest) -> HttpResponse:
    if not permissions.may_see_fills(request.user):
        raise OutOfScope
    services.fills_fail_stale()
    records = selectors.fill_list(user=request.user).defer("analysis", "mapped_fields")
    page = Paginator(records, 30).get_page(request.GET.get("page"))
    vocabulary = Vocabulary.from_db() if any(r.where for r in page) else None
    for r in page:
        r.where_text = describe_where(r.where, vocabulary) if r.where else ""
    return render(request, "fills/fill_list.html", {"page": page})


@login_required
def fill_new(request: HttpRequest) -> HttpResponse:
    _need_fill(request.user)
    communities = selectors.fill_communities(user=request.user)
    form = UploadForm(request.POST or None, request.FILES or None, communities=communities)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["template"]
        try:
            record = services.fill_prepare(
                actor=request.user,
                community=form.cleaned_data["community"],
                data=upload.read(),
                filename=upload.name,
                department=form.cleaned_data.get("department"),
            )
        except (TemplateError, services.FillError) as exc:
            form.add_error("template", str(exc))
        else:
            return redirect("fills:fill_detail", pk=record.pk)
    return render(request, "fills/fill_new.html", {"form": form})


@login_required
def fill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    services.fills_fail_stale()
    record = selectors.fill_get(user=request.user, pk=pk)
    context = {
        "record": record,
        "analysis": Analysis.from_dict(record.analysis),
        "where_text": describe_where(record.where) if record.where else "",
    }
    if record.status == FillStatus.DRAFT:
        context["form"] = _fill_form(record)
    else:
        context["missing_columns"] = selectors.missing_columns(record=record)
        context["can_complete"] = permissions.may_complete(request.user, record)
        context["may_fill"] = permissions.may_fill(request.user)
        context["blank_rows"] = [
            (f["label"], record.blanks[f["attribute"]])
            for f in record.mapped_fields
            if f["attribute"] and record.blanks.get(f["attribute"])
        ]
    return render(request, "fills/fill_detail.html", context)


@login_required
@require_POST
def fill_run(request: HttpRequest, pk: int) -> HttpResponse:
    _need_fill(request.user)
    record = _fill_for_filler(request, pk)
    if record.status != FillStatus.DRAFT:
        return redirect("fills:fill_detail", pk=record.pk)
    form = _fill_form(record, request.POST)
    if form.is_valid():
        try:
            services.fill_configure(
                actor=request.user,
                record=record,
                mapping=form.cleaned_data["mapping"],
                where=form.cleaned_data["expression"],
            )
            services.fill_start(actor=request.user, record=record)
        except (WhereError, services.FillError) as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("fills:fill_detail", pk=record.pk)
    context = {"record": record, "analysis": Analysis.from_dict(record.analysis), "form": form}
    return render(request, "fills/fill_detail.html", context, status=400)


@login_required
@require_POST
def fill_redo(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the same template again (after missing values were completed, or the registry changed)."""
    _need_fill(request.user)
    record = _fill_for_filler(request, pk)
    if record.status == FillStatus.FAILED:
        services.fill_retry(actor=request.user, record=record)
        messages.success(request, _("已重新填表。"))
    elif not record.is_running:
        services.fill_start(actor=request.user, record=record)
        messages.success(request, _("已重新生成。"))
    return redirect("fills:fill_detail", pk=record.pk)


@login_required
def fill_count(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: how many residents the population filter selects."""
    _need_fill(request.user)
    record = _fill_for_filler(request, pk)
    form = _fill_form(record, request.GET)
    count, error = None, ""
    if form.is_valid():
        try:
            count = services.people_for_fill(
                actor=request.user, community=record.community, where=form.cleaned_data["expression"]
            ).count()
        except WhereError as exc:
            error = str(exc)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(
        request,
        "fills/_count.html",
        {
            "count": count,
            "error": error,
            "expression": (
                expression := form.cleaned_data.get("expression", "") if hasattr(form, "cleaned_data") else ""
            ),
            "expression_text": describe_where(expression) if expression and not error else "",
        },
    )


@login_required
def fill_progress(request: HttpRequest, pk: int) -> HttpResponse:
    services.fills_fail_stale()
    record = selectors.fill_get(user=request.user, pk=pk)
    response = render(request, "fills/_progress.html", {"record": record})
    if not record.is_running and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"  # finished: show the result
    return response


@login_required
def fill_missing(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the table of residents × columns still empty; POST stores what the worker typed."""
    _need_fill(request.user)
    record = _fill_for_filler(request, pk)
    columns = selectors.missing_columns(record=record)
    errors = ""
    if request.method == "POST":
        entries: dict[str, dict[str, str]] = {}
        for name in request.POST:
            if name.startswith("v|"):
                _prefix, pid, key = name.split("|", 2)
                entries.setdefault(pid, {})[key] = request.POST.get(name, "")
        try:
            written = services.fill_missing_save(actor=request.user, record=record, entries=entries)
        except services.FillError as exc:
            errors = str(exc)
        else:
            if written:
                services.fill_start(actor=request.user, record=record)
            messages.success(
                request, _("已保存%(n)d项信息，并已重新生成表格；下次填表会自动带出。") % {"n": written}
            )
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Refresh"] = "true"
                return response
            return redirect("fills:fill_detail", pk=record.pk)
    rows = selectors.missing_rows(user=request.user, record=record, columns=columns)
    page = Paginator(rows, MISSING_PAGE_SIZE).get_page(request.GET.get("page"))
    can_complete = permissions.may_complete(request.user, record)
    return render(
        request,
        "fills/_missing.html",
        {"record": record, "columns": columns, "page": page, "errors": errors, "can_complete": can_complete},
        status=400 if errors else 200,
    )


@login_required
def fill_download(request: HttpRequest, pk: int) -> FileResponse:
    record = selectors.fill_get(user=request.user, pk=pk)
    if record.status != FillStatus.DONE or not record.output_file:
        raise Http404
    services.fill_download_record(actor=request.user, record=record)
    day = timezone.localdate().isoformat()
    return attach(
        FileResponse(record.output_file.open("rb"), as_attachment=True),
        f"{record.template_name}-{record.community.name}-{day}.xlsx",
        f"{record.template_name}-{record.community.code}-{day}.xlsx",
    )
