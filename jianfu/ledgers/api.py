"""Ledger import API (/api/v1/ledgers/): upload + import, status, row results, review decisions.

Same scoping as the pages: importing needs 'change' on the community (department tokens may
not: 404), reading needs 'view', review decisions need 'review'.
"""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from jianfu.accounts.scope import communities_for
from jianfu.core.apikit import ObjectId, Page, errors
from jianfu.ledgers import selectors, services
from jianfu.ledgers.models import LedgerImport
from jianfu.sheets.reader import SheetError

router = Router(tags=["ledgers"])


class ImportOut(Schema):
    id: int
    file_name: str
    community: str
    source: str
    sheet: str
    status: str
    rows_total: int
    rows_done: int
    summary: dict[str, Any]
    columns: list[dict[str, Any]]
    mapping: dict[str, str]
    error: str


class LedgerProblemOut(Schema):
    column: str
    attribute: str
    kind: str
    message: str


class RowOut(Schema):
    row: int
    status: str
    person: str | None
    errors: list[str]
    problems: list[
        LedgerProblemOut
    ] = []  # values kept as written, not validated (the value itself is not given)
    warnings: list[str] = []


class ReviewOut(Schema):
    id: int
    import_id: int
    row_number: int
    values: dict[str, str]
    candidates: list[dict[str, Any]]
    status: str


class DecisionIn(Schema):
    decision: str  # link | new | reject
    pid: str = ""
    reason: str = ""


def _out(imp: LedgerImport) -> dict[str, Any]:
    return {
        "id": imp.pk,
        "file_name": imp.file_name,
        "community": imp.community.code,
        "source": imp.source.name,
        "sheet": imp.sheet,
        "status": imp.status,
        "rows_total": imp.rows_total,
        "rows_done": imp.rows_done,
        "summary": imp.summary,
        "columns": imp.columns,
        "mapping": imp.mapping,
        "error": imp.error,
    }


def _review_out(item: Any) -> dict[str, Any]:
    from jianfu.ledgers.selectors import _masked

    values = {k: _masked(k, v) for k, v in item.row.get("values", {}).items()}
    return {
        "id": item.pk,
        "import_id": item.ledger_import_id,
        "row_number": item.row_number,
        "values": values,
        "candidates": item.candidates,
        "status": item.status,
    }


@router.post("/imports", response={201: ImportOut, **errors(400)})
def import_create(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008
    community: str = Form(...),
    source: str = Form(...),
    sheet: str = Form(""),
    tag: str = Form(""),
    no_tag: bool = Form(False),
    confirm: bool = Form(True),
):
    """Upload a ledger; with confirm=true (default) the proposed mapping is accepted and the import queued.

    `tag` (code, name or synonym) is the tag every row has; left empty, the source's remembered
    default tag applies (`no_tag=true`: none). The first tag given for a source is remembered."""
    from jianfu.ledgers.tagging import SOURCE_DEFAULT
    from jianfu.ledgers.views import upload_ledger
    from jianfu.registry.tags import resolve_tag

    target = get_object_or_404(communities_for(request.auth, "change"), code=community)
    tag_obj: Any = None if no_tag else SOURCE_DEFAULT
    if tag:
        tag_obj = resolve_tag(tag)
        if tag_obj is None:
            raise HttpError(400, f"unknown tag {tag}")
    try:
        imp = upload_ledger(user=request.auth, community=target, source_name=source, upload=file, sheet=sheet)
        if confirm:
            services.ledger_import_confirm(actor=request.auth, ledger_import=imp, tag=tag_obj)
    except (services.LedgerError, SheetError) as exc:
        return Status(400, {"detail": str(exc)})
    imp = selectors.import_get(user=request.auth, pk=imp.pk)
    return Status(201, _out(imp))


@router.get("/imports", response=list[ImportOut])
def import_index(request: HttpRequest, page: Query[Page]):
    services.ledger_imports_fail_stale()
    return [_out(i) for i in page.window(selectors.import_list(user=request.auth)).defer(None)]


@router.get("/imports/{import_id}", response=ImportOut)
def import_status(request: HttpRequest, import_id: ObjectId):
    services.ledger_imports_fail_stale()
    return _out(selectors.import_get(user=request.auth, pk=import_id))


@router.post("/imports/{import_id}/retry", response={202: ImportOut, **errors(400)})
def import_retry(request: HttpRequest, import_id: ObjectId):
    """Queue a failed import again (same file and mapping)."""
    imp = selectors.import_get(user=request.auth, pk=import_id, action="change")
    try:
        services.ledger_import_retry(actor=request.auth, ledger_import=imp)
    except services.LedgerError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(202, _out(selectors.import_get(user=request.auth, pk=import_id)))


@router.post("/imports/{import_id}/confirm", response={200: ImportOut, **errors(400)})
def import_confirm(request: HttpRequest, import_id: ObjectId, mapping: dict[str, str] | None = None):
    imp = selectors.import_get(user=request.auth, pk=import_id, action="change")
    try:
        services.ledger_import_confirm(actor=request.auth, ledger_import=imp, mapping=mapping)
    except services.LedgerError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, _out(selectors.import_get(user=request.auth, pk=import_id)))


@router.get("/imports/{import_id}/rows", response=list[RowOut])
def import_rows(request: HttpRequest, import_id: ObjectId, status: str = ""):
    imp = selectors.import_get(user=request.auth, pk=import_id)
    return [r for r in imp.results if not status or r["status"] == status]


@router.get("/reviews", response=list[ReviewOut])
def review_index(request: HttpRequest, page: Query[Page], status: str = "pending"):
    return [_review_out(i) for i in page.window(selectors.review_list(user=request.auth, status=status))]


@router.post("/reviews/{item_id}/decision", response={200: ReviewOut, **errors(400)})
def review_decision(request: HttpRequest, item_id: ObjectId, payload: DecisionIn):
    item = selectors.review_get(user=request.auth, pk=item_id)
    try:
        if payload.decision == "link":
            services.review_link(actor=request.auth, item=item, pid=payload.pid)
        elif payload.decision == "new":
            services.review_create(actor=request.auth, item=item)
        elif payload.decision == "reject":
            services.review_reject(actor=request.auth, item=item, reason=payload.reason)
        else:
            return Status(400, {"detail": "decision must be link, new or reject"})
    except services.LedgerError as exc:
        return Status(400, {"detail": str(exc)})
    except Http404:
        raise
    item.refresh_from_db()
    return Status(200, _review_out(item))
