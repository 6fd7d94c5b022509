"""/api/v1/casework/: requests (list, detail, push from another system), the lifecycle steps,
whistles (sign, contact, on site, return, rate), the rates. Same scoping as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.casework import rates, selectors, services
from jianfu.casework.choices import Channel
from jianfu.casework.models import Category, ServiceRequest, Whistle
from jianfu.core.apikit import ObjectId, SmallPage, errors
from jianfu.core.permissions import OutOfScope
from jianfu.orgs.models import Community, Department, Grid

router = Router(tags=["casework"])


class WhistleOut(Schema):
    id: int
    department: str
    lead: bool
    status: str
    sign_due: dt.datetime
    contact_due: dt.datetime
    onsite_due: dt.datetime
    signed_at: dt.datetime | None
    contacted_at: dt.datetime | None
    onsite_at: dt.datetime | None
    score: int | None


class RequestOut(Schema):
    id: int
    number: str
    kind: str
    category: str
    channel: str
    status: str
    duty: str
    text: str
    community: str | None
    lead_department: str | None
    due_at: dt.datetime
    escalation: str
    created_at: dt.datetime
    external_id: str
    reporter: dict[str, str]
    whistles: list[WhistleOut] | None = None


class RequestIn(Schema):
    category: str
    text: str
    kind: str = ""
    channel: str = Field(default=Channel.API, description="api or hotline")
    community: str = ""
    grid: str = ""
    address: str = ""
    lat: Decimal | None = None
    long: Decimal | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    external_id: str = ""
    created_at: dt.datetime | None = None


class StepIn(Schema):
    note: str = ""
    reply: str = ""
    reason: str = ""
    solved: bool = True
    satisfaction: str = ""
    level: str = ""
    grid: str = ""
    departments: list[str] = Field(default_factory=list)
    hard: bool | None = None
    into: int | None = None
    score: int = 0


class ListParams(SmallPage):
    q: str = ""
    status: str = ""
    category: str = ""
    overdue: bool = False


class RateOut(Schema):
    key: str
    total: int
    response_rate: float | None
    solve_rate: float | None
    satisfaction_rate: float | None
    on_time_rate: float | None
    rework_rate: float | None
    whistle_score: float | None


def _out(sr: ServiceRequest, *, whistles: bool = False) -> RequestOut:
    return RequestOut(
        id=sr.pk,
        number=sr.number,
        kind=sr.kind,
        category=sr.category.code,
        channel=sr.channel,
        status=sr.status,
        duty=sr.duty,
        text=sr.text,
        community=sr.community.code if sr.community_id else None,
        lead_department=sr.lead_department.code if sr.lead_department_id else None,
        due_at=sr.due_at,
        escalation=sr.escalation,
        created_at=sr.created_at,
        external_id=sr.external_id,
        reporter=selectors.reporter_masked(sr),
        whistles=[
            WhistleOut(
                id=w.pk,
                department=w.department.code,
                lead=w.lead,
                status=w.status,
                sign_due=w.sign_due,
                contact_due=w.contact_due,
                onsite_due=w.onsite_due,
                signed_at=w.signed_at,
                contacted_at=w.contacted_at,
                onsite_at=w.onsite_at,
                score=w.score,
            )
            for w in sr.whistles.select_related("department")
        ]
        if whistles
        else None,
    )


def _get(request: Any, pk: int) -> ServiceRequest:
    sr = selectors.request_detail(request.auth, pk)
    if sr is None:
        raise Http404
    return sr


def _bad(exc: services.CaseError) -> Exception:
    """400 with the service's reasons; a step the caller may not take is the one "not for you" (404)."""
    if isinstance(exc, services.NotAllowed):
        return OutOfScope("；".join(exc.messages))
    return HttpError(400, "；".join(exc.messages))


@router.get("/requests", response=list[RequestOut])
def request_list(request: Any, params: Query[ListParams]):
    f = selectors.Filters(q=params.q, status=params.status, category=params.category, overdue=params.overdue)
    return [_out(sr) for sr in params.window(selectors.requests_for(request.auth, f))]


@router.get("/requests/{pk}", response=RequestOut)
def request_detail(request: Any, pk: ObjectId):
    return _out(_get(request, pk), whistles=True)


@router.post("/requests", response={201: RequestOut, **errors(400)})
def request_push(request: Any, payload: RequestIn):
    """Push a request from another system (a department's platform, the 12345 hotline)."""
    user = request.auth
    if not (
        user.is_superuser
        or user.role in ("department", "district_admin", "district_office")
        or user.is_community_staff
    ):
        raise OutOfScope("this account may not push requests")
    if payload.channel not in (Channel.API, Channel.HOTLINE):
        raise HttpError(400, "channel must be api or hotline")
    category = Category.objects.filter(code=payload.category, active=True).first()
    if category is None:
        raise HttpError(400, f"unknown category {payload.category!r}: see `jianfu requests categories`")
    district = selectors_district(user)
    community = (
        Community.objects.filter(code=payload.community, street__district=district).first()
        if payload.community
        else None
    )
    if payload.community and community is None:
        raise HttpError(400, f"unknown community code {payload.community!r}")
    grid = (
        Grid.objects.filter(community=community, code=payload.grid).first()
        if payload.grid and community
        else None
    )
    try:
        sr = services.request_submit(
            actor=user,
            channel=payload.channel,
            category=category,
            district=district,
            text=payload.text,
            kind=payload.kind,
            community=community,
            grid=grid,
            address=payload.address,
            lat=payload.lat,
            long=payload.long,
            attributes=payload.attributes,
            reporter_name=payload.reporter_name,
            reporter_phone=payload.reporter_phone,
            reporter_email=payload.reporter_email,
            external_id=payload.external_id,
            created_at=payload.created_at,
        )
    except services.CaseError as exc:
        raise _bad(exc) from exc
    return Status(201, _out(sr))


