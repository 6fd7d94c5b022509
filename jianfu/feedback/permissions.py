"""Who sees which import's problem list.

- The department that sent a source sees the problem lists and quality figures of its own
  sources' imports, in every community of its reach, and nothing else (not another department's).
- Community staff see those of imports into their own community (they imported them).
- The 减负办 and the district administrator see those within their street or district.
"""

from typing import Any

from django.db.models import Q

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action, communities_for


def is_department_user(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and not user.is_superuser and user.role == Role.DEPARTMENT
    )


def feedback_scope_q(user: Any, action: Action, prefix: str = "") -> Q:
    """Scope of ImportFeedback rows (prefix "feedback__" to scope LedgerImports by their feedback).

    `user=None` is the command line run without `--user` (the server operator): everything.
    Pages and the API always pass the request's user, never None.
    """
    if user is None:
        return Q(**{f"{prefix}pk__isnull": False})
    q = Q(**{f"{prefix}community__in": communities_for(user, "view").values("pk")})
    if action == "export":
        q &= Q(**{f"{prefix}community__in": communities_for(user, "export").values("pk")})
    if is_department_user(user):
        q &= Q(**{f"{prefix}department_id": user.department_id})
    return q
