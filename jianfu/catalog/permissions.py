"""The catalog's rules: everyone reads the lists; the 减负办 and the district administrator edit
their own district's jurisdiction; the system actor (catalog-load) edits any."""

from typing import Any

from django.db.models import Q

from jianfu.catalog.choices import JurisdictionLevel
from jianfu.core.permissions import OutOfScope, is_system, require_actor

CATALOG_EDITOR_ROLES = frozenset({"street_office", "district_office", "district_admin"})


def user_district_code(user: Any) -> str | None:
    """The district an account acts in (directly, or through its street/community/department)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.district_id:
        return user.district.code
    if user.street_id:
        return user.street.district.code
    if user.community_id:
        return user.community.street.district.code
    if getattr(user, "department_id", None):
        return user.department.district.code
    return None


def jurisdiction_scope_q(actor: Any, action: str) -> Q:
    """Everyone reads every list ("view"); editing: see the module docstring."""
    if action == "view":
        return Q()
    require_actor(actor)
    if is_system(actor):
        return Q()
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return Q(pk__in=[])
    if actor.is_superuser:
        return Q()
    code = user_district_code(actor)
    if actor.role in CATALOG_EDITOR_ROLES and code:
        return Q(level=JurisdictionLevel.DISTRICT, code=code)
    return Q(pk__in=[])


def may_edit_jurisdiction(actor: Any, jurisdiction: Any) -> bool:
    from jianfu.catalog.models import Jurisdiction

    return Jurisdiction.objects.restrict(actor, "change").filter(pk=jurisdiction.pk).exists()


def require_edit_jurisdiction(actor: Any, jurisdiction: Any) -> None:
    if not may_edit_jurisdiction(actor, jurisdiction):
        raise OutOfScope("无权修改该辖区的清单。")


def may_edit_catalog(actor: Any) -> bool:
    """Whether the user edits some jurisdiction's lists (for showing edit links)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return bool(actor.is_superuser or (actor.role in CATALOG_EDITOR_ROLES and user_district_code(actor)))
