"""Accounts API: my API tokens (list, issue, revoke) and, for the district administrator, the
sign-in lock-outs and unlocking. Anyone else gets 404, as everywhere (OutOfScope)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from jianfu.accounts import permissions, selectors, services
from jianfu.accounts.models import ApiToken, User
from jianfu.core.apikit import ApiError, ObjectId
from jianfu.core.permissions import OutOfScope

router = Router(tags=["accounts"])


class TokenOut(Schema):
    id: int
    name: str
    user: str
    prefix: str
    status: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreated(TokenOut):
    token: str


class TokenIn(Schema):
    name: str
    days: int | None = None
    username: str | None = None


class LockoutOut(Schema):
    kind: str
    key: str
    failures: int
    last_attempt: dt.datetime
    until: dt.datetime
    others: int


class UnlockIn(Schema):
    username: str = ""
    address: str = ""


class UnlockOut(Schema):
    username: str
    address: str
    attempts_cleared: int


def _token_out(t: ApiToken, **extra) -> dict:
    return {
        "id": t.pk,
        "name": t.name,
        "user": t.user.username,
        "prefix": t.prefix,
        "status": t.status,
        "created_at": t.created_at,
        "expires_at": t.expires_at,
        "last_used_at": t.last_used_at,
        "revoked_at": t.revoked_at,
        **extra,
    }


@router.get("/tokens", response={200: list[TokenOut], 404: ApiError})
def token_list(request, all: bool = False):
    """My tokens (masked: prefix only). `all=true`: every token I may revoke (district administrator:
    those of the district's users)."""
    if not permissions.may_use_tokens(request.auth):
        raise OutOfScope
    return [_token_out(t) for t in selectors.api_tokens_for(actor=request.auth, mine_only=not all)]


@router.post("/tokens", response={201: TokenCreated, 404: ApiError, 422: ApiError})
def token_create(request, payload: TokenIn):
    """Issue a token (the plain text is in this answer only). `username`: a district administrator
    issuing for a user of the district; default: the caller."""
    actor = request.auth
    user = actor
    if payload.username and payload.username != getattr(actor, "username", None):
        user = User.objects.filter(username=payload.username).first()
        if user is None:
            raise OutOfScope
    try:
        token, plain = services.api_token_issue(actor=actor, user=user, name=payload.name, days=payload.days)
    except services.AccountsError as exc:
        raise HttpError(422, str(exc)) from None
    return Status(201, _token_out(token, token=plain))


@router.post("/tokens/{token_id}/revoke", response={200: TokenOut, 404: ApiError, 422: ApiError})
def token_revoke(request, token_id: ObjectId):
    token = get_object_or_404(
        ApiToken.objects.restrict(request.auth, "change").select_related("user"), pk=token_id
    )
    try:
        token = services.api_token_revoke(actor=request.auth, token=token)
    except services.AccountsError as exc:
        raise HttpError(422, str(exc)) from None
    return _token_out(token)


@router.get("/lockouts", response={200: list[LockoutOut], 404: ApiError})
def lockout_list(request):
    """Accounts and addresses locked out now (district administrator only)."""
    return [
        {
            "kind": r.kind,
            "key": r.key,
            "failures": r.failures,
            "last_attempt": r.last_attempt,
            "until": r.until,
            "others": r.others,
        }
        for r in selectors.lockouts_list(actor=request.auth)
    ]


@router.post("/lockouts/unlock", response={200: UnlockOut, 404: ApiError, 422: ApiError})
def lockout_unlock(request, payload: UnlockIn):
    """Unlock an account (every address) and/or an address (every account); audited."""
    permissions.require_unlock(request.auth)
    try:
        cleared = services.signin_unlock(
            actor=request.auth, username=payload.username, address=payload.address
        )
    except services.AccountsError as exc:
        raise HttpError(422, str(exc)) from None
    return {
        "username": payload.username.strip(),
        "address": payload.address.strip(),
        "attempts_cleared": cleared,
    }
