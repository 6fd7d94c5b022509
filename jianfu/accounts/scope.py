"""The one scoping rule: which communities a user may act on, per action.

Every list, detail, export and API goes through `Model.objects.restrict(user, action)`
(see `jianfu.core.scoping`), which asks this module. An object outside the scope is a 404.
"""

from typing import Literal

from django.db.models import QuerySet

from jianfu.accounts.choices import Role
from jianfu.core.permissions import SystemActor, require_actor
from jianfu.orgs.models import Community

Action = Literal["view", "change", "reveal", "export", "review", "audit", "manage"]

# What each role may do on the communities it reaches.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.GRID_WORKER: frozenset({"view", "change", "reveal", "export", "review"}),
    Role.COMMUNITY_WORKER: frozenset({"view", "change", "reveal", "export", "review"}),
    Role.COMMUNITY_HEAD: frozenset({"view", "change", "reveal", "export", "review", "audit", "manage"}),
    Role.STREET_OFFICE: frozenset({"view", "audit"}),
    Role.DISTRICT_OFFICE: frozenset({"view", "audit"}),
    Role.DEPARTMENT: frozenset({"view", "export"}),
    Role.DISTRICT_ADMIN: frozenset({"view", "change", "reveal", "export", "review", "audit", "manage"}),
    Role.RESIDENT: frozenset(),
    # an inspector reaches no community by role: only the visits of an active grant (jianfu.inspections)
    Role.INSPECTOR: frozenset(),
}


def reachable_communities(user) -> QuerySet[Community]:
    """The communities a user's organisation unit covers, whatever the action.

    `user` is an actor (jianfu.core.permissions): `None` raises `MissingActor`; the system actor
    reaches every community; an anonymous visitor none."""
    require_actor(user)
    if isinstance(user, SystemActor):
        return Community.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Community.objects.none()
    if user.is_superuser:
        return Community.objects.all()
    role = user.role
    if role in (Role.GRID_WORKER, Role.COMMUNITY_WORKER, Role.COMMUNITY_HEAD):
        return (
            Community.objects.filter(pk=user.community_id) if user.community_id else Community.objects.none()
        )
    if role == Role.STREET_OFFICE and user.street_id:
        return Community.objects.filter(street_id=user.street_id)
    if role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN) and user.district_id:
        return Community.objects.filter(street__district_id=user.district_id)
    if role == Role.DEPARTMENT and user.department_id:
        department = user.department
        if department.street_id:
            return Community.objects.filter(street_id=department.street_id)
        return Community.objects.filter(street__district_id=department.district_id)
    return Community.objects.none()


def may(user, action: Action) -> bool:
    """Whether the user's role allows the action at all (on some community)."""
    require_actor(user)
    if isinstance(user, SystemActor):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or action in ROLE_ACTIONS.get(user.role, frozenset()))


def communities_for(user, action: Action) -> QuerySet[Community]:
    """The communities on which the user may perform the action."""
    if not may(user, action):
        return Community.objects.none()
    return reachable_communities(user)
