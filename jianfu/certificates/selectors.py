"""Reads of the certificate desk. Every function takes the acting user and stays in their scope."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from jianfu.accounts.scope import Action, communities_for
from jianfu.catalog.choices import ListKind
from jianfu.catalog.selectors import ActiveItem
from jianfu.certificates.check import certificate_items
from jianfu.certificates.defaults import default_template
from jianfu.certificates.models import Certificate, CertificateDemand, CertificateTemplate, CommunitySeal
from jianfu.certificates.services import district_code_of
from jianfu.core import compiled
from jianfu.core.formats import chinese_date
from jianfu.core.masking import mask_id_number
from jianfu.orgs.models import Community
from jianfu.registry.models import Person


def acting_community(user: Any, action: Action = "change", code: str | None = None) -> Community | None:
    """The community a staff user acts for: their own, or (for district roles) the one named by code."""
    allowed = communities_for(user, action).select_related("street__district")
    if code:
        return allowed.filter(code=code).first()
    if getattr(user, "community_id", None):
        return allowed.filter(pk=user.community_id).first()
    return None


def may_issue_items(community: Community) -> list[ActiveItem]:
    return [
        i
        for i in certificate_items(district_code=district_code_of(community))
        if i.list_kind == ListKind.CERTIFICATE_MAY
    ]


@dataclass(frozen=True)
class TemplateView:
    item: ActiveItem
    title: str
    body: str
    is_default: bool


def template_for(community: Community, item: ActiveItem) -> TemplateView:
    row = CertificateTemplate.objects.filter(community=community, item_code=item.code).first()
    if row is not None:
        return TemplateView(item, row.title, row.body, False)
    title, body = default_template(item.code, item.name)
    return TemplateView(item, title, body, True)


def templates_of(*, user: Any, community: Community) -> list[TemplateView]:
    rows = {
        t.item_code: t for t in CertificateTemplate.objects.restrict(user, "view").filter(community=community)
    }
    views = []
    for item in may_issue_items(community):
        row = rows.get(item.code)
        if row is not None:
            views.append(TemplateView(item, row.title, row.body, False))
        else:
            title, body = default_template(item.code, item.name)
            views.append(TemplateView(item, title, body, True))
    return views


def seal_png(community: Community) -> bytes | None:
    png = CommunitySeal.objects.filter(community=community).values_list("png", flat=True).first()
    return bytes(png) if png else None


def person_search(*, user: Any, community: Community, q: str, limit: int = 20) -> QuerySet[Person]:
    q = (q or "").strip()
    qs = Person.objects.restrict(user, "view").filter(community=community)
    if not q:
        return qs.none()
    cond = Q(name__contains=q) | Q(pid=q.upper())
    if q.isalnum() and len(q) >= 4:
        cond |= Q(id_number__endswith=q.upper())
    return qs.filter(cond).order_by("name_key", "id")[:limit]


def person_for_issue(*, user: Any, community: Community, pid: str) -> Person:
    return get_object_or_404(Person.objects.restrict(user, "view").filter(community=community), pid=pid)


def person_values(
    person: Person | None, community: Community, *, purpose: str = "", since: str = "", on: dt.date
) -> dict[str, str]:
    """Placeholder values for a template, from the registry."""
    values = dict(person.values or {}) if person is not None else {}
    address = values.get("address") or (str(person.place) if person is not None and person.place_id else "")
    return {
        "name": person.name if person is not None else "",
        "gender": person.gender if person is not None else "",
        "id_number_masked": mask_id_number(person.id_number) if person is not None else "",
        "birth_date": chinese_date(person.birth_date) if person is not None and person.birth_date else "",
        "address": address,
        "since": since or values.get("residence_since", ""),
        "purpose": purpose,
        "community": community.name,
        "date": chinese_date(on),
    }


def certificate_list(
    *,
    user: Any,
    action: Action = "view",
    year: int | None = None,
    item_code: str = "",
    status: str = "",
    q: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Certificate]:
    qs = Certificate.objects.restrict(user, action).select_related("community", "issued_by", "revoked_by")
    if year:
        qs = qs.filter(year=year)
    if item_code:
        qs = qs.filter(item_code=item_code)
    if status:
        qs = qs.filter(status=status)
    if q := (q or "").strip():
        qs = qs.filter(Q(holder_name__contains=q) | Q(serial__contains=q) | Q(purpose__contains=q))
    if date_from:
        qs = qs.filter(issued_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(issued_at__date__lte=date_to)
    return qs.order_by("-issued_at", "-id")


def certificate_get(*, user: Any, pk: int, action: Action = "view") -> Certificate:
    return get_object_or_404(
        Certificate.objects.restrict(user, action).select_related(
            "community__street__district", "issued_by", "revoked_by", "person"
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class DemandRow:
    institution: str
    item_code: str
    item_name: str
    count: int
    communities: int


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    start = month.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return start, end


def demand_report(*, user: Any, month: dt.date) -> list[DemandRow]:
    """Institutions still demanding certificates the community must not issue, in the user's area."""
    start, end = month_bounds(month)

    def build(actor: Any) -> QuerySet:
        return (
            CertificateDemand.objects.restrict(actor, "audit")
            .filter(at__date__gte=start, at__date__lt=end)
            .values("institution", "item_code", "item_name")
            .annotate(count=Count("id"), communities=Count("community", distinct=True))
            .order_by("-count", "institution", "item_code")
        )

    # compiled once per actor and month (the burden dashboard shows it on every visit)
    return [
        DemandRow(r["institution"] or "", r["item_code"], r["item_name"], r["count"], r["communities"])
        for r in compiled.rows(user, "certificates.demand_report", build, dates=(start, end))
    ]


def demand_list(*, user: Any, month: dt.date) -> QuerySet[CertificateDemand]:
    start, end = month_bounds(month)
    return (
        CertificateDemand.objects.restrict(user, "audit")
        .filter(at__date__gte=start, at__date__lt=end)
        .select_related("community", "worker")
    )
