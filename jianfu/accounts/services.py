"""Writes for accounts: sign-in failures into the audit log, unlocking, issuing and revoking API tokens.

Every function is keyword-only, takes the actor, runs in one transaction and writes its audit row.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts import permissions
from jianfu.accounts.auth import api_token_create
from jianfu.accounts.models import ApiToken, User
from jianfu.accounts.signin import client_ip
from jianfu.core.choices import AuditAction
from jianfu.core.models import AuditEvent
from jianfu.core.permissions import require_actor
from jianfu.core.services import audit_record


class AccountsError(ValueError):
    """Bad input for an accounts action: the message says what and how to fix it."""


# --- sign-in failures ------------------------------------------------------------------------


@transaction.atomic
def signin_failure_record(
    *, request: Any, username: str, method: str = "password", reason: str = ""
) -> AuditEvent:
    """One audit row for a failed sign-in: the name tried and the address, never the password.

    Written for every failed password sign-in (web form, admin) by the `user_login_failed` receiver,
    and for every rejected API token. The actor is the anonymous visitor who tried."""
    username = (username or "")[:150]
    address = client_ip(request) if request is not None else None
    locked = bool(getattr(request, "axes_locked_out", False))
    detail: dict[str, Any] = {
        "method": method,
        "username": username,
        "ip_address": address,
        "path": (getattr(request, "path", "") or "")[:200],
        "user_agent": (getattr(request, "META", {}).get("HTTP_USER_AGENT", "") or "")[:200],
        "locked_out": locked,
    }
    if reason:
        detail["reason"] = reason
    if method == "password":
        summary = _("登录失败：用户名“%(username)s”，地址%(ip)s") % {
            "username": username,
            "ip": address or "-",
        }
        if locked:
            summary += _("（已锁定）")
    else:
        summary = _("API 令牌被拒绝（%(reason)s），地址%(ip)s") % {"reason": reason, "ip": address or "-"}
    return audit_record(
        actor=AnonymousUser(),
        action=AuditAction.SIGNIN_FAILED,
        object_type="accounts.signin",
        object_id=username[:64],
        summary=summary,
        detail=detail,
    )


# --- unlocking -------------------------------------------------------------------------------


def _clean_address(address: str) -> str:
    address = (address or "").strip()
    if not address:
        return ""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        raise AccountsError(
            _("“%(value)s”不是有效的 IP 地址，请填写如192.0.2.10或2001:db8::1的地址。") % {"value": address}
        ) from None


@transaction.atomic
def signin_unlock(*, actor: Any, username: str = "", address: str = "") -> int:
    """Clear the failed sign-ins of an account (from every address) and/or of an address (for every
    account), ending their lock-out now. District administrator only (404 for others). Returns how
    many axes attempt records were cleared."""
    require_actor(actor)
    username = (username or "").strip()
    address = _clean_address(address)
    if not username and not address:
        raise AccountsError(_("请填写要解锁的用户名或 IP 地址。"))
    permissions.require_unlock(actor)
    if username:
        permissions.require_unlock_username(actor, username)
    cleared = AxesProxyHandler.reset_attempts(
        username=username or None, ip_address=address or None, ip_or_username=bool(username and address)
    )
    what = "、".join(filter(None, [username and _("账号“%s”") % username, address and _("地址%s") % address]))
    audit_record(
        actor=actor,
        action=AuditAction.UNLOCK,
        object_type="accounts.signin",
        object_id=(username or address)[:64],
        summary=_("解除登录锁定：%(what)s（清除%(n)d条失败记录）") % {"what": what, "n": cleared},
        detail={"username": username, "ip_address": address, "attempts_cleared": cleared},
    )
    return cleared


# --- API tokens ------------------------------------------------------------------------------


def _lifetime(days: int | None) -> dt.timedelta:
    default = int(getattr(settings, "JIANFU_API_TOKEN_DAYS", 90))
    longest = int(getattr(settings, "JIANFU_API_TOKEN_MAX_DAYS", 365))
    if days is None:
        days = default
    if not isinstance(days, int) or days < 1 or days > longest:
        raise AccountsError(
            _("有效期应为1到%(max)d天之间的整数（默认%(default)d天）。")
            % {"max": longest, "default": default}
        )
    return dt.timedelta(days=days)


@transaction.atomic
def api_token_issue(*, actor: Any, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new API token for `user`, by the user themself or their district administrator.

    The plain token is returned once and never stored; the audit row names the token by its prefix."""
    require_actor(actor)
    name = (name or "").strip()
    if not name:
        raise AccountsError(_("请填写令牌名称（它给哪个系统用，例如“区民政局低保系统”）。"))
    if len(name) > 100:
        raise AccountsError(_("令牌名称最多100个字。"))
    lifetime = _lifetime(days)
    permissions.require_issue_token(actor, user)
    if not user.is_active:
        raise AccountsError(_("用户“%(user)s”已停用，不能签发令牌。") % {"user": user.username})
    token, plain = api_token_create(user=user, name=name, lifetime=lifetime)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=token,
        community=user.community,
        summary=_("签发 API 令牌“%(name)s”（%(prefix)s…）给%(user)s，%(until)s到期")
        % {
            "name": token.name,
            "prefix": token.prefix,
            "user": user.username,
            "until": timezone.localtime(token.expires_at).strftime("%Y-%m-%d %H:%M"),
        },
        detail={"user": user.username, "prefix": token.prefix, "expires_at": token.expires_at.isoformat()},
    )
    return token, plain


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke a token now: by its owner or the district administrator (404 for anyone else)."""
    require_actor(actor)
    permissions.require_revoke_token(actor, token)
    locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if locked.revoked_at is not None:
        raise AccountsError(
            _("令牌%(prefix)s… 已于%(at)s吊销。")
            % {
                "prefix": locked.prefix,
                "at": timezone.localtime(locked.revoked_at).strftime("%Y-%m-%d %H:%M"),
            }
        )
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REVOKE,
        obj=locked,
        community=locked.user.community,
        summary=_("吊销 API 令牌“%(name)s”（%(prefix)s…，属于%(user)s）")
        % {"name": locked.name, "prefix": locked.prefix, "user": locked.user.username},
        detail={"user": locked.user.username, "prefix": locked.prefix},
    )
    return locked
