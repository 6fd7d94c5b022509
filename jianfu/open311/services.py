"""Issuing and checking API keys (only a hash is stored; the key is shown once)."""

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.auth import mark_used
from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.open311.models import ApiKey, key_hash


class KeyError_(ValueError):
    pass


@transaction.atomic
def api_key_create(*, actor: Any, name: str, district: Any, webhook_url: str = "") -> tuple[ApiKey, str]:
    name = (name or "").strip()
    if not name:
        raise KeyError_(_("请填写客户端名称。"))
    if webhook_url and not webhook_url.startswith(("https://", "http://")):
        raise KeyError_(_("状态推送地址应以 https:// 开头。"))
    key = "o311_" + secrets.token_urlsafe(24)
    row = ApiKey.objects.create(
        name=name[:100],
        district=district,
        prefix=key[:12],
        key_hash=key_hash(key),
        webhook_url=webhook_url,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=row,
        summary=_("签发 Open311 API 密钥：%(name)s") % {"name": row.name},
    )
    return row, key


@transaction.atomic
def api_key_revoke(*, actor: Any, key: ApiKey) -> ApiKey:
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REVOKE,
        obj=key,
        summary=_("吊销 Open311 API 密钥：%(name)s") % {"name": key.name},
    )
    return key


def api_key_check(key: str) -> ApiKey | None:
    if not key:
        return None
    row = (
        ApiKey.objects.select_related("district")
        .filter(key_hash=key_hash(key), revoked_at__isnull=True)
        .first()
    )
    if row is not None:
        mark_used(row)  # at most one write a minute per key, the API tokens' helper
    return row
