"""Who may do what with activities: the community's staff organise; residents sign up on the public page."""

from typing import Any

from jianfu.accounts.scope import communities_for


def may_organise(user: Any, community: Any) -> bool:
    pk = getattr(community, "pk", None)
    return pk is not None and communities_for(user, "change").filter(pk=pk).exists()
