"""Ledger import pages: upload → confirm mapping → progress → outcome; the review queue."""

import os
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files import File
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.scope import Action, communities_for, may
from jianfu.core.downloads import attach
from jianfu.ledgers import selectors, services
from jianfu.ledgers.choices import IGNORE, NEW_PREFIX, ImportStatus
from jianfu.ledgers.exports import import_outcome_export
from jianfu.ledgers.forms import ConfirmForm, DecisionForm, UploadForm
from jianfu.ledgers.mapping import missing_name_message
from jianfu.ledgers.tagging import implied_by_columns
from jianfu.registry.models import Attribute
from jianfu.registry.selectors import header_vocabulary
from jianfu.sheets.reader import SheetError, check_size


def _need(user, action: Action) -> None:
    if not may(user, action):
        raise Http404


def save_upload(upload) -> Path:
    """The upload in a temporary file (its size was checked first)."""
    check_size(upload.size)
    suffix = Path(upload.name).suffix[:10]
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115
    with handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return Path(handle.name)


def upload_ledger(*, user, community, source_name: str, upload, sheet: str = ""):
    """Shared by the page and the API: check, read and propose; nothing is kept when refused."""
    path = save_upload(upload)
    try:
        from django.db import transaction

        from jianfu.registry.services import source_for_ledger

        with transaction.atomic(), open(path, "rb") as fh:  # a refused file leaves no new source behind
            source = source_for_ledger(name=source_name)
            return services.ledger_import_upload(
                actor=user,
                community=community,
                source=source,
                path=path,
                file_name=upload.name,
                sheet=sheet or None,
                stored_file=File(fh, name=os.path.basename(upload.name)),
            )
    finally:
        path.unlink(missing_ok=True)


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    _need(request.user, "view")
    services.ledger_imports_fail_stale()
    communities = communities_for(request.user, "change")
    can_upload = communities.exists()
    form = UploadForm(communities=communities)
    if request.method == "POST":
        _need(request.user, "change")
        form = UploadForm(request.POST, request.FILES, communities=communities)
        if form.is_valid():
            try:
                imp = upload_ledger(
                    user=request.user,
                    community=form.cleaned_data["community"],
                    source_name=form.cleaned_data["source"],
                    upload=form.cleaned_data["file"],
                    sheet=form.cleaned_data["sheet"],
                )
            except (services.LedgerError, SheetError) as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("ledgers:import_detail", pk=imp.pk)
    page = Paginator(selectors.import_list(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "ledgers/import_list.html", {"form": form, "page": page, "can_upload": can_upload})


def _attribute_choices():
    return list(Attribute.objects.order_by("sort", "code").values_list("code", "name"))


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    services.ledger_imports_fail_stale()
    imp = selectors.import_get(user=request.user, pk=pk)
    feedback = getattr(imp, "feedback", None) if imp.status == ImportStatus.DONE else None
    context = {
        "feedback": feedback,
        "imp": imp,
        "can_change": may(request.user, "change")
        and imp.community in communities_for(request.user, "change"),
        "IGNORE": IGNORE,
        "NEW_PREFIX": NEW_PREFIX,
    }
    if imp.status == ImportStatus.MAPPING:
        attributes = {a.code: a for a in Attribute.objects.all()}
        context.update(
            confirm_form=ConfirmForm(initial={"tag": imp.source.default_tag_id}),
            attributes=_attribute_choices(),
            default_tag=imp.source.default_tag,
            implied_tags=implied_by_columns(imp.columns, attributes),
        )
        if not any(c.get("proposed") == "name" for c in imp.columns):
            context["name_help"] = missing_name_message(
                imp.columns, header_vocabulary(), _("请在下表中把姓名所在的列选为“姓名”。")
            )
    if imp.status == ImportStatus.DONE:
        results = imp.results
        status = request.GET.get("status", "")
        if status:
            results = [r for r in results if r["status"] == status]
        context.update(page=Paginator(results, 100).get_page(request.GET.get("page")), status_filter=status)
    return render(request, "ledgers/import_detail.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    imp = selectors.import_get(user=request.user, pk=pk, action="change")
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("标签选择无效。"))
        return redirect("ledgers:import_detail", pk=imp.pk)
    mapping = {}
    for col in imp.columns:
        target = request.POST.get(f"col-{col['index']}", "")
        if target == "__new__":
            target = NEW_PREFIX + (request.POST.get(f"new-{col['index']}", "").strip() or col["header"])
        mapping[col["key"]] = target
    try:
        services.ledger_import_confirm(
            actor=request.user, ledger_import=imp, mapping=mapping, tag=form.cleaned_data["tag"]
        )
    except services.LedgerError as exc:
        messages.error(request, str(exc))
    return redirect("ledgers:import_detail", pk=imp.pk)


@login_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    services.ledger_imports_fail_stale()
    imp = selectors.import_get(user=request.user, pk=pk)
    response = render(request, "ledgers/_progress.html", {"imp": imp})
    if not imp.is_active and request.htmx:
        response["HX-Refresh"] = "true"  # finished: reload the page to show the outcome
    return response


@login_required
@require_POST
def import_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """A failed import again, with the same file and mapping (the registry was left as it was)."""
    imp = selectors.import_get(user=request.user, pk=pk, action="change")
    try:
        services.ledger_import_retry(actor=request.user, ledger_import=imp)
    except services.LedgerError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已重新排队导入。"))
    return redirect("ledgers:import_detail", pk=imp.pk)


@login_required
def import_outcome_xlsx(request: HttpRequest, pk: int) -> HttpResponseBase:
    imp = selectors.import_get(user=request.user, pk=pk, action="export")
    if imp.status != ImportStatus.DONE:
        raise Http404
    path = import_outcome_export(actor=request.user, ledger_import=imp)
    handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    os.unlink(path)
    stem = Path(imp.file_name).stem
    return attach(
        FileResponse(handle, as_attachment=True), f"{stem}-导入结果.xlsx", f"{stem}-import-outcome.xlsx"
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _need(request.user, "review")
    page = Paginator(selectors.review_list(user=request.user), 20).get_page(request.GET.get("page"))
    cards = selectors.review_cards(list(page.object_list))
    return render(request, "ledgers/review_queue.html", {"page": page, "cards": cards})


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.review_get(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择一种处理方式。"))
        return redirect("ledgers:review_queue")
    decision = form.cleaned_data["decision"]
    try:
        if decision == "link":
            person = services.review_link(actor=request.user, item=item, pid=form.cleaned_data["pid"])
            messages.success(
                request,
                _("第%(row)d行已确认为%(name)s（%(pid)s）。")
                % {"row": item.row_number, "name": person.name, "pid": person.pid},
            )
            item.refresh_from_db(fields=["reason"])
            if item.reason:  # an identity value of the row differs from the registry's: say what was kept
                messages.warning(request, item.reason)
        elif decision == "new":
            person = services.review_create(actor=request.user, item=item)
            messages.success(
                request, _("第%(row)d行已新建为%(pid)s。") % {"row": item.row_number, "pid": person.pid}
            )
        else:
            services.review_reject(actor=request.user, item=item, reason=form.cleaned_data["reason"])
            messages.success(request, _("第%(row)d行不导入。") % {"row": item.row_number})
    except services.LedgerError as exc:
        messages.error(request, str(exc))
    return redirect("ledgers:review_queue")
