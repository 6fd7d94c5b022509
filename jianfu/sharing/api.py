"""/api/v1/sharing/: a department's agreements, requests and files; the 减负办 approves, rejects, revokes.

Data requests are submitted through the gate (`POST /api/v1/gate/tasks` with `requested_fields` and
`population`); the response names the data request this module serves.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.core.apikit import ObjectId, Page, errors
from jianfu.core.downloads import attach
from jianfu.sharing import permissions, population, selectors, services

router = Router(tags=["sharing"])


class AgreementOut(Schema):
    id: int
    department: str
    purpose: str
    population: str
    population_text: str
    communities: list[str]
    fields: list[str]
    full_fields: list[str]
    legal_basis: str
    expires_on: dt.date
    status: str
    in_force: bool


class DataRequestOut(Schema):
    id: int
    task: int
    title: str
    department: str
    status: str
    population: str
    population_text: str
    population_source: str
    communities: list[str]
    fields: list[str]
    masked_fields: list[str]
    agreement: int | None
    pending_reason: str
    rows: int
    released_at: dt.datetime | None
    file_expires_at: dt.datetime | None
    file_available: bool
    downloads: int


class ApproveIn(Schema):
    population: str = Field(description="the population filter of the agreement (may narrow the request)")
    fields: list[str] | None = Field(default=None, description="approved fields; default: all requested")
    full_fields: list[str] = Field(default_factory=list, description="fields given unmasked")
    legal_basis: str = ""
    purpose: str = ""
    expires_on: dt.date | None = None
    reason: str = ""


class ReasonIn(Schema):
    reason: str


def _agreement_out(a) -> AgreementOut:
    communities = list(a.communities.all())
    return AgreementOut(
        id=a.pk,
        department=a.department.name,
        purpose=a.purpose,
        population=a.population,
        population_text=population.describe(a.population, communities),
        communities=[c.code for c in communities],
        fields=list(a.fields),
        full_fields=list(a.full_fields) if a.legal_basis else [],
        legal_basis=a.legal_basis,
        expires_on=a.expires_on,
        status=a.status,
        in_force=a.in_force(),
    )


def _request_out(r) -> DataRequestOut:
    from jianfu.sharing.choices import MASKABLE_FIELDS

    communities = list(r.communities.all())
    full = set(r.agreement.full_fields) if r.agreement and r.agreement.legal_basis else set()
    return DataRequestOut(
        id=r.pk,
        task=r.task_id,
        title=r.task.title,
        department=r.department.name,
        status=r.status,
        population=r.population,
        population_text=population.describe(r.population, communities),
        population_source=r.population_source,
        communities=[c.code for c in communities],
        fields=list(r.fields),
        masked_fields=[c for c in r.fields if c in MASKABLE_FIELDS and c not in full],
        agreement=r.agreement_id,
        pending_reason=r.pending_reason,
        rows=r.rows,
        released_at=r.released_at,
        file_expires_at=r.file_expires_at,
        file_available=r.file_available(),
        downloads=r.downloads,
    )


def _request(request, pk: int):
    row = selectors.request_for(request.auth, pk)
    if row is None:
        raise Http404
    return row


def _call(fn, **kw):
    try:
        return fn(**kw)
    except ValidationError as exc:
        raise HttpError(400, "; ".join(exc.messages)) from exc


@router.get("/agreements", response=list[AgreementOut])
def agreement_list(request, page: Query[Page]):
    """Agreements the caller may see: its department's, or its 减负办's area."""
    return [_agreement_out(a) for a in page.window(selectors.agreements_for(request.auth))]


@router.get("/agreements/{agreement_id}", response=AgreementOut)
def agreement_detail(request, agreement_id: ObjectId):
    row = selectors.agreement_for(request.auth, agreement_id)
    if row is None:
        raise Http404
    return _agreement_out(row)


@router.post("/agreements/{agreement_id}/revoke", response={200: AgreementOut, **errors(400)})
def agreement_revoke(request, agreement_id: ObjectId, payload: ReasonIn):
    row = selectors.agreement_for(request.auth, agreement_id)
    if row is None:
        raise Http404
    return _agreement_out(
        _call(services.agreement_revoke, actor=request.auth, agreement=row, reason=payload.reason)
    )


@router.get("/requests", response=list[DataRequestOut])
def request_list(request, page: Query[Page], status: str = ""):
    rows = selectors.requests_for(request.auth)
    if status:
        rows = rows.filter(status=status)
    return [_request_out(r) for r in page.window(rows)]


@router.get("/requests/{request_id}", response=DataRequestOut)
def request_detail(request, request_id: ObjectId):
    return _request_out(_request(request, request_id))


@router.post("/requests/{request_id}/approve", response={200: AgreementOut, **errors(400)})
def request_approve(request, request_id: ObjectId, payload: ApproveIn):
    """The 减负办 approves: a standing agreement is created and the data is released."""
    row = _request(request, request_id)
    agreement = _call(
        services.data_request_approve,
        actor=request.auth,
        request=row,
        population_text=payload.population,
        fields=payload.fields if payload.fields is not None else list(row.fields),
        full_fields=payload.full_fields,
        legal_basis=payload.legal_basis,
        purpose=payload.purpose,
        expires_on=payload.expires_on,
        reason=payload.reason,
    )
    return _agreement_out(agreement)


@router.post("/requests/{request_id}/reject", response={200: DataRequestOut, **errors(400)})
def request_reject(request, request_id: ObjectId, payload: ReasonIn):
    row = _request(request, request_id)
    return _request_out(
        _call(services.data_request_reject, actor=request.auth, request=row, reason=payload.reason)
    )


@router.get("/requests/{request_id}/file", response={200: None, **errors(410)})
def request_file(request, request_id: ObjectId):
    """The released xlsx, for its department only (audited); 410 once expired or revoked."""
    row = _request(request, request_id)
    if not permissions.may_download(request.auth, row):
        raise Http404
    try:
        handle, name = services.data_request_download(actor=request.auth, request=row)
    except services.FileGone:
        return Status(
            410, {"detail": "the file expired or its agreement was revoked; submit the request again"}
        )
    return attach(FileResponse(handle, as_attachment=True), f"数据申请-{row.task.title}-{row.pk}.xlsx", name)
