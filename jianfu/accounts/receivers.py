"""Signal receivers: thin calls into services (no rules here)."""

from typing import Any


def audit_failed_signin(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    """Every failed password sign-in (sign-in page, admin, any `authenticate(request, ...)`) is audited.

    Django has already replaced the password in `credentials` with asterisks; only the username is read."""
    from jianfu.accounts.services import signin_failure_record

    signin_failure_record(request=request, username=str(credentials.get("username") or ""))
