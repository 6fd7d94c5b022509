"""/api/v1/campaigns/: campaigns, signboards and secondments (scoped lists; register; 减负办 decisions)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.campaigns import selectors, services
from jianfu.core.apikit import BigPage, ObjectId, Page, Year
from jianfu.orgs.models import Community, Department

router = Router(tags=["campaigns"])


class CampaignIn(Schema):
    title: str
    kind: str
    description: str = ""
    communities: list[str]
    year: int | None = None


class CampaignOut(Schema):
    id: int
    title: str
    kind: str
    department: str
    year: int
    status: str
    reasons: list[str]
    asks: list[str] = Field(
        default_factory=list, description="demands found in the text (Standard Cost Model units)"
    )
    hours: float = Field(0, description="estimated community hours, in the burden ledger once approved")


class CampaignDecideIn(Schema):
    approve: bool
    reason: str


class SecondmentIn(Schema):
    department: str
    staff_name: str
    started_on: dt.date
    community: str
    post: str = ""
    work: str = ""


class SecondmentOut(Schema):
    id: int
    department: str
    community: str | None
    street: str
    staff_name: str
    started_on: dt.date
    status: str
    hours: float = Field(0, description="estimated hours (working days away × 8) in the burden ledger")
    flagged: bool = True


class SignboardOut(Schema):
    id: int
    community: str
    name: str
    department: str | None
    status: str
    approved: bool
    year: int


def _campaign(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "kind": c.kind,
        "department": c.department.code,
        "year": c.year,
        "status": c.status,
        "reasons": c.reasons,
        "asks": c.asks,
        "hours": float(c.hours),
    }


def _secondment(m: Any) -> dict[str, Any]:
    from jianfu.core.masking import mask_name

    return {
        "id": m.pk,
        "department": m.department.code,
        "community": m.community.code if m.community else None,
        "street": m.street.code,
        "staff_name": mask_name(m.staff_name),
        "started_on": m.started_on,
        "status": m.status,
        "hours": float(m.hours),
    }


@router.get("/campaigns", response=list[CampaignOut])
def campaign_list(request, page: Query[Page], year: Year | None = None):
    return [_campaign(c) for c in page.window(selectors.campaigns_for(request.auth, year=year))]


@router.post("/campaigns", response={201: CampaignOut})
def campaign_register(request, payload: CampaignIn):
    user = request.auth
    if not getattr(user, "is_department", False) or not user.department_id:
        raise Http404
    communities = list(Community.objects.filter(code__in=payload.communities))
    if len(communities) != len(set(payload.communities)):
        raise HttpError(422, "unknown community code(s)")
    try:
        campaign = services.campaign_register(
            actor=user,
            department=user.department,
            title=payload.title,
            kind=payload.kind,
            description=payload.description,
            communities=communities,
            year=payload.year,
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc
    return Status(201, _campaign(campaign))


@router.post("/campaigns/{campaign_id}/decide", response=CampaignOut)
def campaign_decide(request, campaign_id: ObjectId, payload: CampaignDecideIn):
    campaign = selectors.campaigns_for(request.auth).filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404
    try:
        campaign = services.campaign_decide(
            actor=request.auth, campaign=campaign, approve=payload.approve, reason=payload.reason
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc
    return _campaign(campaign)


@router.get("/signboards", response=list[SignboardOut])
def signboard_list(request, page: Query[BigPage]):
    return [
        {
            "id": s.pk,
            "community": s.community.code,
            "name": s.name,
            "department": s.department.code if s.department else None,
            "status": s.status,
            "approved": s.approved,
            "year": s.year,
        }
        for s in page.window(selectors.signboards_for(request.auth))
    ]


@router.get("/secondments", response=list[SecondmentOut])
def secondment_list(request, page: Query[BigPage]):
    return [_secondment(m) for m in page.window(selectors.secondments_for(request.auth))]


@router.post("/secondments", response={201: SecondmentOut})
def secondment_record(request, payload: SecondmentIn):
    department = Department.objects.filter(code=payload.department).first()
    community = Community.objects.select_related("street").filter(code=payload.community).first()
    if department is None or community is None:
        raise HttpError(422, "unknown department or community code")
    try:
        row = services.secondment_record(
            actor=request.auth,
            department=department,
            community=community,
            staff_name=payload.staff_name,
            started_on=payload.started_on,
            post=payload.post,
            work=payload.work,
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc
    return Status(201, _secondment(row))
