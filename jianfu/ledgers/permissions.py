"""Who sees ledger imports and their review items.

An import's outcome and its review items carry the residents' names and values of the rows
(jianfu.ledgers.models): they are the community's working material. Community staff, the 减负办
and administrators see them by their reach (jianfu.accounts.scope); a department sees none of
them — the department that sent a roster gets its problem list back through jianfu.feedback,
and data only through requests and agreements (jianfu.sharing).
"""

from typing import Any

from django.db.models import Q

from jianfu.accounts.scope import Action, communities_for
from jianfu.core.permissions import require_actor


def ledger_scope_q(actor: Any, action: Action) -> Q:
    require_actor(actor)
    if getattr(actor, "is_department", False):
        return Q(pk__in=[])
    return Q(community__in=communities_for(actor, action).values("pk"))
