"""Who may unlock sign-ins and who may see and revoke API tokens (one home for these rules).

- Unlocking a locked-out account or address is for the district administrator (and the system
  actor of the command line); everyone else gets `OutOfScope` (404), pages and API alike. A
  district administrator reaches the accounts of their own district and any address.
- An API token belongs to its user: the owner sees, creates and revokes their own tokens; the
  district administrator sees and revokes (and may issue) the tokens of their district's users.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from jianfu.accounts.choices import Role
from jianfu.core.permissions import OutOfScope, is_system, require_actor

NO_TOKEN_ROLES = frozenset({Role.RESIDENT, Role.INSPECTOR})


def _signed_in(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False))


def is_district_admin(actor: Any) -> bool:
    require_actor(actor)
    if is_system(actor):
        return True
    if not _signed_in(actor):
        return False
    return bool(actor.is_superuser or (actor.role == Role.DISTRICT_ADMIN and actor.district_id))


def district_users_q(actor: Any) -> Q:
    """The users a district administrator answers for (everyone for the system actor / a superuser)."""
    require_actor(actor)
    if is_system(actor) or getattr(actor, "is_superuser", False):
        return Q()
    if not is_district_admin(actor):
        return Q(pk__in=[])
    district_id = actor.district_id
    return (
        Q(district_id=district_id)
        | Q(street__district_id=district_id)
        | Q(community__street__district_id=district_id)
        | Q(department__district_id=district_id)
    )


# --- sign-in lock-outs -----------------------------------------------------------------------


def may_unlock(actor: Any) -> bool:
    return is_district_admin(actor)


def require_unlock(actor: Any) -> None:
    if not may_unlock(actor):
        raise OutOfScope


def require_unlock_username(actor: Any, username: str) -> None:
    """A district administrator unlocks accounts of their district; a name that is no account (a
    guess) may be cleared by any district administrator."""
    from jianfu.accounts.models import User

    require_unlock(actor)
    if not username:
        return
    account = User.objects.filter(username=username)
    if account.exists() and not account.filter(district_users_q(actor)).exists():
        raise OutOfScope


# --- API tokens ------------------------------------------------------------------------------


def may_use_tokens(actor: Any) -> bool:
    """Staff accounts may hold API tokens for the systems they connect; residents and the time-limited
    inspector accounts (whose access ends with their grant) may not."""
    require_actor(actor)
    if is_system(actor):
        return True
    return _signed_in(actor) and (actor.is_superuser or actor.role not in NO_TOKEN_ROLES)


def token_scope_q(actor: Any, action: str) -> Q:
    """The tokens the actor may see ("view") or revoke ("change"): their own, and for the district
    administrator those of their district's users."""
    require_actor(actor)
    if is_system(actor):
        return Q()
    if not _signed_in(actor):
        return Q(pk__in=[])
    q = Q(user_id=actor.pk)
    if is_district_admin(actor):
        q |= Q(user__in=_district_user_ids(actor))
    return q


def _district_user_ids(actor: Any):
    from jianfu.accounts.models import User

    return User.objects.filter(district_users_q(actor)).values("pk")


def require_issue_token(actor: Any, user: Any) -> None:
    """Issue a token for `user`: the user themself (staff), or their district administrator."""
    from jianfu.accounts.models import User

    require_actor(actor)
    if is_system(actor):
        return
    if not may_use_tokens(actor):
        raise OutOfScope
    if actor.pk == user.pk:
        return
    if is_district_admin(actor) and User.objects.filter(pk=user.pk).filter(district_users_q(actor)).exists():
        return
    raise OutOfScope


def require_revoke_token(actor: Any, token: Any) -> None:
    from jianfu.accounts.models import ApiToken

    if not ApiToken.objects.restrict(actor, "change").filter(pk=token.pk).exists():
        raise OutOfScope
