"""The registry's rules: who browses residents, who sees the special populations, who reveals.

- Browsing (`view`) and revealing full values are for the staff of the resident's community and
  the district administrator (`jianfu.accounts.scope`). Departments do not browse the registry:
  they receive data through requests and agreements.
- Residents with a sensitive tag (综治 special populations: Attribute.sensitivity == "special")
  are visible only to actors with a configured legal basis (`SensitiveAccess`); others may see
  counts at most.
"""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from jianfu.accounts.scope import Action, communities_for, may
from jianfu.core.permissions import OutOfScope, is_system, require_actor


def require_role_action(actor: Any, action: Action) -> None:
    """The actor's role allows `action` at all (e.g. "manage" for the data dictionary)."""
    if not may(actor, action):
        raise OutOfScope(_("您的角色无权执行此操作。"))


def registry_scope_q(actor: Any, action: Action, *, model: Any) -> Q:
    """The registry rows of `model` the actor reaches (Person, Fact, PersonTag, Place, Household)."""
    require_actor(actor)
    q = Q(**{f"{model.scope_community_path}__in": communities_for(actor, action).values("pk")})
    if is_system(actor) or getattr(actor, "is_superuser", False):
        return q
    if getattr(actor, "is_department", False) and action in DEPARTMENT_BLOCKED:
        return Q(pk__in=[])
    return q


# Departments never browse, reveal or change registry rows; "export" stays for data served to them
# through the gate (jianfu.gate: requests and agreements decide the population).
DEPARTMENT_BLOCKED = frozenset({"view", "reveal", "change", "review", "manage", "audit"})


def require_change(actor: Any, person: Any) -> None:
    from jianfu.registry.models import Person

    if not Person.objects.restrict(actor, "change").filter(pk=person.pk).exists():
        raise OutOfScope(_("您无权核验该居民的信息。"))


def require_reveal(actor: Any, person: Any) -> None:
    from jianfu.registry.models import Person

    if not Person.objects.restrict(actor, "reveal").filter(pk=person.pk).exists():
        raise OutOfScope(_("您无权查看该居民的明文信息。"))
