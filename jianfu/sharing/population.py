"""The population of a data request: a filter in jianfu.fills.where syntax over named communities.

`canonical()` parses and rewrites a filter (so that "tag=残疾人" and "tag=disabled" are the same
agreement), `describe()` says it in words for the pages ("残疾；民意社区、永红社区"), `narrows()` tells
whether a request's filter selects a subset of an agreement's, and `people()` is the queryset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from jianfu.fills.where import Condition, Vocabulary, filter_people, parse, unparse
from jianfu.fills.where import describe as describe_where


def canonical(text: str, vocabulary: Vocabulary | None = None) -> str:
    """The filter with attribute codes, conditions in a stable order (raises WhereError)."""
    conditions = parse(text or "", vocabulary or Vocabulary.from_db())
    unique = sorted(set(conditions), key=lambda c: (c.field, c.op, c.value))
    return unparse(unique)


def conditions(text: str, vocabulary: Vocabulary | None = None) -> frozenset[Condition]:
    return frozenset(parse(text or "", vocabulary or Vocabulary.from_db()))


def narrows(request: str, agreement: str, vocabulary: Vocabulary | None = None) -> bool:
    """Every condition of the agreement is also a condition of the request (filters are `and` only,
    so the request then selects no one the agreement does not)."""
    vocabulary = vocabulary or Vocabulary.from_db()
    agreed = conditions(agreement, vocabulary)
    return bool(agreed) and agreed <= conditions(request, vocabulary)


describe_filter = describe_where


def describe(text: str, communities: Iterable[Any], vocabulary: Vocabulary | None = None) -> str:
    """E.g. "残疾；民意社区、永红社区"; an empty filter is said to be undetermined, never "everyone"."""
    names = "、".join(c.name for c in communities)
    who = describe_filter(text, vocabulary) if text else _("（人群条件未确定）")
    return f"{who}；{names}" if names else who


def people(text: str, communities: Sequence[Any], *, on: dt.date) -> QuerySet[Any]:
    """Residents of the communities matching the filter. An empty filter selects no one."""
    from jianfu.registry.models import Person

    if not (text or "").strip():
        return Person.objects.none()
    qs = filter_people(
        Person.objects.filter(community__in=[c.pk for c in communities]), text, Vocabulary.from_db(), on
    )
    return qs.order_by("community__code", F("grid__code").asc(nulls_last=True), "name_key", "id")


def counts(text: str, communities: Sequence[Any], *, on: dt.date) -> dict[int, int]:
    """Rows per community (community id → count), for the page shown before anything is released."""
    from django.db.models import Count

    rows = people(text, communities, on=on).order_by().values("community_id").annotate(n=Count("id"))
    found = {r["community_id"]: r["n"] for r in rows}
    return {c.pk: found.get(c.pk, 0) for c in communities}
