"""Reads of the registry. Every function takes the acting user and stays inside their scope."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core import compiled, idcard
from jianfu.core.rows import InstanceShape
from jianfu.orgs.models import Community
from jianfu.registry.dictionary import FORM_META_HEADERS, normalize_header
from jianfu.registry.models import Attribute, Fact, Household, Person, PersonTag, Place, Source
from jianfu.registry.precedence import FactView


def header_vocabulary() -> dict[str, str]:
    """Every normalized attribute name and synonym → attribute code."""
    vocabulary: dict[str, str] = {}
    for code, name, synonyms in Attribute.objects.values_list("code", "name", "synonyms"):
        for term in [name, *synonyms]:
            vocabulary.setdefault(normalize_header(term), code)
    return vocabulary


def form_meta_field(header: object) -> str | None:
    return FORM_META_HEADERS.get(normalize_header(header))


def attributes_by_code() -> dict[str, Attribute]:
    """The data dictionary as the person page reads it: only the columns it uses (the JSON lists
    of synonyms and choices and the tag's own row, decoded for ~50 attributes, were ~10 % of it)."""
    return {a.code: a for a in Attribute.objects.only("code", "name", "sensitivity", "type", "tag", "sort")}


def person_list(*, user, community_ids: list[int] | None = None) -> QuerySet[Person]:
    qs = Person.objects.restrict(user, "view").select_related("community", "grid")
    if community_ids:
        qs = qs.filter(community_id__in=community_ids)
    return qs


def person_get(*, user, pid: str) -> Person:
    return _person_among(Person.objects.restrict(user, "view"), pid)


def _person_among(visible: QuerySet[Person], pid: str) -> Person:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(visible.select_related("community", "grid", "household", "place"), pid=pid)


def person_facts(*, user, person: Person) -> QuerySet[Fact]:
    """The facts of a person `person_get` returned for this user. A fact's scope is its person's
    (`Fact.scope_community_path` and `person_path` lead to the person: same community rule, same
    sensitive-tag rule), so the visible person's facts are exactly `Fact.objects.restrict(user,
    "view")` of that person, without compiling the scope's subqueries a second time."""
    return (
        Fact.objects.filter(person=person)
        .select_related("attribute", "source", "recorded_by")
        .order_by("attribute__sort", "attribute__code", "-recorded_at", "-id")
    )


# --- list and search ---------------------------------------------------------------------------

PAGE_SIZE = 50
COUNT_CAP = 1000
_DIGITS = re.compile(r"^\d{3,17}[\dXx]?$")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _prefix_q(field: str, prefix: str) -> Q:
    """`field` starts with `prefix`, written as a range so a plain b-tree index serves it on SQLite
    and PostgreSQL alike (LIKE only uses an index under special collations)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper, f"{field}__startswith": prefix})


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    grid: int | None = None
    tag: str = ""
    age_min: int | None = None
    age_max: int | None = None
    conflicts: bool = False
    community: int | None = None


def search_q(text: str) -> Q | None:
    """The filter for what a worker typed: a name, pinyin (full or initials), an ID number or its
    last 4+ digits, a phone number or its last 4+ digits. None when there is nothing to search."""
    from jianfu.core.text import fold

    text = fold(text or "")
    if not text:
        return None
    if _DIGITS.match(text):
        digits = text.upper()
        if len(digits) == 18:
            return Q(id_number=digits)
        if len(digits) == 15 and (upgraded := idcard.upgrade15(digits)):  # a first-generation number
            return Q(id_number=upgraded)
        if len(digits) < 4:
            return Q(pk__in=[])
        tail = digits[-4:]
        q = Q(id_tail=tail)
        if len(digits) > 4:
            q &= Q(id_number__endswith=digits)
        if digits[-1].isdigit():
            if len(digits) == 11:
                q |= Q(phone=digits)
            elif len(digits) == 4:
                q |= Q(phone_tail=tail)
            else:
                q |= Q(phone_tail=tail, phone__endswith=digits)
        return q
    if _CJK.search(text):
        return _prefix_q("name", text)
    letters = re.sub(r"[^a-z]", "", text.lower())
    if not letters:
        return _prefix_q("name", text)
    return _prefix_q("name_key", letters) | _prefix_q("name_initials", letters)


def person_search(*, user, query: SearchQuery) -> QuerySet[Person]:
    """The people the user may see that match the query, in list order (pinyin, then id)."""
    return _search(user, query, _listed_community(user, query))


def _listed_community(user, query: SearchQuery) -> int | None:
    """The one community the list is of, named as a literal too: a user of one community (most
    workers) gets the planner walking the (community, name_key) index in list order instead of the
    whole registry's name_key index."""
    if query.community:
        return query.community
    from jianfu.accounts.scope import communities_for

    # the SQL depends only on the user: compiled once per user (jianfu.core.compiled), read fresh
    first_two = compiled.rows(
        user, "registry.list.communities", lambda actor: communities_for(actor, "view").values("pk")[:2]
    )
    return first_two[0]["pk"] if len(first_two) == 1 else None


def _age_bounds(query: SearchQuery, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """Born on or before the first, after the second (None: no bound)."""
    oldest = None if query.age_max is None else _years_before(today, query.age_max + 1)
    youngest = None if query.age_min is None else _years_before(today, query.age_min)
    return youngest, oldest


def _search(
    user, query: SearchQuery, community: int | None, today: dt.date | None = None
) -> QuerySet[Person]:
    qs = Person.objects.restrict(user, "view")
    if community:
        qs = qs.filter(community_id=community)
    if (q := search_q(query.q)) is not None:
        qs = qs.filter(q)
    if query.grid:
        qs = qs.filter(grid_id=query.grid)
    if query.tag:
        qs = qs.filter(pk__in=PersonTag.objects.filter(attribute__code=query.tag).values("person_id"))
    youngest, oldest = _age_bounds(query, today or timezone.localdate())
    if youngest is not None:
        qs = qs.filter(birth_date__lte=youngest)
    if oldest is not None:
        qs = qs.filter(birth_date__gt=oldest)
    if query.conflicts:
        qs = qs.filter(has_conflict=True)
    return qs.order_by("name_key", "id")


def person_list_page(
    *, user, query: SearchQuery, after_key: str | None = None, after_id: int | None = None
) -> "PersonPage":
    """`person_page(person_search(...))` for the registry list, its rows read as `ListedPerson`s
    (`.values()` rows, no model instances). Without typed text (the list as it opens, or filtered by
    grid, tag, age or conflicts: few distinct queries) the capped count's SQL and, on the first page,
    the rows' SQL are compiled once per user and filters (jianfu.core.compiled) and executed fresh
    every time."""
    community = _listed_community(user, query)
    today = timezone.localdate()
    if query.q:
        qs = _search(user, query, community, today)
        return _listed_page(user, qs, qs.order_by()[: COUNT_CAP + 1].count(), after_key, after_id)
    bounds = tuple(d for d in _age_bounds(query, today) if d is not None)
    total = compiled.count(
        user,
        ("registry.list.count", query, community, today),
        lambda actor: _search(actor, query, community, today).order_by()[: COUNT_CAP + 1],
        dates=bounds,
    )
    if after_id is not None and after_key is not None:
        return _listed_page(user, _search(user, query, community, today), total, after_key, after_id)
    rows = compiled.rows(
        user,
        ("registry.list.rows", query, community, today),
        lambda actor: _listed_rows(_search(actor, query, community, today)),
        dates=bounds,
    )
    return _page_of(user, rows, total)


@dataclass(frozen=True, slots=True)
class Named:
    name: str


@dataclass(frozen=True, slots=True)
class ListedPerson:
    """A row of the registry list: the columns `{% person_rows %}` writes and the page's keyset needs."""

    pk: int
    pid: str
    name: str
    name_key: str
    gender: str
    birth_date: dt.date | None
    id_number: str | None
    phone: str
    has_conflict: bool
    community: Named
    grid: Named | None


LISTED_COLUMNS = (
    "id",
    "pid",
    "name",
    "name_key",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "has_conflict",
    "community_id",
    "grid_id",
    "grid__name",
)


def _listed_rows(qs: QuerySet[Person], size: int = PAGE_SIZE) -> QuerySet:
    """One page of the list (and one row more, to know whether a next page exists) as `.values()`
    rows. No JOIN to the community table: SQLite would drive the query from it and sort the whole
    registry (12 s at 1,000,000 people); the communities' names come in one small query of their own."""
    return qs.values(*LISTED_COLUMNS)[: size + 1]


def _listed_page(
    user, qs: QuerySet[Person], total: int, after_key: str | None, after_id: int | None
) -> "PersonPage":
    if after_id is not None and after_key is not None:
        qs = _after(qs, after_key, after_id)
    return _page_of(user, list(_listed_rows(qs)), total)


def _page_of(user, rows: list[dict[str, Any]], total: int, size: int = PAGE_SIZE) -> "PersonPage":
    names = _community_names(user, {row["community_id"] for row in rows})
    people = [
        ListedPerson(
            pk=row["id"],
            pid=row["pid"],
            name=row["name"],
            name_key=row["name_key"],
            gender=row["gender"],
            birth_date=row["birth_date"],
            id_number=row["id_number"],
            phone=row["phone"],
            has_conflict=row["has_conflict"],
            community=Named(names[row["community_id"]]),
            grid=None if row["grid_id"] is None else Named(row["grid__name"]),
        )
        for row in rows[:size]
    ]
    return _page(people, more=len(rows) > size, total=total)


def _community_names(user, ids: set[int]) -> dict[int, str]:
    """The names of the listed rows' communities (none read for an empty page). Most lists are of one
    community: that query's SQL is compiled once (jianfu.core.compiled.rows_for, the pk a parameter)."""
    if len(ids) != 1:
        return dict(Community.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    rows = compiled.rows_for(
        user,
        "registry.list.community_name",
        lambda actor, pk: Community.objects.filter(pk=pk).values("pk", "name"),
        next(iter(ids)),
    )
    return {row["pk"]: row["name"] for row in rows}


def _page(rows: list, *, more: bool, total: int) -> "PersonPage":
    last = rows[-1] if more and rows else None
    return PersonPage(
        rows=rows,
        next_key=last.name_key if last else None,
        next_id=last.pk if last else None,
        count=min(total, COUNT_CAP),
        count_capped=total > COUNT_CAP,
    )


def _after(qs: QuerySet[Person], after_key: str, after_id: int) -> QuerySet[Person]:
    """The rows after (after_key, after_id) in list order (name_key, id)."""
    # `>=` first so the index range starts at the key (an OR alone makes SQLite scan from the start)
    return qs.filter(Q(name_key__gte=after_key), Q(name_key__gt=after_key) | Q(id__gt=after_id))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class PersonPage:
    rows: list[Any]  # Person instances (`person_page`), ListedPerson rows (`person_list_page`)
    next_key: str | None
    next_id: int | None
    count: int
    count_capped: bool

    @property
    def has_next(self) -> bool:
        return self.next_id is not None


def person_page(
    qs: QuerySet[Person],
    *,
    after_key: str | None = None,
    after_id: int | None = None,
    size: int = PAGE_SIZE,
    total: int | None = None,
) -> PersonPage:
    """One page by keyset (no OFFSET), and a count capped at COUNT_CAP so 1,000,000 rows stay fast
    (`total`: that capped count, when the caller has it)."""
    if total is None:
        total = qs.order_by()[: COUNT_CAP + 1].count()
    if after_id is not None and after_key is not None:
        qs = _after(qs, after_key, after_id)
    rows = list(
        # no JOIN to the community table (see `_listed_rows`): communities come in one small extra query
        qs.select_related("grid")
        .prefetch_related(Prefetch("community", queryset=Community.objects.only("pk", "name", "code")))
        .only(
            "pid",
            "name",
            "name_key",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "has_conflict",
            "community_id",
            "grid__name",
            "grid__code",
        )[: size + 1]
    )
    return _page(rows[:size], more=len(rows) > size, total=total)


def age_on(birth: dt.date | None, day: dt.date | None = None) -> int | None:
    if birth is None:
        return None
    day = day or timezone.localdate()
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# --- detail ------------------------------------------------------------------------------------


@dataclass
class AttributeRow:
    attribute: Attribute
    value: str
    conflict: bool
    candidates: list[tuple[str, str]]  # (value, source name) of each source's latest, on conflict
    basis: str = ""  # on conflict: which source the current value follows, and why


@dataclass
class PersonDetail:
    person: Person
    basic: list[AttributeRow]
    address: list[AttributeRow]
    tags: list[tuple[AttributeRow, list[AttributeRow]]]
    other: list[AttributeRow]
    facts: list[Fact]
    members: list[Person]
    conflicts: list[AttributeRow]
    age: int | None
    unvalidated: list[Fact]  # kept as written, not validated, waiting for a worker to confirm or correct


BASIC_CODES = (
    "name",
    "id_number",
    "gender",
    "birth_date",
    "ethnicity",
    "phone",
    "education",
    "political",
    "marital",
    "employer",
    "living",
    "guardian",
    "guardian_phone",
)
ADDRESS_CODES = (
    "address",
    "hukou_address",
    "grid",
    "estate",
    "building",
    "unit",
    "room",
    "household_number",
    "relation",
)


def precedence_basis(code: str, chosen: FactView, rules: Any, source_name: str) -> str:
    """Why the current value is the one `chosen` reported, in words a worker reads."""
    from jianfu.registry.precedence import IDENTITY_ATTRIBUTES, TIER_AUTHORITY, TIER_VERIFIED

    tier = rules.tier(code, chosen.source_id, chosen.verified)
    if tier == TIER_VERIFIED:
        why = _("社区已核实")
    elif tier == TIER_AUTHORITY and code in IDENTITY_ATTRIBUTES:
        why = _("身份信息以人口基础库为准")
    elif tier == TIER_AUTHORITY:
        why = _("该来源负责这一字段")
    else:
        why = _("来源优先级较高或报送较新")
    return _("当前采用“%(source)s”的值：%(why)s。") % {"source": source_name, "why": why}


FACT_SHAPE = InstanceShape(
    Fact,
    source=("name", "kind", "priority"),
    recorded_by=("username", "display_name"),
    ledger_import=("file_name",),
)


def _person_facts_rows(user, person_id: int) -> QuerySet:
    """`person_facts` as the person page reads them (compiled once per user, the person a parameter:
    jianfu.core.compiled.rows_for): the joined rows only with the columns it shows (sources, who
    recorded, import file)."""
    return (
        Fact.objects.filter(person_id=person_id)
        .order_by("attribute__sort", "attribute__code", "-recorded_at", "-id")
        .values(*FACT_SHAPE.names)
    )


def _detail_facts(user, person: Person, attributes: dict[str, Attribute]) -> list[Fact]:
    """The person's facts, each fact's attribute the dictionary row already loaded."""
    by_pk = {a.pk: a for a in attributes.values()}
    db = Fact.objects.db
    facts = [
        FACT_SHAPE.build(db, row)
        for row in compiled.rows_for(user, "registry.person_facts", _person_facts_rows, person.pk)
    ]
    for fact in facts:
        fact.attribute = by_pk[fact.attribute_id]
    return facts


PERSON_SHAPE = InstanceShape(Person, community=None, grid=None, household=None, place=None)


def _visible_person_rows(user, pid: str) -> QuerySet:
    return Person.objects.restrict(user, "view").filter(pid=pid).order_by().values(*PERSON_SHAPE.names)


def _visible_person(user, pid: str) -> Person:
    """`person_get`, with its SQL compiled once per user and the pid a parameter
    (jianfu.core.compiled.rows_for): the same `restrict()` scope, 404 outside it."""
    from django.http import Http404

    rows = compiled.rows_for(user, "registry.person_by_pid", _visible_person_rows, pid)
    if not rows:
        raise Http404("No Person matches the given query.")
    return PERSON_SHAPE.build(Person.objects.db, rows[0])


# the columns `attributes_by_code` loads
ATTRIBUTE_SHAPE = InstanceShape(Attribute, ("code", "name", "sensitivity", "type", "tag_id", "sort"))


def _detail_attributes(user) -> dict[str, Attribute]:
    """`attributes_by_code`, its SQL compiled once per user (jianfu.core.compiled)."""
    rows = compiled.rows(
        user, "registry.dictionary", lambda actor: Attribute.objects.values(*ATTRIBUTE_SHAPE.names)
    )
    db = Attribute.objects.db
    return {a.code: a for a in (ATTRIBUTE_SHAPE.build(db, row) for row in rows)}


def person_detail(*, user, pid: str) -> PersonDetail:
    from jianfu.registry.precedence import Precedence, disagreements, latest_per_source, winner
    from jianfu.registry.services import unvalidated_open

    # scoped once: the person and the household members it shows are rows of the same visible set
    person = _visible_person(user, pid)
    attributes = _detail_attributes(user)
    facts = _detail_facts(user, person, attributes)
    views = latest_per_source(
        [
            FactView(
                f.attribute.code,
                f.value,
                f.source_id,
                f.source.priority,
                f.recorded_at,
                f.pk,
                f.source.kind == "community",
                f.validated,
            )
            for f in facts
        ]
    )
    conflict_codes = disagreements(views)
    # who is authoritative (3 queries) only matters to explain a conflict's current value
    rules = Precedence.load() if conflict_codes else Precedence()
    source_names = {f.source_id: f.source.name for f in facts}
    by_attr: dict[str, list[FactView]] = {}
    for v in views:
        by_attr.setdefault(v.attribute, []).append(v)

    def row(code: str) -> AttributeRow | None:
        attribute = attributes.get(code)
        if attribute is None:
            return None
        value = person.values.get(code, "")
        if code == "age":
            age = age_on(person.birth_date)
            value = "" if age is None else str(age)
        candidates = []
        basis = ""
        if code in conflict_codes:
            candidates = sorted({(v.value, source_names.get(v.source_id, "")) for v in by_attr.get(code, [])})
            chosen = winner([v for v in by_attr[code] if v.validated] or by_attr[code], rules)
            basis = precedence_basis(code, chosen, rules, source_names.get(chosen.source_id, ""))
        return AttributeRow(attribute, value, code in conflict_codes, candidates, basis)

    basic = [r for c in BASIC_CODES if (r := row(c)) is not None]
    address = [r for c in ADDRESS_CODES if (r := row(c)) is not None]
    shown = set(BASIC_CODES) | set(ADDRESS_CODES)
    tags = []
    for attribute in attributes.values():
        if attribute.type == "tag" and person.values.get(attribute.code) == "是":
            fields = [
                r
                for f in attributes.values()
                if f.tag_id == attribute.pk and (r := row(f.code)) is not None and r.value
            ]
            tag_row = row(attribute.code)
            assert tag_row is not None
            tags.append((tag_row, fields))
            shown |= {attribute.code, *(r.attribute.code for r in fields)}
    other = [
        r
        for code in person.values
        if code not in shown
        and (r := row(code)) is not None
        and r.attribute.type != "tag"
        and r.attribute.tag_id is None
    ]
    conflicts = [r for code in sorted(conflict_codes) if (r := row(code)) is not None]
    members: list[Person] = []
    if person.household_id:
        db = Person.objects.db
        # from_db takes the loaded values in the model's field order
        loaded = [f.attname for f in Person._meta.concrete_fields if f.attname in MEMBER_FIELDS]
        members = [
            Person.from_db(db, loaded, [row[f] for f in loaded])
            for row in compiled.rows_for(
                user, "registry.household_members", _household_members, person.household_id
            )
        ]
    return PersonDetail(
        person=person,
        basic=basic,
        address=address,
        tags=tags,
        other=other,
        facts=facts,
        members=members,
        conflicts=conflicts,
        age=age_on(person.birth_date),
        unvalidated=sorted(unvalidated_open(facts), key=lambda f: (f.attribute.sort, f.attribute.code)),
    )


MEMBER_FIELDS = ("id", "pid", "name", "relation", "birth_date", "gender")


def _household_members(user, household_id: int) -> QuerySet:
    """The visible people of a household as the person page lists them (compiled once per user, the
    household a parameter: jianfu.core.compiled.rows_for)."""
    return (
        Person.objects.restrict(user, "view")
        .filter(household_id=household_id)
        .order_by(RELATION_ORDER, "birth_date")
        .values(*MEMBER_FIELDS)
    )


def _relation_order() -> Case:
    order = ["head", "spouse", "parent", "child", "grandchild", "sibling"]
    return Case(
        *[When(relation=r, then=Value(i)) for i, r in enumerate(order)],
        default=Value(9),
        output_field=IntegerField(),
    )


# built once: an expression in order_by() is copied when a query resolves it, never changed in place
RELATION_ORDER = _relation_order()


def relation_order() -> Case:
    """Head first, then spouse, parents, children, grandchildren, others."""
    return RELATION_ORDER


def household_get(*, user, pk: int) -> Household:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Household.objects.restrict(user, "view").select_related("community", "place"), pk=pk
    )


def place_get(*, user, pk: int) -> Place:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Place.objects.restrict(user, "view").select_related("community", "grid"), pk=pk)


def source_list() -> QuerySet[Source]:
    return (
        Source.objects.select_related("department", "default_tag")
        .prefetch_related("own_fields")
        .order_by("-is_base_register", "-priority", "name")
    )


def attribute_by_term(term: str, attributes: list[Attribute] | None = None) -> Attribute | None:
    """The dictionary attribute a user means by `term`: its code, its name or a synonym."""
    key = normalize_header(term)
    pool = attributes if attributes is not None else list(Attribute.objects.all())
    for attribute in pool:
        if term.strip() == attribute.code or key == normalize_header(attribute.name):
            return attribute
    for attribute in pool:
        if key in {normalize_header(t) for t in attribute.synonyms}:
            return attribute
    return None


def closest_attributes(
    term: str, limit: int = 3, attributes: list[Attribute] | None = None
) -> list[Attribute]:
    """The attributes whose code, name or synonyms look most like `term` (for "did you mean")."""
    from rapidfuzz import fuzz

    key = normalize_header(term)
    pool = attributes if attributes is not None else list(Attribute.objects.all())
    scored = []
    for attribute in pool:
        terms = [attribute.code, attribute.name, *attribute.synonyms]
        scored.append((max(fuzz.ratio(key, normalize_header(t)) for t in terms), attribute.sort, attribute))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [a for _score, _sort, a in scored[:limit]]


def source_rule_fields() -> QuerySet[Attribute]:
    """The attributes a source may be declared authoritative for (identity follows the base register)."""
    from jianfu.registry.precedence import IDENTITY_ATTRIBUTES

    return (
        Attribute.objects.exclude(code__in=IDENTITY_ATTRIBUTES)
        .filter(is_derived=False)
        .order_by("sort", "code")
    )


def attribute_list() -> QuerySet[Attribute]:
    return Attribute.objects.select_related("tag").order_by("sort", "code")
