"""Who may fill, see and download a department form (一表通).

- Filling reads personal data of one community: community staff of that community (and the
  district administrator / the system actor), the "export" action of `jianfu.accounts.scope`.
- A fill is visible to the community that made it and to the department it was delivered to;
  no other department sees it, whatever its reach.
"""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from jianfu.accounts.scope import communities_for, may
from jianfu.core.permissions import OutOfScope, is_system, require_actor


def may_fill(actor: Any) -> bool:
    """Whether the actor fills forms at all (departments ask communities or request data instead)."""
    require_actor(actor)
    return may(actor, "export") and not getattr(actor, "is_department", False)


def may_see_fills(actor: Any) -> bool:
    """Whether the fills list means anything to the actor: fillers, and departments receiving fills."""
    return may_fill(actor) or bool(getattr(actor, "is_department", False) and actor.is_active)


def fill_communities(actor: Any):
    """The communities the actor may fill forms for."""
    if not may_fill(actor):
        return communities_for(actor, "export").none()
    return communities_for(actor, "export")


def require_fill_community(actor: Any, community: Any) -> None:
    if not fill_communities(actor).filter(pk=community.pk).exists():
        raise OutOfScope(_("您无权为该社区导出居民数据。"))


def fill_visible_q(actor: Any, action: str = "view") -> Q:
    """The fills the actor may see: its community's, or, for a department, those delivered to it."""
    require_actor(actor)
    if is_system(actor):
        return Q()
    if getattr(actor, "is_department", False):
        if not actor.is_active or not actor.department_id:
            return Q(pk__in=[])
        return Q(department_id=actor.department_id)
    return Q(community__in=fill_communities(actor).values("pk"))


def may_complete(actor: Any, record: Any) -> bool:
    """Writing missing values back to the registry: staff who may change the community's records."""
    return may_fill(actor) and communities_for(actor, "change").filter(pk=record.community_id).exists()
