"""Who is told what about a request. Messages go through jianfu.notify (queued in the same
transaction, delivered after commit). Reporters get SMS and/or e-mail; staff e-mail, deferred
outside working hours unless the request is an emergency; Open311 clients their webhook."""

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from jianfu.accounts.choices import Role
from jianfu.casework.choices import Escalation, Urgency
from jianfu.notify.choices import ChannelKind
from jianfu.notify.services import Recipient, message_queue

_QUIET: contextvars.ContextVar[bool] = contextvars.ContextVar("casework_quiet", default=False)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No messages inside (replaying history for the demo: nobody is told about last month again)."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def _link(request: Any, *, public: bool) -> str:
    base = getattr(settings, "JIANFU_BASE_URL", "").rstrip("/")
    path = f"/casework/t/{request.token}/" if public else f"/casework/{request.pk}/"
    return base + path


def _context(request: Any, *, public: bool, **extra: Any) -> dict[str, Any]:
    return {
        "number": request.number,
        "category": request.category.name,
        "status": request.get_status_display(),
        "due": f"{timezone.localtime(request.due_at):%Y-%m-%d %H:%M}",
        "department": request.lead_department.name if request.lead_department else "",
        "reply": request.reply,
        "link": _link(request, public=public),
        **extra,
    }


def _client_webhook(request: Any) -> str:
    """The webhook of the Open311 client system that submitted the request, if it set one."""
    try:
        link = request.open311_link
    except ObjectDoesNotExist:
        return ""
    return link.client.webhook_url if link.client.revoked_at is None else ""


def _reporter_recipients(request: Any) -> list[Recipient]:
    out = []
    for sr in [request, *request.duplicates.all()]:
        if sr.reporter_phone:
            out.append(Recipient(ChannelKind.SMS, sr.reporter_phone))
        if sr.reporter_email:
            out.append(Recipient(ChannelKind.EMAIL, sr.reporter_email))
        elif sr.reporter_id and sr.reporter.email:
            out.append(Recipient(ChannelKind.EMAIL, sr.reporter.email, user=sr.reporter))
        hook = _client_webhook(sr)
        if hook:
            out.append(Recipient(ChannelKind.WEBHOOK, hook))
    return out


def _staff(users: Any) -> list[Recipient]:
    return [Recipient(ChannelKind.EMAIL, u.email, staff=True, user=u) for u in users if u.email]


def _send(request: Any, template: str, recipients: list[Recipient], *, public: bool, **extra: Any) -> None:
    if not recipients or _QUIET.get():
        return
    message_queue(
        template=template,
        context=_context(request, public=public, **extra),
        recipients=recipients,
        emergency=request.urgency == Urgency.EMERGENCY,
        district=request.district,
        community=request.community,
        obj=request,
    )


def tell_reporters(request: Any, event: str, extra: dict[str, Any] | None = None) -> None:
    _send(request, f"request.{event}", _reporter_recipients(request), public=True, **(extra or {}))


def _community_staff(request: Any) -> Any:
    from jianfu.accounts.models import User

    if request.community_id is None:
        return User.objects.none()
    qs = User.objects.filter(is_active=True, community_id=request.community_id)
    if request.grid_id:
        return qs.filter(role__in=[Role.COMMUNITY_WORKER, Role.COMMUNITY_HEAD]) | qs.filter(
            role=Role.GRID_WORKER, grid_id=request.grid_id
        )
    return qs.filter(role__in=[Role.COMMUNITY_WORKER, Role.COMMUNITY_HEAD, Role.GRID_WORKER])


def tell_community(request: Any, event: str, extra: dict[str, Any] | None = None) -> None:
    _send(request, f"request.{event}", _staff(_community_staff(request)), public=False, **(extra or {}))


def tell_department(whistle: Any, event: str) -> None:
    from jianfu.accounts.models import User

    users = User.objects.filter(is_active=True, role=Role.DEPARTMENT, department_id=whistle.department_id)
    _send(
        whistle.request,
        f"request.{event}",
        _staff(users),
        public=False,
        department=whistle.department.name,
        due=f"{timezone.localtime(whistle.sign_due):%m-%d %H:%M}",
    )


def tell_handlers(request: Any, event: str) -> None:
    from jianfu.accounts.models import User

    users = list(_community_staff(request))
    if request.lead_department_id:
        users += list(
            User.objects.filter(
                is_active=True, role=Role.DEPARTMENT, department_id=request.lead_department_id
            )
        )
    _send(request, f"request.{event}", _staff(users), public=False)


def tell_supervisors(request: Any, level: str) -> None:
    from jianfu.accounts.models import User

    if level == Escalation.STREET and request.community_id:
        users = User.objects.filter(
            is_active=True, role=Role.STREET_OFFICE, street_id=request.community.street_id
        )
    else:
        users = User.objects.filter(
            is_active=True, role=Role.DISTRICT_OFFICE, district_id=request.district_id
        )
    handlers = list(_community_staff(request))
    if request.lead_department_id:
        handlers += list(
            User.objects.filter(
                is_active=True, role=Role.DEPARTMENT, department_id=request.lead_department_id
            )
        )
    last = request.transitions.order_by("-at", "-id").first()
    _send(
        request,
        "request.escalated",
        _staff([*users, *handlers]),
        public=False,
        level=Escalation(level).label,
        reason=last.note if last else "",
    )
