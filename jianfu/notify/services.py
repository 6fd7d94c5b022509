"""Queueing messages and delivering them, one destination at a time, with retries and back-off."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.notify import hours
from jianfu.notify.channels import DeliveryError, channel
from jianfu.notify.choices import ChannelKind, DeliveryStatus
from jianfu.notify.models import Delivery, Message, Template
from jianfu.notify.templates import DEFAULTS, placeholders, render

BACKOFF_MINUTES = [1, 5, 30, 120, 720]  # after attempt 1, 2, …; then failed
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1


class NotifyError(ValueError):
    pass


@dataclass(frozen=True)
class Recipient:
    channel: str
    destination: str
    staff: bool = False
    user: Any = None


@transaction.atomic
def message_queue(
    *,
    template: str,
    context: dict[str, Any],
    recipients: list[Recipient],
    emergency: bool = False,
    district: Any = None,
    community: Any = None,
    obj: Any = None,
) -> Message:
    """Render and queue one message to each distinct destination; delivery starts after commit."""
    subject, body = render(template, context)
    msg = Message.objects.create(
        template=template,
        subject=subject,
        body=body,
        emergency=emergency,
        district=district,
        community=community,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
    )
    now = timezone.now()
    seen: set[tuple[str, str]] = set()
    made = []
    for r in recipients:
        key = (r.channel, r.destination.strip())
        if not key[1] or key in seen:
            continue
        seen.add(key)
        when = now if (emergency or not r.staff) else hours.next_working_moment(now)
        made.append(
            Delivery(
                message=msg,
                channel=r.channel,
                destination=key[1][:500],
                user=r.user,
                staff=r.staff,
                next_attempt_at=when,
                deferred_reason="" if when == now else _("非工作时间，顺延至下一个工作时段"),
            )
        )
    Delivery.objects.bulk_create(made)
    due = [d.pk for d in Delivery.objects.filter(message=msg, next_attempt_at__lte=now)]

    def start() -> None:
        for pk in due:
            _enqueue(pk)

    transaction.on_commit(start)
    return msg


def _enqueue(pk: int, run_after: dt.datetime | None = None) -> None:
    from django.tasks import default_task_backend

    from jianfu.notify.tasks import deliver

    if run_after is not None and getattr(default_task_backend, "supports_defer", False):
        deliver.using(run_after=run_after).enqueue(pk)
    elif run_after is None:
        deliver.enqueue(pk)
    # else: `jianfu notify-send` (periodic) picks it up when due


def delivery_attempt(*, delivery_id: int, now: dt.datetime | None = None) -> Delivery | None:
    """Try one delivery once. Success → sent; failure → queued again with back-off, or failed."""
    now = now or timezone.now()
    with transaction.atomic():
        d = Delivery.objects.select_for_update().select_related("message").filter(pk=delivery_id).first()
        if d is None or d.status != DeliveryStatus.QUEUED or d.next_attempt_at > now:
            return d
        d.attempts += 1
        d.save(update_fields=["attempts"])
    try:
        provider_id = channel(d.channel).send(d.destination, d.message.subject, d.message.body)
    except DeliveryError as exc:
        d.last_error = str(exc)[:500]
        if d.attempts >= MAX_ATTEMPTS:
            d.status = DeliveryStatus.FAILED
        else:
            d.next_attempt_at = now + dt.timedelta(minutes=BACKOFF_MINUTES[d.attempts - 1])
        d.save(update_fields=["last_error", "status", "next_attempt_at"])
        if d.status == DeliveryStatus.QUEUED:
            transaction.on_commit(lambda: _enqueue(d.pk, d.next_attempt_at))
        return d
    d.status = DeliveryStatus.SENT
    d.provider_id = provider_id[:100]
    d.sent_at = timezone.now()
    d.last_error = ""
    d.save(update_fields=["status", "provider_id", "sent_at", "last_error"])
    return d


def deliveries_due_run(*, now: dt.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Attempt every queued delivery that is due (deferred to working hours or waiting to retry)."""
    now = now or timezone.now()
    counts = {"attempted": 0, "sent": 0, "failed": 0, "retry": 0}
    ids = list(
        Delivery.objects.filter(status=DeliveryStatus.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        d = delivery_attempt(delivery_id=pk, now=now)
        counts["attempted"] += 1
        if d is None:
            continue
        if d.status == DeliveryStatus.SENT:
            counts["sent"] += 1
        elif d.status == DeliveryStatus.FAILED:
            counts["failed"] += 1
        else:
            counts["retry"] += 1
    return counts


@transaction.atomic
def delivery_confirm(*, provider_id: str, delivered: bool, error: str = "") -> Delivery | None:
    """A provider's delivery receipt (SMS 状态报告): sent → delivered, or failed."""
    d = Delivery.objects.select_for_update().filter(provider_id=provider_id).first()
    if d is None:
        return None
    if delivered:
        d.status, d.delivered_at = DeliveryStatus.DELIVERED, timezone.now()
    else:
        d.status, d.last_error = DeliveryStatus.FAILED, error[:500]
    d.save(update_fields=["status", "delivered_at", "last_error"])
    return d


@transaction.atomic
def delivery_retry(*, actor: Any, delivery: Delivery) -> Delivery:
    """Try a failed delivery again (from the outbox page)."""
    if delivery.status != DeliveryStatus.FAILED:
        raise NotifyError(_("只有失败的投递可以重试。"))
    delivery.status = DeliveryStatus.QUEUED
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=delivery,
        community=delivery.message.community,
        summary=_("重试投递：%(s)s") % {"s": delivery.message.subject},
    )
    transaction.on_commit(lambda: _enqueue(delivery.pk))
    return delivery


@transaction.atomic
def template_set(*, actor: Any, code: str, subject: str, body: str) -> Template:
    if code not in DEFAULTS:
        raise NotifyError(_("没有代码为“%(code)s”的通知。") % {"code": code})
    allowed = placeholders(str(DEFAULTS[code][1])) | placeholders(str(DEFAULTS[code][0]))
    unknown = (placeholders(subject) | placeholders(body)) - allowed
    if unknown:
        raise NotifyError(
            _("模板中有未知的占位符：%(bad)s（可用：%(ok)s）。")
            % {"bad": "、".join(sorted(unknown)), "ok": "、".join("{" + p + "}" for p in sorted(allowed))}
        )
    row, _made = Template.objects.update_or_create(code=code, defaults={"subject": subject, "body": body})
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=row, summary=_("修改通知模板%(c)s") % {"c": code}
    )
    return row


__all__ = ["ChannelKind", "Recipient", "deliveries_due_run", "delivery_attempt", "message_queue"]
