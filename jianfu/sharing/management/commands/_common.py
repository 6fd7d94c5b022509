"""Shared bits of the data-sharing commands: the acting user and the JSON shapes."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError

from jianfu.accounts.models import User


def acting_user(username: str) -> User:
    user = User.objects.select_related("department", "district", "street").filter(username=username).first()
    if user is None or not user.is_active:
        raise CommandError(f"user {username!r} not found or inactive: give an active username with --user")
    return user


def emit(out: Any, obj: dict[str, Any]) -> None:
    """Exactly one JSON object on the command's stdout."""
    out.write(json.dumps(obj, ensure_ascii=False, default=str))


def request_json(row: Any) -> dict[str, Any]:
    from jianfu.sharing.api import _request_out

    return _request_out(row).dict()


def agreement_json(row: Any) -> dict[str, Any]:
    from jianfu.sharing.api import _agreement_out

    return _agreement_out(row).dict()
