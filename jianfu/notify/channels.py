"""SMS, e-mail and webhook behind one interface: `channel(kind).send(destination, subject, body)`
returns the provider's id or raises DeliveryError (which the outbox retries with back-off)."""

import hashlib
import hmac
import json
import urllib.request
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from jianfu.notify import sms
from jianfu.notify.choices import ChannelKind


class DeliveryError(Exception):
    pass


class Channel(Protocol):
    def send(self, destination: str, subject: str, body: str) -> str: ...


class SmsChannel:
    def send(self, destination: str, subject: str, body: str) -> str:
        try:
            return sms.backend().send(destination, body)
        except sms.SmsError as exc:
            raise DeliveryError(str(exc)) from exc


class EmailChannel:
    """Django's e-mail backends through `MAILERS["default"]` (jianfu.settings: SMTP when JIANFU_EMAIL_HOST
    is set, a file per message in <data>/mail otherwise; locmem in tests)."""

    def send(self, destination: str, subject: str, body: str) -> str:
        msg = EmailMessage(subject=subject, body=body, to=[destination])
        try:
            sent = msg.send(using="default")
        except Exception as exc:
            raise DeliveryError(f"e-mail: {exc}") from exc
        if not sent:
            raise DeliveryError("e-mail backend sent nothing")
        return str(msg.extra_headers.get("Message-ID", "")) or f"mail-{timezone.now().timestamp()}"


class WebhookChannel:
    """POST JSON to a client system; signed with HMAC-SHA256 (`X-Jianfu-Signature`) when
    JIANFU_WEBHOOK_SECRET is set."""

    timeout = 10

    def send(self, destination: str, subject: str, body: str) -> str:
        payload = json.dumps(
            {"subject": subject, "body": body, "sent_at": timezone.now().isoformat()}, ensure_ascii=False
        ).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        secret = getattr(settings, "JIANFU_WEBHOOK_SECRET", "")
        if secret:
            headers["X-Jianfu-Signature"] = hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
        if not destination.startswith(("https://", "http://")):
            raise DeliveryError(f"not an http(s) URL: {destination}")
        req = urllib.request.Request(destination, data=payload, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
                return f"http-{resp.status}"
        except OSError as exc:
            raise DeliveryError(f"webhook: {exc}") from exc


CHANNELS: dict[str, Any] = {
    ChannelKind.SMS: SmsChannel,
    ChannelKind.EMAIL: EmailChannel,
    ChannelKind.WEBHOOK: WebhookChannel,
}


def channel(kind: str) -> Channel:
    return CHANNELS[kind]()
