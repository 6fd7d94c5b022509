"""Writing audit rows. Call inside the same transaction as the change it records."""

from typing import Any

from django.db import models

from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import actor_label, signed_in_user


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    summary: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    community: Any = None,
    purpose: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "pid", None) or obj.pk)
    """One audit row. `actor` is required: a user, an anonymous visitor or a `system_actor(...)`;
    `None` raises `MissingActor` (jianfu.core.permissions)."""
    label = actor_label(actor)
    return AuditEvent.objects.create(
        actor=signed_in_user(actor),
        actor_label=label[:150],
        action=action,
        object_type=object_type[:64],
        object_id=str(object_id)[:64],
        community=community,
        summary=summary[:500],
        purpose=purpose[:300],
        detail=detail or {},
    )
