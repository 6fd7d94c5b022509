"""SMS providers behind one small interface: `send(phone, text) -> provider message id`.

Pick one with `JIANFU_SMS_BACKEND` (dotted path):
- `jianfu.notify.sms.FileBackend` (default): appends one JSON line per SMS to
  `JIANFU_SMS_FILE` (default `<data>/sms/outbox.jsonl`) — for an installation without a provider.
- `jianfu.notify.sms.ConsoleBackend`: prints each SMS (development).
- `jianfu.notify.sms.HttpBackend`: POSTs `{"phone": …, "text": …, "sign": …}` as JSON to
  `JIANFU_SMS_HTTP_URL` with `Authorization: Bearer JIANFU_SMS_HTTP_TOKEN`; a 2xx answer with
  JSON `{"id": "…"}` is success, anything else a failure that is retried. Put a small adapter for
  your provider (阿里云、腾讯云 …) behind that URL, or subclass HttpBackend and override `payload`.
- `jianfu.notify.sms.MemoryBackend`: keeps messages in `MemoryBackend.outbox` (tests).
"""

import json
import sys
import threading
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsError(Exception):
    pass


class FileBackend:
    _lock = threading.Lock()

    def path(self) -> Path:
        return Path(getattr(settings, "JIANFU_SMS_FILE", settings.DATA_DIR / "sms" / "outbox.jsonl"))

    def send(self, phone: str, text: str) -> str:
        ident = uuid.uuid4().hex
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {"id": ident, "at": timezone.now().isoformat(), "phone": phone, "text": text}, ensure_ascii=False
        )
        with self._lock, path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        return ident


class ConsoleBackend:
    def send(self, phone: str, text: str) -> str:
        ident = uuid.uuid4().hex
        sys.stdout.write(f"[SMS {ident}] {phone}: {text}\n")
        return ident


class MemoryBackend:
    outbox: list[dict[str, str]] = []
    fail_for: set[str] = set()  # phones that fail (tests of partial failure and retries)

    def send(self, phone: str, text: str) -> str:
        if phone in self.fail_for:
            raise SmsError(f"provider refused {phone}")
        ident = uuid.uuid4().hex
        self.outbox.append({"id": ident, "phone": phone, "text": text})
        return ident


class HttpBackend:
    timeout = 10

    def payload(self, phone: str, text: str) -> dict[str, Any]:
        return {"phone": phone, "text": text, "sign": getattr(settings, "JIANFU_SMS_SIGN", "")}

    def send(self, phone: str, text: str) -> str:
        url = getattr(settings, "JIANFU_SMS_HTTP_URL", "")
        if not url:
            raise SmsError("JIANFU_SMS_HTTP_URL is not set")
        req = urllib.request.Request(  # noqa: S310 - an administrator-configured provider URL
            url,
            data=json.dumps(self.payload(phone, text), ensure_ascii=False).encode(),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {getattr(settings, 'JIANFU_SMS_HTTP_TOKEN', '')}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
                data = json.loads(resp.read() or b"{}")
        except (OSError, ValueError) as exc:
            raise SmsError(f"SMS provider: {exc}") from exc
        return str(data.get("id") or uuid.uuid4().hex)


def backend() -> Any:
    return import_string(getattr(settings, "JIANFU_SMS_BACKEND", "jianfu.notify.sms.FileBackend"))()
