"""Who sees issued certificates.

A certificate names its holder (jianfu.certificates.models): the register is the community's.
Community staff, the 减负办 and administrators see certificates by their reach
(jianfu.accounts.scope); departments see none — a certificate's authenticity is checked by
anyone through its verification code, without seeing the register.
"""

from typing import Any

from django.db.models import Q

from jianfu.accounts.scope import Action, communities_for
from jianfu.core.permissions import require_actor


def certificate_scope_q(actor: Any, action: Action, prefix: str = "") -> Q:
    require_actor(actor)
    if getattr(actor, "is_department", False):
        return Q(pk__in=[])
    return Q(**{f"{prefix}community__in": communities_for(actor, action).values("pk")})