def selectors_district(user: Any) -> Any:
    from jianfu.catalog.models import user_district_code
    from jianfu.orgs.models import District

    code = user_district_code(user)
    district = District.objects.filter(code=code).first() if code else None
    if district is None:
        raise HttpError(400, "this account belongs to no district")
    return district


def _departments(sr: ServiceRequest, codes: list[str]) -> list[Department]:
    found = {d.code: d for d in Department.objects.filter(district=sr.district, code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise HttpError(400, f"unknown department code(s): {', '.join(missing)}")
    return [found[c] for c in codes]


STEPS: dict[str, Any] = {
    "dispatch": lambda u, sr, p: services.request_dispatch(
        actor=u,
        request=sr,
        grid=Grid.objects.filter(community_id=sr.community_id, code=p.grid).first(),
        note=p.note,
    ),
    "whistle": lambda u, sr, p: services.request_whistle(
        actor=u, request=sr, departments=_departments(sr, p.departments), hard=p.hard, note=p.note
    ),
    "start": lambda u, sr, p: services.request_start(actor=u, request=sr, note=p.note),
    "reply": lambda u, sr, p: services.request_reply(actor=u, request=sr, reply=p.reply),
    "verify": lambda u, sr, p: services.request_verify(actor=u, request=sr, solved=p.solved, note=p.note),
    "visit": lambda u, sr, p: services.request_visit(actor=u, request=sr, note=p.note),
    "rate": lambda u, sr, p: services.request_rate(
        actor=u, request=sr, satisfaction=p.satisfaction, comment=p.note
    ),
    "reopen": lambda u, sr, p: services.request_reopen(actor=u, request=sr, reason=p.reason),
    "supervise": lambda u, sr, p: services.request_supervise(
        actor=u, request=sr, level=p.level, reason=p.reason
    ),
    "merge": lambda u, sr, p: services.request_merge(
        actor=u, request=sr, into=selectors.request_detail(u, p.into or 0) or _404()
    ),
    "comment": lambda u, sr, p: services.request_comment(actor=u, request=sr, text=p.note),
}


def _404() -> Any:
    raise Http404


@router.post("/requests/{pk}/{step}", response={200: RequestOut, **errors(400)})
def request_step(request: Any, pk: ObjectId, step: str, payload: StepIn):
    sr = _get(request, pk)
    fn = STEPS.get(step)
    if fn is None:
        raise HttpError(404, f"unknown step {step!r}: one of {', '.join(STEPS)}")
    try:
        fn(request.auth, sr, payload)
    except services.CaseError as exc:
        raise _bad(exc) from exc
    return _out(_get(request, pk), whistles=True)


WHISTLE_STEPS: dict[str, Any] = {
    "sign": lambda u, w, p: services.whistle_sign(actor=u, whistle=w),
    "contact": lambda u, w, p: services.whistle_contact(actor=u, whistle=w, note=p.note),
    "on-site": lambda u, w, p: services.whistle_on_site(actor=u, whistle=w, note=p.note),
    "return": lambda u, w, p: services.whistle_return(actor=u, whistle=w, reason=p.reason),
    "rate": lambda u, w, p: services.whistle_rate(actor=u, whistle=w, score=p.score, comment=p.note),
}


@router.post("/whistles/{pk}/{step}", response={200: WhistleOut, **errors(400)})
def whistle_step(request: Any, pk: ObjectId, step: str, payload: StepIn):
    w = (
        Whistle.objects.restrict(request.auth, "view")
        .select_related("request", "department")
        .filter(pk=pk)
        .first()
    )
    if w is None:
        raise Http404
    fn = WHISTLE_STEPS.get(step)
    if fn is None:
        raise HttpError(404, f"unknown step {step!r}: one of {', '.join(WHISTLE_STEPS)}")
    try:
        fn(request.auth, w, payload)
    except services.CaseError as exc:
        raise _bad(exc) from exc
    w.refresh_from_db()
    return WhistleOut(
        id=w.pk,
        department=w.department.code,
        lead=w.lead,
        status=w.status,
        sign_due=w.sign_due,
        contact_due=w.contact_due,
        onsite_due=w.onsite_due,
        signed_at=w.signed_at,
        contacted_at=w.contacted_at,
        onsite_at=w.onsite_at,
        score=w.score,
    )


@router.get("/rates", response={200: list[RateOut], **errors(400)})
def rate_list(
    request: Any,
    by: str = "department",
    months: int = Query(6, ge=1, le=24, description="months back: 1 to 24"),
):
    if by not in rates.GROUPS:
        raise HttpError(400, f"by must be one of {', '.join(rates.GROUPS)}")
    rows = rates.rates(request.auth, by=by, months=months)
    return [
        RateOut(
            key=r.key,
            total=r.total,
            response_rate=r.response_rate,
            solve_rate=r.solve_rate,
            satisfaction_rate=r.satisfaction_rate,
            on_time_rate=r.on_time_rate,
            rework_rate=r.rework_rate,
            whistle_score=r.whistle_score,
        )
        for r in rows
    ]
