"""Bearer tokens for department systems. Only a SHA-256 of each token is stored.

A token expires (`expires_at`) and can be revoked; an expired or revoked token answers 401 with a
message saying so. Every rejected token is audited, and an address that presents too many rejected
tokens in a minute gets 429 before any lookup (JIANFU_BAD_TOKEN_PER_MINUTE), so tokens cannot be
guessed cheaply.
"""

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from jianfu.accounts.models import ApiToken, User
from jianfu.accounts.signin import client_ip

LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def mark_used(row: Any, *, now: dt.datetime | None = None) -> bool:
    """Record that a credential row (an `ApiToken`, an Open311 `ApiKey`: anything with a nullable
    `last_used_at`) was used, at most once a minute: a read must not become a write on every call
    (under SQLite it would queue behind a long import's write lock just to say when it was used).
    The conditional UPDATE keeps concurrent requests from writing twice. True when it wrote."""
    now = now or timezone.now()
    if row.last_used_at is not None and now - row.last_used_at < LAST_USED_RESOLUTION:
        return False
    written = (
        type(row)
        ._default_manager.filter(pk=row.pk)
        .filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION))
        .update(last_used_at=now)
    )
    if written:
        row.last_used_at = now
    return bool(written)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def default_lifetime() -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, "JIANFU_API_TOKEN_DAYS", 90)))


def api_token_create(*, user: User, name: str, lifetime: dt.timedelta | None = None) -> tuple[ApiToken, str]:
    """A new token row; the plain text is returned once and never stored.

    The building block of `jianfu.accounts.services.api_token_issue` (which checks who may issue
    and writes the audit row) and of test set-up code."""
    plain = "jf_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=plain[:10],
        token_hash=hash_token(plain),
        expires_at=timezone.now() + (lifetime or default_lifetime()),
    )
    return token, plain


def bad_token_limit() -> int:
    return int(getattr(settings, "JIANFU_BAD_TOKEN_PER_MINUTE", 10))


def _bad_token_key(address: str | None) -> str:
    minute = int(timezone.now().timestamp() // 60)
    return f"accounts:bad-token:{address or '-'}:{minute}"


def bad_tokens_this_minute(address: str | None) -> int:
    return int(cache.get(_bad_token_key(address), 0))


def bad_token_count(address: str | None) -> int:
    """Count one rejected token for this address in the current minute; returns the new count."""
    key = _bad_token_key(address)
    cache.add(key, 0, timeout=90)
    try:
        return int(cache.incr(key))
    except ValueError:
        cache.set(key, 1, timeout=90)
        return 1


def too_many_bad_tokens() -> HttpError:
    return HttpError(
        429,
        _("这个地址在一分钟内提交了太多无效的 API 令牌，请一分钟后再试，并检查所用令牌是否正确。"),
    )


def _reject(request, token: str, reason: str) -> None:
    from jianfu.accounts.services import signin_failure_record

    address = client_ip(request)
    count = bad_token_count(address)
    if count <= bad_token_limit():
        signin_failure_record(request=request, username=token[:10], method="api_token", reason=reason)
    elif count == bad_token_limit() + 1:
        signin_failure_record(request=request, username=token[:10], method="api_token", reason="rate_limited")
        raise too_many_bad_tokens()
    else:
        raise too_many_bad_tokens()


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        if bad_tokens_this_minute(client_ip(request)) > bad_token_limit():
            raise too_many_bad_tokens()  # no lookup, no audit row: the address is rate-limited
        row = ApiToken.objects.select_related("user").filter(token_hash=hash_token(token)).first()
        if row is None or not row.user.is_active:
            _reject(request, token, "unknown")
            return None
        now = timezone.now()
        if row.revoked_at is not None:
            _reject(request, token, "revoked")
            raise HttpError(
                401,
                _("这个 API 令牌（%(prefix)s…）已于%(at)s吊销，请让令牌的主人或区管理员签发新令牌。")
                % {"prefix": row.prefix, "at": timezone.localtime(row.revoked_at).strftime("%Y-%m-%d %H:%M")},
            )
        if row.expires_at <= now:
            _reject(request, token, "expired")
            raise HttpError(
                401,
                _(
                    "这个 API 令牌（%(prefix)s…）已于%(at)s过期，请在“API 令牌”页面或用 jianfu token create 签发新令牌。"
                )
                % {"prefix": row.prefix, "at": timezone.localtime(row.expires_at).strftime("%Y-%m-%d %H:%M")},
            )
        mark_used(row, now=now)
        request.user = row.user
        return row.user
