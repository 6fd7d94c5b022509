"""Who may do what with activities: the community's staff organise; residents sign up on the public page.

`may_<verb>` answers for links; `require_<verb>` raises `OutOfScope` (404 in pages and the API).
The system actor (demo seeding, commands) organises anywhere and is named in the audit log.
"""

from typing import Any

from jianfu.accounts.scope import communities_for
from jianfu.core import compiled
from jianfu.core.permissions import OutOfScope, is_system, require_actor


def may_organise(actor: Any, community: Any) -> bool:
    require_actor(actor)
    if is_system(actor):
        return True
    pk = getattr(community, "pk", None)
    return pk is not None and communities_for(actor, "change").filter(pk=pk).exists()


def require_organise(actor: Any, community: Any) -> None:
    if not may_organise(actor, community):
        raise OutOfScope


def may_list(actor: Any) -> bool:
    """The activities list: anyone who reaches a community (its staff, the 减负办, administrators).
    The count's SQL is compiled once per actor (jianfu.core.compiled)."""
    require_actor(actor)
    if is_system(actor):
        return True
    return compiled.count(actor, "activities.may_list", lambda a: communities_for(a, "view")) > 0


def may_organise_own_community(actor: Any) -> bool:
    """`may_organise(actor, actor.community)` without reading the community's row (only its id is
    asked), the count's SQL compiled once per actor: whether the list offers "new activity"."""
    require_actor(actor)
    if getattr(actor, "community_id", None) is None:
        return False
    if is_system(actor):
        return True

    def own_community(a: Any) -> Any:
        return communities_for(a, "change").filter(pk=a.community_id)

    return compiled.count(actor, "activities.may_organise_own", own_community) > 0


def require_list(actor: Any) -> None:
    if not may_list(actor):
        raise OutOfScope


def require_signup(actor: Any, activity: Any) -> None:
    """Signing a resident up: anyone holding the public page (anonymous visitors and residents sign
    themselves up), or the organisers adding a phone or desk sign-up. Staff of other communities,
    departments and offices add nobody to another community's list."""
    require_actor(actor)
    if is_system(actor) or not getattr(actor, "is_authenticated", False):
        return
    if actor.role == "resident":
        return
    require_organise(actor, activity.community)


def may_read_signups(actor: Any, activity: Any) -> bool:
    """Residents' names and phones on the sign-up list: only the organisers."""
    return may_organise(actor, activity.community)
