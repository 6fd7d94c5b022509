"""Reads of campaigns, signboards and secondments (always for an actor)."""

from typing import Any

from django.db.models import Count, QuerySet

from jianfu.campaigns.models import Campaign, Secondment, Signboard


def campaigns_for(actor: Any, *, year: int | None = None) -> QuerySet[Campaign]:
    qs = (
        Campaign.objects.restrict(actor, "view")
        .select_related("department")
        .annotate(n_targets=Count("targets"))
    )
    return qs.filter(year=year) if year else qs


def signboards_for(actor: Any) -> QuerySet[Signboard]:
    return Signboard.objects.restrict(actor, "view").select_related("community", "department")


def secondments_for(actor: Any) -> QuerySet[Secondment]:
    return Secondment.objects.restrict(actor, "view").select_related("community", "street", "department")
