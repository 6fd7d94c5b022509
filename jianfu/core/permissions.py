"""Who is acting, and the one way to say "not for you".

- `Actor`: every service, selector and `restrict()` call takes one. It is a signed-in `User`, an
  anonymous visitor (sees nothing that is scoped), or a named `SystemActor` for work jianfu does on
  its own behalf (command line, scheduled jobs, demo seeding). There is no fourth kind: passing
  `None` raises `MissingActor`, so "no actor" can never quietly mean "no scoping".
- `OutOfScope`: raised by an app's `permissions.py` when the actor may not see or do something.
  It is an `Http404`, so pages and the API both answer 404 and an outsider learns nothing about
  what exists (`jianfu.api` maps it to the same 404 body as an unknown id).

Each app keeps its rules in its own `permissions.py` (`may_<verb>(actor, obj) -> bool` and
`require_<verb>(actor, obj) -> None` raising `OutOfScope`); the per-role action table is
`jianfu.accounts.scope`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from jianfu.accounts.models import User
    from jianfu.accounts.scope import Action


class OutOfScope(Http404):
    """The actor may not see or act on this. Pages and the API answer 404."""


SYSTEM_PREFIX = "system: "  # how the audit log stores a system actor's label


class MissingActor(TypeError):
    """A service was called without saying who acts (pass a user or `system_actor(...)`)."""


@dataclass(frozen=True)
class SystemActor:
    """jianfu acting on its own: full reach, but always named, and named in the audit log.

    Only code that runs outside a request (management commands, background jobs, demo seeding)
    may create one; views and the API always pass `request.user` / `request.auth`.
    """

    label: str

    is_system = True
    is_authenticated = False
    is_active = True
    is_superuser = False
    is_anonymous = False
    is_community_staff = False
    is_burden_office = False
    is_department = False
    role = ""
    pk = None
    id = None
    community_id = None
    street_id = None
    district_id = None
    department_id = None
    department = None

    def __str__(self) -> str:
        return f"{SYSTEM_PREFIX}{self.label}"


type Actor = User | AnonymousUser | SystemActor


def system_actor(label: str) -> SystemActor:
    """The actor for a command or job, e.g. `system_actor("jianfu fill")`."""
    label = (label or "").strip()
    if not label:
        raise ValueError("a system actor needs a label saying which command or job acts")
    return SystemActor(label=label[:140])


def is_system(actor: Any) -> bool:
    return isinstance(actor, SystemActor)


def require_actor(actor: Any) -> Any:
    """The actor itself; `MissingActor` for `None` (a caller that forgot to say who acts)."""
    if actor is None:
        raise MissingActor(
            "no actor: pass the signed-in user, or jianfu.core.permissions.system_actor('<command>') "
            "for work jianfu does on its own"
        )
    return actor


def signed_in_user(actor: Any) -> User | None:
    """The `User` to store in `created_by`-style columns: `None` for the system and anonymous visitors."""
    require_actor(actor)
    if isinstance(actor, str):
        return None
    return actor if getattr(actor, "is_authenticated", False) else None


def actor_label(actor: Any) -> str:
    """How the audit log names the actor."""
    require_actor(actor)
    if isinstance(actor, str):  # older callers name a system actor by a bare label; prefer system_actor()
        if not actor.strip():
            raise MissingActor("an empty string is not an actor")
        return f"{SYSTEM_PREFIX}{actor.strip()}"
    if isinstance(actor, SystemActor):
        return str(actor)
    if isinstance(actor, AnonymousUser) or not getattr(actor, "is_authenticated", False):
        return "anonymous"
    return str(actor)


# Jobs whose audit rows people meet on the pages, by the start of their label, in the page language.
KNOWN_JOBS = (("jianfu seed-demo", _("演示数据")),)


def describe_actor(label: str) -> str:
    """How the audit page names a stored actor label in the page language: "system: jianfu seed-demo"
    → 系统（演示数据）, "system: jianfu fill" → 系统（jianfu fill）, "anonymous" → 匿名访客; a user's
    name as stored. The stored label itself never changes (audit rows are not rewritten)."""
    if label == "anonymous":
        return str(_("匿名访客"))
    if not label.startswith(SYSTEM_PREFIX):
        return label
    job = label[len(SYSTEM_PREFIX) :].strip()
    known = next((name for start, name in KNOWN_JOBS if job.startswith(start)), None)
    return str(_("系统（%(job)s）") % {"job": known if known is not None else job})


def is_active_user(actor: Any) -> bool:
    """A signed-in, active `User` (not the system, not an anonymous visitor); `MissingActor` for `None`."""
    require_actor(actor)
    return bool(getattr(actor, "is_authenticated", False) and actor.is_active)


def ladder_start(actor: Any) -> Q | None:
    """The rungs every scoping ladder starts with: the system and superusers reach every row, an
    anonymous or inactive actor none (`MissingActor` for `None`). `None` means the actor's own rung
    decides (its department, its office's area, its community)."""
    if is_system(actor):
        return Q()
    if not is_active_user(actor):
        return Q(pk__in=[])
    if actor.is_superuser:
        return Q()
    return None


def department_area_q(actor: Any, prefix: str = "") -> Q:
    """Rows about a department (`<prefix>department`): a department sees its own; a street 减负办 its
    street's departments (a district department answers to the district office); the district 减负办
    and district administrators the district's departments; anyone else none."""
    from jianfu.accounts.choices import Role

    start = ladder_start(actor)
    if start is not None:
        return start
    if actor.is_department:
        return Q(**{f"{prefix}department_id": actor.department_id}) if actor.department_id else Q(pk__in=[])
    if actor.role == Role.STREET_OFFICE and actor.street_id:
        return Q(**{f"{prefix}department__street_id": actor.street_id})
    if actor.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN) and actor.district_id:
        return Q(**{f"{prefix}department__district_id": actor.district_id})
    return Q(pk__in=[])


def department_or_targets_q(
    actor: Any,
    action: Action,
    targets: Any,
    task_field: str = "",
    *,
    department_field: str = "department_id",
    department_actions: frozenset[str] | None = None,
) -> Q:
    """The scoping ladder shared by demands aimed at communities (tasks, notices, campaigns, tools):

    `ladder_start` (system and superusers everything, inactive or anonymous nothing); a department →
    its own rows (`department_field`; only for `department_actions` when given); anyone else → the
    rows with a target in a community they reach. `targets` is the target model (`TaskTarget`, …,
    with a `community` FK) and `task_field` the name of its FK to the scoped row (e.g. `"task_id"`);
    `targets=None` means the row itself has the `community` FK (a secondment).
    """
    from jianfu.accounts.scope import communities_for

    start = ladder_start(actor)
    if start is not None:
        return start
    if actor.is_department:
        if not actor.department_id or (department_actions is not None and action not in department_actions):
            return Q(pk__in=[])
        return Q(**{department_field: actor.department_id})
    reach = communities_for(actor, action).values("pk")
    if targets is None:
        return Q(community__in=reach)
    return Q(pk__in=targets.objects.filter(community__in=reach).values(task_field))
