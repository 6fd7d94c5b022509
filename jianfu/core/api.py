import datetime as dt

from ninja import Query, Router, Schema

from jianfu.core.apikit import BigPage
from jianfu.core.models import AuditEvent

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    at: dt.datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    community: str | None
    summary: str
    purpose: str


@router.get("/events", response=list[AuditEventOut])
def audit_events(request, page: Query[BigPage]):
    """The audit log the caller may read (community heads, 减负办, district administrators)."""
    rows = page.window(AuditEvent.objects.restrict(request.auth, "audit").select_related("community"))
    return [
        AuditEventOut(
            at=e.at,
            actor=e.actor_label,
            action=e.action,
            object_type=e.object_type,
            object_id=e.object_id,
            community=e.community.code if e.community else None,
            summary=e.summary,
            purpose=e.purpose,
        )
        for e in rows
    ]
