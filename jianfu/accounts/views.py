"""Sign-in pages: the lock-out answer, the district administrator's unlock page, API tokens."""

from __future__ import annotations

import math
from typing import cast

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jianfu.accounts import permissions, selectors, services
from jianfu.accounts.models import ApiToken, User
from jianfu.accounts.signin import client_ip, cool_off, failure_limit
from jianfu.core.permissions import OutOfScope


def lockout_message(until) -> str:
    local = timezone.localtime(until).strftime("%Y-%m-%d %H:%M") if until else ""
    return _(
        "登录失败次数过多，这个账号或这台设备所在的地址已被暂时锁定，%(until)s后可再试。"
        "如需提前解锁，请联系区管理员。"
    ) % {"until": local or _("锁定期满")}


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What a locked-out sign-in gets (axes' AXES_LOCKOUT_CALLABLE): HTTP 429, a page that says what
    happened, until when, and who can unlock; JSON for API and htmx callers."""
    username = get_client_username(request, credentials) or ""
    until = selectors.lockout_until(username=username, ip_address=client_ip(request))
    if until is None:  # locked by axes' own count, which we could not re-derive: say the full period
        until = timezone.now() + cool_off()
    retry_after = str(max(1, math.ceil((until - timezone.now()).total_seconds())))
    wants_json = request.path.startswith("/api/") or "application/json" in request.META.get("HTTP_ACCEPT", "")
    if wants_json:
        response: HttpResponse = JsonResponse(
            {
                "detail": lockout_message(until),
                "locked_until": until.isoformat(),
                "unlock_by": "district_admin",
            },
            status=429,
        )
    else:
        response = render(
            request,
            "accounts/locked_out.html",
            {
                "username": username,
                "until": until,
                "failure_limit": failure_limit(),
                "minutes": int(cool_off().total_seconds() // 60),
            },
            status=429,
        )
    response["Retry-After"] = retry_after
    return response


@login_required
@never_cache
def lockouts(request: HttpRequest) -> HttpResponse:
    """Locked-out accounts and addresses, with an unlock button (district administrator; 404 others)."""
    rows = selectors.lockouts_list(actor=request.user)
    return render(
        request,
        "accounts/lockouts.html",
        {"rows": rows, "failure_limit": failure_limit(), "minutes": int(cool_off().total_seconds() // 60)},
    )


@login_required
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    permissions.require_unlock(request.user)
    username = request.POST.get("username", "")
    address = request.POST.get("address", "")
    try:
        cleared = services.signin_unlock(actor=request.user, username=username, address=address)
    except services.AccountsError as exc:
        messages.error(request, str(exc))
    else:
        what = username or address
        if cleared:
            messages.success(request, _("已解锁%(what)s。") % {"what": what})
        else:
            messages.info(request, _("%(what)s当前没有被锁定，无需解锁。") % {"what": what})
    return redirect("accounts:lockouts")


@login_required
@never_cache
def tokens(request: HttpRequest) -> HttpResponse:
    """My API tokens (masked by prefix), create one (its text shown once), revoke.

    The district administrator also sees the tokens of their district's users and may revoke them."""
    if not permissions.may_use_tokens(request.user):
        raise OutOfScope
    created = None
    error = ""
    if request.method == "POST":
        days_raw = request.POST.get("days", "").strip()
        try:
            days = int(days_raw) if days_raw else None
        except ValueError:
            days = -1
        try:
            token, plain = services.api_token_issue(
                actor=request.user,
                user=cast(User, request.user),
                name=request.POST.get("name", ""),
                days=days,
            )
        except services.AccountsError as exc:
            error = str(exc)
        else:
            created = {"token": token, "plain": plain}
    mine = list(selectors.api_tokens_for(actor=request.user))
    district = []
    if permissions.is_district_admin(request.user):
        district = [
            t
            for t in selectors.api_tokens_for(actor=request.user, mine_only=False)
            if t.user_id != request.user.pk
        ]
    response = render(
        request,
        "accounts/tokens.html",
        {
            "mine": mine,
            "district": district,
            "created": created,
            "error": error,
            "post": request.POST if error else {},
            "default_days": settings.JIANFU_API_TOKEN_DAYS,
            "max_days": settings.JIANFU_API_TOKEN_MAX_DAYS,
        },
        status=422 if error else 200,
    )
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.restrict(request.user, "change"), pk=pk)
    try:
        services.api_token_revoke(actor=request.user, token=token)
    except services.AccountsError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已吊销令牌%(prefix)s…。") % {"prefix": token.prefix})
    return redirect("accounts:tokens")
