"""/api/v1/activities/: community activities (no resident names or phones leave through the API)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.activities import permissions as perm
from jianfu.activities import selectors, services
from jianfu.core.apikit import BigPage, ObjectId, errors

router = Router(tags=["activities"])


class ActivityOut(Schema):
    id: int
    community: str
    title: str
    starts_on: dt.date
    place: str
    organiser: str
    budget: Decimal
    audience: str
    capacity: int
    status: str
    signed_up: int
    attended: int


class ActivityIn(Schema):
    title: str
    starts_on: dt.date
    place: str
    organiser: str
    capacity: int
    budget: Decimal = Decimal(0)
    audience: str = ""
    audience_label: str = ""
    description: str = ""


def _out(a) -> ActivityOut:
    return ActivityOut(
        id=a.pk,
        community=a.community.code,
        title=a.title,
        starts_on=a.starts_on,
        place=a.place,
        organiser=a.organiser,
        budget=a.budget,
        audience=a.audience,
        capacity=a.capacity,
        status=a.status,
        signed_up=a.signed,
        attended=a.came,
    )


@router.get("/", response=list[ActivityOut])
def activity_list(request, page: Query[BigPage]):
    return [_out(a) for a in page.window(selectors.activities_for(request.auth))]


@router.get("/{pk}", response=ActivityOut)
def activity_detail(request, pk: ObjectId):
    a = selectors.activities_for(request.auth).filter(pk=pk).first()
    if a is None:
        raise Http404
    return _out(a)


@router.post("/", response={201: ActivityOut, **errors(400)})
def activity_create(request, payload: ActivityIn):
    user = request.auth
    community = getattr(user, "community", None)
    perm.require_organise(user, community)
    try:
        a = services.activity_create(
            actor=user, community=community, data=services.ActivityInput(**payload.dict())
        )
    except ValidationError as exc:
        raise HttpError(400, "; ".join(exc.messages)) from None
    return Status(201, _out(selectors.activities_for(user).get(pk=a.pk)))
