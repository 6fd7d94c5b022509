"""Reads for accounts: current sign-in lock-outs and API tokens, always for an actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from django.db.models import Max, Sum
from django.utils import timezone

from jianfu.accounts import permissions
from jianfu.accounts.models import ApiToken, User
from jianfu.accounts.signin import cool_off, failure_limit, window_start


@dataclass(frozen=True)
class Lockout:
    kind: str  # "account" or "address"
    key: str  # the username or the address
    failures: int
    last_attempt: dt.datetime
    until: dt.datetime
    others: int  # addresses used against the account / accounts tried from the address

    @property
    def kind_label(self) -> str:
        from django.utils.translation import gettext as _

        return _("账号") if self.kind == "account" else _("地址")


def lockout_until(*, username: str | None, ip_address: str | None) -> dt.datetime | None:
    """When the lock-out of this account or address ends (the later of the two), or None."""
    now = timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=window_start(now))
    until = None
    for filt in ({"username": username}, {"ip_address": ip_address}):
        if not next(iter(filt.values())):
            continue
        row = recent.filter(**filt).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        if row["failures"] and row["failures"] >= failure_limit():
            candidate = row["last"] + cool_off()
            until = candidate if until is None else max(until, candidate)
    return until


def lockouts_list(*, actor: Any) -> list[Lockout]:
    """Every account and address locked out now: the district administrator's view (404 for others).

    Accounts of other districts are left out; addresses belong to no district and are all shown."""
    permissions.require_unlock(actor)
    now = timezone.now()
    rows = list(
        AccessAttempt.objects.filter(attempt_time__gte=window_start(now)).values_list(
            "username", "ip_address", "failures_since_start", "attempt_time"
        )
    )
    limit, span = failure_limit(), cool_off()
    by_user: dict[str, list[tuple]] = {}
    by_ip: dict[str, list[tuple]] = {}
    for row in rows:
        if row[0]:
            by_user.setdefault(row[0], []).append(row)
        if row[1]:
            by_ip.setdefault(row[1], []).append(row)

    def locked(groups: dict[str, list[tuple]], kind: str, other_index: int) -> list[Lockout]:
        out = []
        for key, items in groups.items():
            failures = sum(r[2] for r in items)
            if failures < limit:
                continue
            last = max(r[3] for r in items)
            others = len({r[other_index] for r in items if r[other_index]})
            out.append(Lockout(kind, key, failures, last, last + span, others))
        return out

    accounts = locked(by_user, "account", 1)
    if accounts:
        existing = set(
            User.objects.filter(username__in=[a.key for a in accounts]).values_list("username", flat=True)
        )
        mine = set(
            User.objects.filter(username__in=existing)
            .filter(permissions.district_users_q(actor))
            .values_list("username", flat=True)
        )
        accounts = [a for a in accounts if a.key not in existing or a.key in mine]
    addresses = locked(by_ip, "address", 0)
    return sorted(accounts, key=lambda a: a.last_attempt, reverse=True) + sorted(
        addresses, key=lambda a: a.last_attempt, reverse=True
    )


def api_tokens_for(*, actor: Any, mine_only: bool = True):
    """The actor's tokens (mine_only) or every token the actor may see (district administrator)."""
    tokens = ApiToken.objects.restrict(actor, "view").select_related("user")
    if mine_only and getattr(actor, "pk", None) is not None:
        tokens = tokens.filter(user_id=actor.pk)
    return tokens.order_by("-created_at", "-id")
