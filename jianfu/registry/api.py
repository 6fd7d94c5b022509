"""Registry API (/api/v1/registry/): people (masked), one person (masked), reveal (audited), dictionary.

Same scoping as the pages: a person outside the caller's communities is a 404. ID numbers and
phones are masked everywhere except in the answer of `POST /people/{pid}/reveal`, which needs the
"reveal" permission and a stated purpose and is written to the audit log.
"""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.accounts.scope import may
from jianfu.core.apikit import ObjectId, limit_field
from jianfu.core.masking import mask_id_number, mask_phone
from jianfu.registry import permissions, selectors, services
from jianfu.registry.models import Attribute, Person

router = Router(tags=["registry"])


class PersonOut(Schema):
    pid: str
    name: str
    gender: str
    birth_date: dt.date | None
    age: int | None
    id_number_masked: str
    phone_masked: str
    community: str
    grid: str | None
    has_conflict: bool


class PersonPageOut(Schema):
    results: list[PersonOut]
    count: int
    count_capped: bool
    next_key: str | None
    next_id: int | None


class FactOut(Schema):
    id: int
    attribute: str
    value: str
    source: str
    recorded_at: dt.datetime
    validated: bool
    problem: str


class SettleIn(Schema):
    reason: str
    value: str | None = None  # empty: confirm the value as written


class SettleOut(Schema):
    pid: str
    fact: int
    attribute: str
    value: str


class PersonDetailOut(PersonOut):
    values: dict[str, str]
    tags: list[str]
    conflicts: list[str]
    household: str | None
    relation: str
    place: str | None
    facts: list[FactOut]
    unvalidated: list[FactOut]  # waiting for a worker to confirm or correct


class RevealIn(Schema):
    field: str
    purpose: str


class RevealOut(Schema):
    pid: str
    field: str
    value: str


class AttributeOut(Schema):
    code: str
    name: str
    synonyms: list[str]
    type: str
    sensitivity: str
    tag: str | None
    choices: list[str]


class Filters(Schema):
    q: str = ""
    grid: ObjectId | None = None
    tag: str = ""
    age_min: int | None = Field(default=None, ge=0, le=150, description="years: 0 to 150")
    age_max: int | None = Field(default=None, ge=0, le=150, description="years: 0 to 150")
    conflicts: bool = False
    community: str = ""
    after_key: str | None = Field(default=None, max_length=200)
    after_id: ObjectId | None = None
    limit: int = limit_field(default=50, cap=200)


_MASKED = {"id_number", "phone", "guardian_phone", "phone_other"}


def _mask(code: str, value: str) -> str:
    if code == "id_number":
        return mask_id_number(value)
    if code in _MASKED:
        return mask_phone(value)
    return value


def _out(p: Person) -> dict:
    return {
        "pid": p.pid,
        "name": p.name,
        "gender": p.gender,
        "birth_date": p.birth_date,
        "age": selectors.age_on(p.birth_date),
        "id_number_masked": mask_id_number(p.id_number),
        "phone_masked": mask_phone(p.phone),
        "community": p.community.code,
        "grid": p.grid.code if p.grid_id else None,
        "has_conflict": p.has_conflict,
    }


def _need_view(request) -> None:
    if not may(request.auth, "view"):
        raise Http404


def _need_people(request) -> None:
    """Residents: staff who browse the registry; departments get data through requests (404)."""
    permissions.require_browse(request.auth)


@router.get("/people", response=PersonPageOut)
def people(request, filters: Query[Filters]):
    """Search and list people (masked). Pass `next_key`/`next_id` back as `after_key`/`after_id`."""
    _need_people(request)
    community_id = None
    if filters.community:
        from jianfu.accounts.scope import communities_for

        community_id = (
            communities_for(request.auth, "view")
            .filter(code=filters.community)
            .values_list("pk", flat=True)
            .first()
        )
        if community_id is None:
            raise Http404
    query = selectors.SearchQuery(
        q=filters.q,
        grid=filters.grid,
        tag=filters.tag,
        age_min=filters.age_min,
        age_max=filters.age_max,
        conflicts=filters.conflicts,
        community=community_id,
    )
    page = selectors.person_page(
        selectors.person_search(user=request.auth, query=query),
        after_key=filters.after_key,
        after_id=filters.after_id,
        size=filters.limit,
    )
    return {
        "results": [_out(p) for p in page.rows],
        "count": page.count,
        "count_capped": page.count_capped,
        "next_key": page.next_key,
        "next_id": page.next_id,
    }


