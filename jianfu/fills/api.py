"""One-form filling API (/api/v1/fills/): upload a template and fill it, status, download.

Same rules as the pages (jianfu.fills.permissions): community staff fill their community's forms;
a fill is visible to that community and to the department it was delivered to; anything else is
a 404.
Small fills answer with the finished result; large ones run in the background — poll
`GET /api/v1/fills/{id}` until `status` is `done`, then download.
"""

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from jianfu.core.apikit import ObjectId, SmallPage, errors
from jianfu.core.downloads import attach
from jianfu.fills import selectors, services
from jianfu.fills.choices import FillStatus
from jianfu.fills.models import FillRecord
from jianfu.fills.permissions import fill_communities
from jianfu.fills.template import TemplateError
from jianfu.fills.where import WhereError
from jianfu.orgs.models import Department

router = Router(tags=["fills"])


def _user(request: HttpRequest) -> Any:
    """The authenticated caller (a token's user or the session user)."""
    return getattr(request, "auth", None)


class FillOut(Schema):
    id: int
    template_name: str
    community: str
    status: str
    where: str
    header_row: int
    columns: list[dict[str, Any]]
    rows_written: int
    left_out: int = Field(
        0, description="Residents matching the filter left out: sensitive (综治) tags without a legal basis."
    )
    unmapped: list[str]
    blanks: dict[str, int]
    progress: int
    total: int
    error: str
    download_url: str | None


def _out(request: HttpRequest, record: FillRecord) -> dict[str, Any]:
    download = None
    if record.status == FillStatus.DONE:
        download = request.build_absolute_uri(f"/api/v1/fills/{record.pk}/download")
    return {
        "id": record.pk,
        "template_name": record.template_name,
        "community": record.community.code,
        "status": record.status,
        "where": record.where,
        "header_row": record.header_row,
        "columns": [
            {
                "header": c["header"],
                "group": c.get("group", ""),
                "attribute": c["attribute"],
                "meta": c["meta"],
            }
            for c in record.mapped_fields
        ],
        "rows_written": record.rows_written,
        "left_out": record.left_out,
        "unmapped": record.unmapped,
        "blanks": record.blanks,
        "progress": record.progress,
        "total": record.total,
        "error": record.error,
        "download_url": download,
    }


@router.get("/", response=list[FillOut], summary="The caller's fills (scoped), newest first")
def list_fills(request: HttpRequest, page: Query[SmallPage]):
    services.fills_fail_stale()
    return [_out(request, r) for r in page.window(selectors.fill_list(user=_user(request)))]


@router.post(
    "/", response={200: FillOut, 202: FillOut, **errors(400, 413)}, summary="Upload a template and fill it"
)
def create_fill(
    request: HttpRequest,
    community: Form[str],
    template: File[UploadedFile],
    where: Form[str] = "",
    department: Form[str] = "",
):
    """`department`: code of the department the filled form is delivered to (it alone may then see it)."""
    user = _user(request)
    target = fill_communities(user).filter(code=community.strip()).first()
    if target is None:
        raise Http404
    recipient = None
    if department.strip():
        recipient = (
            Department.objects.filter(district_id=target.street.district_id, code=department.strip())
            .filter(Q(street__isnull=True) | Q(street_id=target.street_id))
            .first()
        )
        if recipient is None:
            raise HttpError(400, f"unknown department code {department.strip()!r} for {target.code}")
    if (template.size or 0) > settings.JIANFU_MAX_UPLOAD_BYTES:
        raise HttpError(413, "template too large")
    try:
        record = services.fill_prepare(
            actor=user,
            community=target,
            data=template.read(),
            filename=template.name or "template.xlsx",
            department=recipient,
        )
        services.fill_configure(actor=user, record=record, mapping={}, where=where)
        record = services.fill_start(actor=user, record=record)
    except (TemplateError, WhereError, services.FillError) as exc:
        raise HttpError(400, str(exc)) from exc
    record.refresh_from_db()
    return Status(202 if record.is_running else 200, _out(request, record))


@router.get("/{fill_id}", response=FillOut, summary="One fill: status, mapping, unmapped columns")
def get_fill(request: HttpRequest, fill_id: ObjectId):
    services.fills_fail_stale()
    return _out(request, selectors.fill_get(user=_user(request), pk=fill_id))


@router.post(
    "/{fill_id}/retry",
    response={200: FillOut, 202: FillOut, **errors(400)},
    summary="Fill a failed fill again",
)
def retry_fill(request: HttpRequest, fill_id: ObjectId):
    record = selectors.fill_get(user=_user(request), pk=fill_id)
    try:
        record = services.fill_retry(actor=_user(request), record=record)
    except (TemplateError, WhereError, services.FillError) as exc:
        raise HttpError(400, str(exc)) from exc
    record.refresh_from_db()
    return Status(202 if record.is_running else 200, _out(request, record))


@router.get(
    "/{fill_id}/download",
    summary="The filled .xlsx (audited as an export)",
    response={200: None, **errors(409)},
)
def download_fill(request: HttpRequest, fill_id: ObjectId):
    record = selectors.fill_get(user=_user(request), pk=fill_id)
    if record.status != FillStatus.DONE or not record.output_file:
        raise HttpError(409, "not ready")
    services.fill_download_record(actor=_user(request), record=record)
    day = timezone.localdate().isoformat()
    return attach(
        FileResponse(record.output_file.open("rb"), as_attachment=True),
        f"{record.template_name}-{record.community.name}-{day}.xlsx",
        f"{record.template_name}-{record.community.code}-{day}.xlsx",
    )
