"""Bearer tokens for department systems. Only a SHA-256 of each token is stored."""

import datetime as dt
import hashlib
import secrets

from django.db.models import Q
from django.utils import timezone
from ninja.security import HttpBearer

from jianfu.accounts.models import ApiToken, User

LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token; the plain text is returned once and never stored."""
    plain = "jf_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=plain[:10], token_hash=hash_token(plain))
    return token, plain


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        row = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
            # at most one write a minute per token: an API read must not queue behind a long import's
            # write lock (SQLite) just to say when the token was last used
            ApiToken.objects.filter(pk=row.pk).filter(
                Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION)
            ).update(last_used_at=now)
        request.user = row.user
        return row.user
