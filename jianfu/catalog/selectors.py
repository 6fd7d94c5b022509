"""The active catalog of a community (or district) on a date."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone

from jianfu.catalog.choices import ItemAction, JurisdictionLevel
from jianfu.catalog.models import CatalogItem, Jurisdiction

_LEVEL_ORDER = [
    JurisdictionLevel.NATIONAL,
    JurisdictionLevel.PROVINCE,
    JurisdictionLevel.CITY,
    JurisdictionLevel.DISTRICT,
]


@dataclass(frozen=True)
class ActiveItem:
    pk: int
    list_kind: str
    code: str
    name: str
    aliases: tuple[str, ...]
    legal_basis: str
    source_document: str
    referral: str
    verify: bool
    jurisdiction: str
    effective_from: dt.date
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def jurisdiction_chain(district_code: str | None) -> list[Jurisdiction]:
    """National first, the district last: later rows override earlier ones."""
    wanted = Q(level=JurisdictionLevel.NATIONAL)
    if district_code:
        wanted |= Q(level=JurisdictionLevel.PROVINCE, code=district_code[:2])
        wanted |= Q(level=JurisdictionLevel.CITY, code=district_code[:4])
        wanted |= Q(level=JurisdictionLevel.DISTRICT, code=district_code)
    found = list(Jurisdiction.objects.filter(wanted))
    return sorted(found, key=lambda j: _LEVEL_ORDER.index(JurisdictionLevel(j.level)))


def active_items(
    *, district_code: str | None = None, on: dt.date | None = None, kinds: list[str] | None = None
) -> list[ActiveItem]:
    """Items in force on `on` (default today) for a district's jurisdiction chain."""
    on = on or timezone.localdate()
    chain = jurisdiction_chain(district_code)
    rows = (
        CatalogItem.objects.filter(jurisdiction__in=chain, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on))
        .select_related("jurisdiction")
        .order_by("effective_from", "id")
    )
    if kinds:
        rows = rows.filter(list_kind__in=kinds)
    rank = {j.pk: i for i, j in enumerate(chain)}
    chosen: dict[tuple[str, str], CatalogItem] = {}
    for row in rows:
        key = (row.list_kind, row.code)
        held = chosen.get(key)
        if held is None or (rank[row.jurisdiction_id], row.effective_from) >= (
            rank[held.jurisdiction_id],
            held.effective_from,
        ):
            chosen[key] = row
    return [
        ActiveItem(
            pk=r.pk,
            list_kind=r.list_kind,
            code=r.code,
            name=r.name,
            aliases=tuple(r.aliases),
            legal_basis=r.legal_basis,
            source_document=r.source_document,
            referral=r.referral,
            verify=r.verify,
            jurisdiction=r.jurisdiction.name,
            effective_from=r.effective_from,
        )
        for r in sorted(chosen.values(), key=lambda r: (r.list_kind, r.code))
        if r.action != ItemAction.REMOVE
    ]


def catalog_version() -> tuple:
    """Changes whenever a catalog row is added (a new version, a removal: `services._insert_version`
    closes the version before it and adds one) — one aggregate over the catalog, for caches of what
    is derived from it. `created_at` tells apart rows that reuse the id of a rolled-back insert."""
    row = CatalogItem.objects.aggregate(
        n=Count("id"), m=Max("id"), t=Max("effective_to"), c=Max("created_at")
    )
    return row["n"], row["m"], row["t"], row["c"]


def item_history(*, district_code: str | None, list_kind: str, code: str) -> list[CatalogItem]:
    """Every version of an item along a district's jurisdiction chain, oldest first."""
    chain = jurisdiction_chain(district_code)
    return list(
        CatalogItem.objects.filter(jurisdiction__in=chain, list_kind=list_kind, code=code)
        .select_related("jurisdiction", "created_by")
        .order_by("effective_from", "id")
    )


def grouped_lists(items: list[ActiveItem]) -> list[tuple[str, Any, list[ActiveItem]]]:
    """[(list kind, its label, items)] in the order of ListKind."""
    from jianfu.catalog.choices import ListKind

    return [(kind, label, [i for i in items if i.list_kind == kind]) for kind, label in ListKind.choices]


LOCAL_PREFIX = {
    "duty": "D",
    "assist": "A",
    "negative": "N",
    "certificate_may_issue": "CM",
    "certificate_must_not_issue": "CX",
}


def next_local_code(jurisdiction: Jurisdiction, list_kind: str) -> str:
    """A free code for a local addition, e.g. 420102-A01."""
    prefix = {
        "duty": "D",
        "assist": "A",
        "negative": "N",
        "certificate_may_issue": "CM",
        "certificate_must_not_issue": "CX",
    }.get(list_kind, "X")
    stem = f"{jurisdiction.code}-{prefix}" if jurisdiction.code else prefix
    used = set(
        CatalogItem.objects.filter(
            jurisdiction=jurisdiction, list_kind=list_kind, code__startswith=stem
        ).values_list("code", flat=True)
    )
    n = 1
    while f"{stem}{n:02d}" in used:
        n += 1
    return f"{stem}{n:02d}"