@router.get("/people/{pid}", response=PersonDetailOut)
def person(request, pid: str):
    """One person: current values (ID numbers and phones masked), tags, conflicts and facts."""
    _need_people(request)
    d = selectors.person_detail(user=request.auth, pid=pid)
    p = d.person
    return {
        **_out(p),
        "values": {code: _mask(code, str(value)) for code, value in p.values.items()},
        "tags": [tag.attribute.code for tag, _fields in d.tags],
        "conflicts": [row.attribute.code for row in d.conflicts],
        "household": p.household.number if p.household_id else None,
        "relation": p.relation,
        "place": str(p.place) if p.place_id else None,
        "facts": [_fact_out(f) for f in d.facts],
        "unvalidated": [_fact_out(f) for f in d.unvalidated],
    }


def _fact_out(f) -> dict:
    return {
        "id": f.pk,
        "attribute": f.attribute.code,
        "value": _mask(f.attribute.code, f.value),
        "source": f.source.name,
        "recorded_at": f.recorded_at,
        "validated": f.validated,
        "problem": f.problem,
    }


@router.post("/people/{pid}/facts/{fact_id}/settle", response=SettleOut)
def settle(request, pid: str, fact_id: ObjectId, body: SettleIn):
    """Confirm an unvalidated value as written (no `value`) or correct it; audited."""
    _need_people(request)
    p = selectors.person_get(user=request.auth, pid=pid)
    fact = p.facts.filter(validated=False, pk=fact_id).first()
    if fact is None:
        raise Http404
    try:
        settled = services.fact_settle(actor=request.auth, fact=fact, reason=body.reason, value=body.value)
    except services.RegistryError as exc:
        raise HttpError(422, str(exc)) from None
    return {
        "pid": p.pid,
        "fact": settled.pk,
        "attribute": fact.attribute.code,
        "value": _mask(fact.attribute.code, settled.value),
    }


@router.post("/people/{pid}/reveal", response=RevealOut)
def reveal(request, pid: str, body: RevealIn):
    """The full ID number or phone (`field`: id_number | phone) for a stated `purpose`; audited."""
    _need_people(request)
    p = selectors.person_get(user=request.auth, pid=pid)
    try:
        value = services.person_reveal(actor=request.auth, person=p, field=body.field, purpose=body.purpose)
    except services.RegistryError as exc:
        raise HttpError(422, str(exc)) from None
    return {"pid": p.pid, "field": body.field, "value": value}


@router.get("/attributes", response=list[AttributeOut])
def attributes(request):
    """The data dictionary."""
    _need_view(request)
    return [
        {
            "code": a.code,
            "name": a.name,
            "synonyms": a.synonyms,
            "type": a.type,
            "sensitivity": a.sensitivity,
            "tag": a.tag.code if a.tag_id else None,
            "choices": a.choices,
        }
        for a in Attribute.objects.select_related("tag").order_by("sort", "code")
    ]


# --- data dictionary and sources: district administrator and district 减负办 only ----------------


class TagIn(Schema):
    name: str
    fields: list[str] = []  # "服务时长:number", "服务队:text", "星级:choice:一星/二星"
    synonyms: list[str] = []
    sensitivity: str = "normal"


class TagOut(Schema):
    code: str
    name: str
    synonyms: list[str]
    fields: list[AttributeOut]


class SourceIn(Schema):
    priority: int | None = None
    default_tag: str | None = None  # tag code or name; "" forgets the default tag
    department: int | None = None


class SourceOut(Schema):
    id: int
    name: str
    kind: str
    department: str | None
    priority: int
    is_base_register: bool
    own_fields: list[str]
    default_tag: str | None


class SourceRulesIn(Schema):
    is_base_register: bool
    own_fields: list[str] = []  # attribute codes or Chinese names; a tag includes its fields


