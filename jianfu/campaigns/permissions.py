"""Who sees and does what with campaigns, signboards and secondments. Failures raise `OutOfScope` (404)."""

from typing import Any

from django.db.models import Q

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action, communities_for
from jianfu.core.permissions import OutOfScope, department_or_targets_q, is_active_user, is_system


def campaign_scope_q(actor: Any, action: Action) -> Q:
    from jianfu.campaigns.models import CampaignTarget

    return department_or_targets_q(actor, action, CampaignTarget, "campaign_id")


def secondment_scope_q(actor: Any, action: Action) -> Q:
    """The lending community (or street) sees its own; the 减负办 its area; the borrowing department its own."""
    q = department_or_targets_q(actor, action, None)
    if (
        is_active_user(actor)
        and not actor.is_superuser
        and actor.role in (Role.STREET_OFFICE, Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN)
    ):
        q |= Q(community__isnull=True, street__in=communities_for(actor, action).values("street_id"))
    return q


def may_register_campaign(actor: Any, department: Any) -> bool:
    if is_system(actor):
        return True
    if not is_active_user(actor):
        return False
    return bool(actor.is_superuser or (actor.is_department and actor.department_id == department.pk))


def is_office(actor: Any) -> bool:
    return is_system(actor) or (is_active_user(actor) and (actor.is_superuser or actor.is_burden_office))


def require_office_for(actor: Any, queryset: Any, pk: int) -> None:
    """The 减负办 whose area holds the object decides it."""
    if not is_office(actor) or not queryset.restrict(actor, "view").filter(pk=pk).exists():
        raise OutOfScope


def may_inventory(actor: Any, community: Any) -> bool:
    """Community staff inventory their own signboards and report secondments; the 减负办 too."""
    if is_system(actor):
        return True
    if not is_active_user(actor):
        return False
    if actor.is_community_staff:
        return actor.community_id == community.pk
    if actor.is_burden_office or actor.is_superuser:
        return communities_for(actor, "view").filter(pk=community.pk).exists()
    return False


def require_inventory(actor: Any, community: Any) -> None:
    if not may_inventory(actor, community):
        raise OutOfScope


def may_manage(actor: Any, district: Any) -> bool:
    if is_system(actor):
        return True
    if not is_active_user(actor):
        return False
    return bool(
        actor.is_superuser
        or (
            actor.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN)
            and district is not None
            and actor.district_id == district.pk
        )
    )
