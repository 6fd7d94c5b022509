"""Who may change what in the registry beyond one community's people.

The data dictionary (attributes, tags, synonyms) and the source priorities and default tags are
district-wide: a change re-derives the current values of everyone a source reported on. Only the
district administrator and the district 减负办 change them, never a community head.

The CLI run without `--user` acts as the system (the operator with shell access to the server,
who already owns the database); it is allowed and audited under its OS-user label.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from jianfu.accounts.choices import Role

DISTRICT_STEWARDS = frozenset({Role.DISTRICT_ADMIN, Role.DISTRICT_OFFICE})


def is_system(actor: Any) -> bool:
    """A command-line run without a user: the actor is a label such as `CLI:ops`."""
    return isinstance(actor, str) or actor is None


def may_change_dictionary(actor: Any) -> bool:
    """Whether the actor may change the data dictionary, source priorities and default tags."""
    if is_system(actor):
        return True
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return bool(actor.is_superuser or (actor.role in DISTRICT_STEWARDS and actor.district_id))


def require_dictionary(actor: Any) -> None:
    if not may_change_dictionary(actor):
        raise PermissionDenied(
            _(
                "您无权修改：只有区管理员和区减负办可以修改数据字典、标签和数据来源的优先级与取值规则；如需调整，请联系区减负办。"
            )
        )
