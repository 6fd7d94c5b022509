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
    if model.person_path is not None:
        from jianfu.registry.models import PersonTag

        tagged = PersonTag.objects.filter(attribute_id__in=hidden_sensitive_tags(actor)).values("person_id")
        q &= ~Q(**{f"{model.person_path}pk__in": tagged})
    return q


def _district_q(actor: Any) -> Q:
    """Grants of the actor's district, as a lazy condition (no query of its own)."""
    from jianfu.orgs.models import Community, Department, Street

    if getattr(actor, "district_id", None):
        return Q(district_id=actor.district_id)
    if getattr(actor, "street_id", None):
        return Q(district_id__in=Street.objects.filter(pk=actor.street_id).values("district_id"))
    if getattr(actor, "community_id", None):
        return Q(
            district_id__in=Community.objects.filter(pk=actor.community_id).values("street__district_id")
        )
    if getattr(actor, "department_id", None):
        return Q(district_id__in=Department.objects.filter(pk=actor.department_id).values("district_id"))
    return Q(pk__in=[])


def hidden_sensitive_tags(actor: Any):
    """The sensitive tags (Attribute.sensitivity == "special") the actor has no legal basis for,
    as a lazy queryset of attribute ids (a subquery of the caller's query)."""
    from jianfu.registry.choices import AttributeType, Sensitivity
    from jianfu.registry.models import Attribute, SensitiveAccess

    require_actor(actor)
    sensitive = Attribute.objects.filter(type=AttributeType.TAG, sensitivity=Sensitivity.SPECIAL)
    if is_system(actor) or getattr(actor, "is_superuser", False):
        return sensitive.none().values("pk")
    granted = SensitiveAccess.objects.filter(_district_q(actor), revoked_at__isnull=True)
    if getattr(actor, "is_department", False):
        granted = granted.filter(department_id=actor.department_id)
    else:
        granted = granted.filter(role=getattr(actor, "role", "") or "-", department__isnull=True)
    return sensitive.exclude(pk__in=granted.values("attribute_id")).values("pk")


def may_see_sensitive(actor: Any, attribute: Any) -> bool:
    return not hidden_sensitive_tags(actor).filter(pk=attribute.pk).exists()


def may_grant_sensitive(actor: Any) -> bool:
    """The district administrator configures the legal bases (audited)."""
    from jianfu.accounts.choices import Role

    require_actor(actor)
    if is_system(actor):
        return True
    return bool(
        getattr(actor, "is_authenticated", False)
        and actor.is_active
        and (actor.is_superuser or (actor.role == Role.DISTRICT_ADMIN and actor.district_id))
    )


def require_grant_sensitive(actor: Any) -> None:
    if not may_grant_sensitive(actor):
        raise OutOfScope


# Departments never browse, reveal or change registry rows; "export" stays for data served to them
# through the gate (jianfu.gate: requests and agreements decide the population).
DEPARTMENT_BLOCKED = frozenset({"view", "reveal", "change", "review", "manage", "audit"})


def may_browse(actor: Any) -> bool:
    """Whether the actor browses residents at all (pages and API): not departments, not residents."""
    require_actor(actor)
    return may(actor, "view") and not getattr(actor, "is_department", False)


def require_browse(actor: Any) -> None:
    if not may_browse(actor):
        raise OutOfScope


def may_act_on_visible(actor: Any, person: Any, action: Action) -> bool:
    """`Person.objects.restrict(actor, action).filter(pk=person.pk).exists()` for a person the actor
    already views, without a query: `registry_scope_q` differs between actions only in the
    communities (the sensitive-tag rule is the same for every action, and departments see no person
    at all), and `communities_for(actor, action)` is the actor's reachable communities whenever
    `may(actor, action)`, none otherwise. A visible person's community is among the reachable ones
    (it passed `communities_for(actor, "view")`), so it is among the action's exactly when the role
    may do the action at all (`ActionsOnAVisiblePersonTests` compares with restrict())."""
    if getattr(actor, "is_department", False) and action in DEPARTMENT_BLOCKED:
        return False
    return may(actor, action)


def require_change(actor: Any, person: Any) -> None:
    from jianfu.registry.models import Person

    if not Person.objects.restrict(actor, "change").filter(pk=person.pk).exists():
        raise OutOfScope(_("您无权核验该居民的信息。"))


def require_reveal(actor: Any, person: Any) -> None:
    from jianfu.registry.models import Person

    if not Person.objects.restrict(actor, "reveal").filter(pk=person.pk).exists():
        raise OutOfScope(_("您无权查看该居民的明文信息。"))


# --- the data dictionary, tags and sources (district-wide) -------------------------------------
# Only the district administrator and the district 减负办 change them, never a community head.
# A command-line run (system actor, or an older caller's bare label) is allowed and audited.

DISTRICT_STEWARDS = frozenset({"district_admin", "district_office"})


def _command_line(actor: Any) -> bool:
    return is_system(actor) or isinstance(actor, str) or actor is None


def may_change_dictionary(actor: Any) -> bool:
    """Whether the actor may change the data dictionary, source priorities and default tags."""
    if _command_line(actor):
        return True
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return bool(actor.is_superuser or (actor.role in DISTRICT_STEWARDS and actor.district_id))


def require_dictionary(actor: Any) -> None:
    """`OutOfScope` (a 404 in pages and the API; the command line prints the message) for anyone else."""
    if not may_change_dictionary(actor):
        raise OutOfScope(
            _(
                "您无权修改：只有区管理员和区减负办可以修改数据字典、标签和数据来源的优先级与取值规则；如需调整，请联系区减负办。"
            )
        )
