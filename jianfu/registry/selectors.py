"""Reads of the registry. Every function takes the acting user and stays inside their scope."""

from django.db.models import QuerySet

from jianfu.registry.dictionary import FORM_META_HEADERS, normalize_header
from jianfu.registry.models import Attribute, Fact, Person


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
    return {a.code: a for a in Attribute.objects.select_related("tag")}


def person_list(*, user, community_ids: list[int] | None = None) -> QuerySet[Person]:
    qs = Person.objects.restrict(user, "view").select_related("community", "grid")
    if community_ids:
        qs = qs.filter(community_id__in=community_ids)
    return qs


def person_get(*, user, pid: str) -> Person:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Person.objects.restrict(user, "view").select_related("community", "grid", "household", "place"),
        pid=pid,
    )


def person_facts(*, user, person: Person) -> QuerySet[Fact]:
    return (
        Fact.objects.restrict(user, "view")
        .filter(person=person)
        .select_related("attribute", "source", "recorded_by")
        .order_by("attribute__sort", "attribute__code", "-recorded_at", "-id")
    )
