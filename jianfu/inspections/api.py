"""/api/v1/inspections/: register visits, the 减负办's decisions and merges, findings, the dashboard,
and the evidence package (streamed). Same scoping as the pages: outside it is 404."""

import datetime as dt
import tempfile
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.burden.choices import AlertStatus
from jianfu.core.apikit import ObjectId, Page, Year, errors
from jianfu.core.downloads import attach
from jianfu.core.permissions import OutOfScope
from jianfu.inspections import evidence, selectors, services
from jianfu.inspections import permissions as perm
from jianfu.inspections.models import Inspection, VisitReboundAlert
from jianfu.orgs.models import Community

router = Router(tags=["inspections"])


class MaterialOut(Schema):
    id: int
    text: str
    source: str
    status: str
    trace_words: list[str]
    justification: str


class VisitOut(Schema):
    id: int
    title: str
    kind: str
    department: str
    year: int
    window: list[dt.date]
    communities: list[str]
    items: list[str]
    status: str
    route: str
    reasons: list[str]
    flags: list[str]
    joint: bool
    merged_into: int | None
    in_plan: bool
    reception: str
    unannounced: bool
    announce_by: dt.date | None
    materials: list[MaterialOut] | None = None


class VisitIn(Schema):
    title: str
    kind: str
    communities: list[str]
    window_start: dt.date
    window_end: dt.date
    items: list[str] = []
    materials: list[str] = []
    expected_hours: Decimal = Decimal(0)
    comprehensive: bool = False
    emergency: bool = False
    emergency_reason: str = ""
    unannounced: bool = False
    legal_basis: str = ""
    reception: str = "zero"
    reception_reason: str = ""


class InspectionDecideIn(Schema):
    admit: bool
    reason: str


class MergeIn(Schema):
    inspections: list[int]
    title: str
    window_start: dt.date
    window_end: dt.date
    reason: str


class FindingIn(Schema):
    community: str
    text: str
    severity: str
    rectification: str = ""


class FindingOut(Schema):
    id: int
    community: str
    severity: str
    task: int | None


class ProposalOut(Schema):
    first: int
    second: int
    communities: list[str]
    window_overlap: bool
    shared_items: list[str]


class DashboardRow(Schema):
    community: str
    year: int
    visits: int
    cap: int
    merged: int
    share_merged: float
    refused: int
    prep_hours_manual: Decimal
    prep_hours_package: Decimal
    traces_refused: int
    rebound: bool


def _out(v: Inspection, *, materials: bool = False) -> VisitOut:
    return VisitOut(
        id=v.pk,
        title=v.title,
        kind=v.kind,
        department=v.department.code,
        year=v.year,
        window=[v.window_start, v.window_end],
        communities=[t.community.code for t in v.targets.all()],
        items=list(v.items),
        status=v.status,
        route=v.route,
        reasons=list(v.reasons),
        flags=list(v.flags),
        joint=v.joint,
        merged_into=v.merged_into_id,
        in_plan=v.in_plan,
        reception=v.reception,
        unannounced=v.unannounced,
        announce_by=v.announce_by,
        materials=[
            MaterialOut(
                id=m.pk,
                text=m.text,
                source=m.source,
                status=m.status,
                trace_words=list(m.trace_words),
                justification=m.justification,
            )
            for m in v.materials.all()
        ]
        if materials
        else None,
    )


def _visit(request, pk: int) -> Inspection:
    v = selectors.inspection_detail(request.auth, pk)
    if v is None:
        raise Http404
    return v


def _bad(exc: ValidationError) -> HttpError:
    return HttpError(400, "; ".join(exc.messages))


@router.get("/", response=list[VisitOut])
def visit_list(request, page: Query[Page], year: Year | None = None):
    rows = selectors.inspections_for(request.auth, year=year or timezone.localdate().year)
    return [_out(v) for v in page.window(rows)]


@router.post("/", response={201: VisitOut, **errors(400)})
def visit_register(request, payload: VisitIn):
    user = request.auth
    department = perm.require_department_account(user)
    communities = list(Community.objects.filter(code__in=payload.communities))
    missing = sorted(set(payload.communities) - {c.code for c in communities})
    if missing:
        raise HttpError(400, f"unknown community codes: {', '.join(missing)}")
    data = payload.dict()
    data["communities"] = communities
    try:
        v = services.inspection_register(actor=user, department=department, visit=services.VisitInput(**data))
    except ValidationError as exc:
        raise _bad(exc) from None
    return Status(201, _out(_visit(request, v.pk), materials=True))


@router.get("/merge-proposals", response=list[ProposalOut])
def merge_proposals(request, year: Year | None = None):
    if not perm.is_office(request.auth):
        raise OutOfScope
    return [
        ProposalOut(
            first=p.first.pk,
            second=p.second.pk,
            communities=list(p.communities),
            window_overlap=p.window_overlap,
            shared_items=list(p.shared_items),
        )
        for p in selectors.merge_proposals(request.auth, year=year or timezone.localdate().year)
    ]


@router.post("/merge", response={201: VisitOut, **errors(400)})
def merge(request, payload: MergeIn):
    user = request.auth
    visits = list(
        Inspection.objects.restrict(user, "view")
        .filter(pk__in=payload.inspections)
        .order_by("window_start", "id")
    )
    if len(visits) != len(set(payload.inspections)):
        raise Http404
    try:
        joint = services.inspections_merge(
            actor=user,
            inspections=visits,
            title=payload.title,
            window_start=payload.window_start,
            window_end=payload.window_end,
            reason=payload.reason,
        )
    except ValidationError as exc:
        raise _bad(exc) from None
    return Status(201, _out(_visit(request, joint.pk), materials=True))


