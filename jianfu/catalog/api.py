"""Catalog API (/api/v1/catalog/).

Public (no authentication): the lists in force for a district on a date, an item's history,
and matching a text against the lists. Editing (authenticated): the district's 减负办 or district
admin adds/overrides/removes items of their own district; any other caller gets 404.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.catalog import matching
from jianfu.catalog.choices import ListKind
from jianfu.catalog.models import CatalogItem
from jianfu.catalog.selectors import ActiveItem, active_items, item_history
from jianfu.catalog.services import catalog_item_remove, catalog_item_set, jurisdiction_for_district
from jianfu.catalog.views import may_edit_district
from jianfu.core.apikit import limit_field
from jianfu.orgs.models import District

router = Router(tags=["catalog"])


class CatalogItemOut(Schema):
    list_kind: str
    code: str
    name: str
    aliases: list[str]
    legal_basis: str
    source_document: str
    referral: str
    verify: bool
    jurisdiction: str
    effective_from: dt.date


class ListsOut(Schema):
    district: str | None
    on: dt.date
    items: list[CatalogItemOut]


class ListsQuery(Schema):
    district: str | None = None
    on: dt.date | None = None
    kind: list[str] | None = None


class MatchQuery(ListsQuery):
    text: str = Field(max_length=20000)
    limit: int = limit_field(default=5, cap=20)


class VersionOut(Schema):
    jurisdiction: str
    action: str
    name: str
    aliases: list[str]
    effective_from: dt.date
    effective_to: dt.date | None


class MatchOut(Schema):
    item: CatalogItemOut
    score: float
    matched: list[str]
    confident: bool


class ItemIn(Schema):
    district: str
    list_kind: str
    code: str
    name: str
    aliases: list[str] = []
    legal_basis: str = ""
    source_document: str = ""
    referral: str = ""
    effective_from: dt.date


class RemoveIn(Schema):
    district: str
    list_kind: str
    code: str
    effective_from: dt.date


def _item(i: ActiveItem) -> dict:
    return {
        "list_kind": i.list_kind,
        "code": i.code,
        "name": i.name,
        "aliases": list(i.aliases),
        "legal_basis": i.legal_basis,
        "source_document": i.source_document,
        "referral": i.referral,
        "verify": i.verify,
        "jurisdiction": i.jurisdiction,
        "effective_from": i.effective_from,
    }


def _kinds(kinds: list[str] | None) -> list[str] | None:
    for k in kinds or []:
        if k not in ListKind.values:
            raise HttpError(422, f"kind '{k}' is not one of {', '.join(ListKind.values)}")
    return kinds or None


@router.get(
    "/lists", response=ListsOut, auth=None, summary="Lists in force for a district on a date (public)"
)
def lists(request, q: Query[ListsQuery]):
    on = q.on or timezone.localdate()
    if q.district and not District.objects.filter(code=q.district).exists():
        raise HttpError(404, f"district '{q.district}' not found")
    items = active_items(district_code=q.district, on=on, kinds=_kinds(q.kind))
    return {"district": q.district, "on": on, "items": [_item(i) for i in items]}


@router.get(
    "/history/{list_kind}/{code}", response=list[VersionOut], auth=None, summary="An item's versions (public)"
)
def history(request, list_kind: str, code: str, district: str | None = None):
    rows = item_history(district_code=district, list_kind=list_kind, code=code)
    if not rows:
        raise HttpError(404, "no such item")
    return [
        {
            "jurisdiction": r.jurisdiction.name,
            "action": r.action,
            "name": r.name,
            "aliases": r.aliases,
            "effective_from": r.effective_from,
            "effective_to": r.effective_to,
        }
        for r in rows
    ]


@router.get("/match", response=list[MatchOut], auth=None, summary="Match a text against the lists (public)")
def match_text(request, q: Query[MatchQuery]):
    items = active_items(district_code=q.district, on=q.on, kinds=_kinds(q.kind))
    found = matching.match(q.text, items, limit=q.limit)
    return [
        {
            "item": _item(m.item),
            "score": m.score,
            "matched": list(m.matched),
            "confident": m.score >= matching.THRESHOLD,
        }
        for m in found
    ]


def _editable(request, code: str) -> District:
    district = District.objects.filter(code=code).first()
    if district is None or not may_edit_district(request.user, district):
        raise HttpError(404, "district not found")
    return district


def _version(row: CatalogItem) -> dict:
    return {
        "jurisdiction": row.jurisdiction.name,
        "action": row.action,
        "name": row.name,
        "aliases": row.aliases,
        "effective_from": row.effective_from,
        "effective_to": row.effective_to,
    }


@router.post("/items", response={201: VersionOut}, summary="Add or override an item for your district")
def item_set(request, body: ItemIn):
    district = _editable(request, body.district)
    try:
        jurisdiction = jurisdiction_for_district(district, actor=request.user)
        row = catalog_item_set(
            actor=request.user,
            jurisdiction=jurisdiction,
            list_kind=body.list_kind,
            code=body.code,
            name=body.name,
            aliases=body.aliases,
            legal_basis=body.legal_basis,
            source_document=body.source_document,
            referral=body.referral,
            effective_from=body.effective_from,
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc
    return Status(201, _version(row))


@router.post(
    "/items/remove", response={201: VersionOut}, summary="Remove an item for your district from a date"
)
def item_remove(request, body: RemoveIn):
    district = _editable(request, body.district)
    try:
        jurisdiction = jurisdiction_for_district(district, actor=request.user)
        row = catalog_item_remove(
            actor=request.user,
            jurisdiction=jurisdiction,
            list_kind=body.list_kind,
            code=body.code,
            effective_from=body.effective_from,
        )
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc
    return Status(201, _version(row))