def _attribute_out(a: Attribute) -> dict:
    return {
        "code": a.code,
        "name": a.name,
        "synonyms": a.synonyms,
        "type": a.type,
        "sensitivity": a.sensitivity,
        "tag": a.tag.code if a.tag_id and a.tag else None,
        "choices": a.choices,
    }


def _source_out(s) -> dict:
    return {
        "id": s.pk,
        "name": s.name,
        "kind": s.kind,
        "department": s.department.name if s.department_id else None,
        "priority": s.priority,
        "is_base_register": s.is_base_register,
        "own_fields": [a.code for a in s.own_fields.all()],
        "default_tag": s.default_tag.code if s.default_tag_id else None,
    }


@router.get("/sources", response=list[SourceOut])
def sources(request):
    """The data sources and what each is authoritative for (see docs/architecture.md, precedence)."""
    _need_view(request)
    return [_source_out(s) for s in selectors.source_list()]


@router.put("/sources/{source_id}/rules", response=SourceOut)
def source_rules(request, source_id: ObjectId, body: SourceRulesIn):
    """Declare a source the population base register and/or the fields it is authoritative for
    (district administrator and district 减负办 only; anyone else: 404)."""
    _need_view(request)
    source = selectors.source_list().filter(pk=source_id).first()
    if source is None:
        raise Http404
    pool = list(Attribute.objects.all())
    fields = []
    for term in body.own_fields:
        attribute = selectors.attribute_by_term(term, pool)
        if attribute is None:
            near = "、".join(a.name for a in selectors.closest_attributes(term, attributes=pool))
            raise HttpError(
                422, _("没有可由来源负责的字段“%(term)s”。最接近的：%(near)s") % {"term": term, "near": near}
            )
        fields.append(attribute)
    try:
        services.source_set_rules(
            actor=request.auth, source=source, is_base_register=body.is_base_register, own_fields=fields
        )
    except services.RegistryError as exc:
        raise HttpError(422, str(exc)) from None
    return _source_out(selectors.source_list().get(pk=source_id))


@router.post("/tags", response={201: TagOut})
def tag_new(request, body: TagIn):
    """A new tag with its own fields (404 for anyone but the district administrator and 减负办)."""
    from jianfu.registry.tags import tag_create

    _need_view(request)
    try:
        tag = tag_create(
            actor=request.auth,
            name=body.name,
            fields=body.fields,
            synonyms=body.synonyms,
            sensitivity=body.sensitivity,
        )
    except services.RegistryError as exc:
        raise HttpError(422, str(exc)) from None
    fields = Attribute.objects.filter(tag=tag).select_related("tag").order_by("sort")
    return Status(
        201,
        {
            "code": tag.code,
            "name": tag.name,
            "synonyms": tag.synonyms,
            "fields": [_attribute_out(f) for f in fields],
        },
    )


@router.patch("/sources/{source_id}", response=SourceOut)
def source_update(request, source_id: ObjectId, body: SourceIn):
    """Change a source's priority, default tag or sending department (district roles only; anyone else: 404)."""
    from django.db import transaction
    from django.shortcuts import get_object_or_404

    from jianfu.orgs.models import Department
    from jianfu.registry.models import Source
    from jianfu.registry.tags import resolve_tag, source_set_default_tag, source_set_department

    _need_view(request)
    source = get_object_or_404(Source, pk=source_id)
    try:
        with transaction.atomic():
            if body.priority is not None:
                services.source_set_priority(actor=request.auth, source=source, priority=body.priority)
            if body.default_tag is not None:
                tag = resolve_tag(body.default_tag) if body.default_tag else None
                if body.default_tag and tag is None:
                    raise services.RegistryError(f"unknown tag {body.default_tag}")
                source_set_default_tag(actor=request.auth, source=source, tag=tag)
            if body.department is not None:
                department = get_object_or_404(Department, pk=body.department)
                source_set_department(actor=request.auth, source=source, department=department)
    except services.RegistryError as exc:
        raise HttpError(422, str(exc)) from None
    return _source_out(selectors.source_list().get(pk=source.pk))


def _add_sensitive_routes() -> None:
    from jianfu.registry.api_sensitive import router as sensitive

    router.add_router("", sensitive)


_add_sensitive_routes()