@router.get("/dashboard", response=list[DashboardRow])
def dashboard(request, year: Year | None = None):
    perm.require_dashboard(request.auth)
    return [
        DashboardRow(
            community=r.community.code,
            year=r.year,
            visits=r.visits,
            cap=r.cap,
            merged=r.merged,
            share_merged=r.share_merged,
            refused=r.refused,
            prep_hours_manual=r.prep_manual,
            prep_hours_package=r.prep_package,
            traces_refused=r.traces_refused,
            rebound=r.rebound,
        )
        for r in selectors.dashboard(request.auth, year=year or timezone.localdate().year)
    ]


class ReboundAlertOut(Schema):
    id: int
    community: str
    year: int
    visits: int
    last_year_to_date: int
    cap: int
    status: str
    acknowledged_by: str | None
    acknowledged_at: dt.datetime | None
    note: str


class ReboundAcknowledgeIn(Schema):
    note: str = ""


def _alert_out(a: VisitReboundAlert) -> ReboundAlertOut:
    return ReboundAlertOut(
        id=a.pk,
        community=a.community.code,
        year=a.year,
        visits=a.visits,
        last_year_to_date=a.last_year_to_date,
        cap=a.cap,
        status=a.status,
        acknowledged_by=a.acknowledged_by.get_username() if a.acknowledged_by else None,
        acknowledged_at=a.acknowledged_at,
        note=a.note,
    )


@router.get("/rebounds", response=list[ReboundAlertOut])
def rebound_list(request, page: Query[Page], year: Year | None = None, status: AlertStatus | None = None):
    """Rebound alerts: communities whose visits this year climbed above the same period last year."""
    perm.require_dashboard(request.auth)
    rows = selectors.rebound_alerts(request.auth, year=year, status=status)
    return [_alert_out(a) for a in page.window(rows)]


@router.post("/rebounds/{pk}/acknowledge", response={200: ReboundAlertOut, **errors(400)})
def rebound_acknowledge(request, pk: ObjectId, payload: ReboundAcknowledgeIn):
    alert = selectors.rebound_alerts(request.auth).filter(pk=pk).first()
    if alert is None:
        raise OutOfScope
    try:
        alert = services.visit_rebound_acknowledge(actor=request.auth, alert=alert, note=payload.note)
    except ValidationError as exc:
        raise _bad(exc) from None
    return _alert_out(alert)


@router.get("/{pk}", response=VisitOut)
def visit_detail(request, pk: ObjectId):
    return _out(_visit(request, pk), materials=True)


@router.post("/{pk}/decide", response={200: VisitOut, **errors(400)})
def decide(request, pk: ObjectId, payload: InspectionDecideIn):
    v = _visit(request, pk)
    try:
        services.inspection_decide(
            actor=request.auth, inspection=v, admit=payload.admit, reason=payload.reason
        )
    except ValidationError as exc:
        raise _bad(exc) from None
    return _out(_visit(request, pk))


@router.post("/{pk}/findings", response={201: FindingOut, **errors(400)})
def finding(request, pk: ObjectId, payload: FindingIn):
    v = _visit(request, pk)
    community = Community.objects.filter(code=payload.community).first()
    if community is None:
        raise HttpError(400, f"unknown community code {payload.community}")
    try:
        f = services.finding_record(
            actor=request.auth,
            inspection=v,
            community=community,
            text=payload.text,
            severity=payload.severity,
            rectification=payload.rectification,
        )
    except ValidationError as exc:
        raise _bad(exc) from None
    return Status(201, FindingOut(id=f.pk, community=community.code, severity=f.severity, task=f.task_id))


@router.get("/{pk}/evidence/{code}.zip", response={200: None, **errors(400)})
def evidence_zip(
    request, pk: ObjectId, code: str, period_from: dt.date | None = None, period_to: dt.date | None = None
):
    """The visit's evidence package for one of its communities (streamed zip; X-Evidence-SHA256 header)."""
    user = request.auth
    v = _visit(request, pk)
    target = v.targets.filter(community__code=code).select_related("community").first()
    if target is None or not perm.may_build_for_inspection(user, v, target.community):
        raise Http404
    if perm.only_inspector(user, v, target.community):
        period_from = period_to = None  # an inspector gets the visit's period only
    start = period_from or dt.date(v.year, 1, 1)
    end = period_to or max(start, min(timezone.localdate(), v.window_end))
    spec = evidence.EvidenceSpec(community=target.community, period_from=start, period_to=end, inspection=v)
    try:
        evidence.check_period(start, end)
    except evidence.EvidenceError as exc:
        raise HttpError(400, str(exc)) from None
    out = tempfile.TemporaryFile()  # noqa: SIM115 - streamed back, closed by the response
    result = evidence.build(spec, out)
    services.evidence_package_record(
        actor=user,
        community=target.community,
        inspection=v,
        period=(start, end),
        files=result.files,
        size=result.bytes,
        sha256=result.sha256,
    )
    out.seek(0)
    span = f"{start:%Y-%m-%d}-{end:%Y-%m-%d}"
    response = attach(
        FileResponse(out, as_attachment=True, content_type="application/zip"),
        f"检查材料包-{target.community.name}-{span}.zip",
        f"evidence-{code}-{span}.zip",
    )
    response["X-Evidence-SHA256"] = result.sha256
    return response
