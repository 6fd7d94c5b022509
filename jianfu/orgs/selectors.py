"""Reads of the organisation, scoped to what the acting user may see."""

from typing import TypedDict

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from jianfu.accounts.scope import communities_for
from jianfu.orgs.models import Community


def community_list(*, user) -> QuerySet[Community]:
    return (
        communities_for(user, "view")
        .select_related("street__district")
        .annotate(grid_count=Count("grids", distinct=True))
        .order_by("code")
    )


def community_get(*, user, code: str) -> Community:
    return get_object_or_404(communities_for(user, "view").select_related("street__district"), code=code)


class CommunityCounts(TypedDict):
    people: int
    conflicts: int
    households: int
    places: int
    tags: list[tuple[str, int]]  # (tag name, people with the tag), most common first


def community_counts(community: Community) -> CommunityCounts:
    """People, households, places, conflicts and tag counts of one community (indexed counts)."""
    from jianfu.registry.models import Household, Person, PersonTag, Place

    people = Person.objects.filter(community=community)
    tags = (
        PersonTag.objects.filter(person__community=community)
        .values("attribute__name")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return {
        "people": people.count(),
        "conflicts": people.filter(has_conflict=True).count(),
        "households": Household.objects.filter(community=community).count(),
        "places": Place.objects.filter(community=community).count(),
        "tags": [(row["attribute__name"], row["n"]) for row in tags],
    }
