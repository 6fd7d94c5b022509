"""Who may do what with data sharing (one place).

- A department submits data requests (through the gate), sees its own agreements and requests, and
  downloads its own released files. Nobody else downloads them: the office decides, it does not
  take the data.
- The 减负办 of the department's area (district office; street office for a street department)
  approves or rejects pending requests and revokes agreements.

`may_<verb>` answers for showing links; `require_<verb>` raises `OutOfScope` (a 404 in pages, API
and the same refusal on the command line), the one "not for you" (docs/conventions.md).
"""

from __future__ import annotations

from typing import Any

from jianfu.core.permissions import OutOfScope
from jianfu.sharing.models import DataAgreement, DataRequest


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def may_use_sharing(user: Any) -> bool:
    """Whether the data-sharing pages exist for this user at all."""
    return _active(user) and bool(
        user.is_superuser or user.is_department or user.is_burden_office or user.role == "district_admin"
    )


def may_decide(user: Any, request: DataRequest) -> bool:
    if not _active(user) or not (user.is_superuser or user.is_burden_office):
        return False
    return DataRequest.objects.restrict(user, "review").filter(pk=request.pk).exists()


def may_revoke(user: Any, agreement: DataAgreement) -> bool:
    if not _active(user) or not (user.is_superuser or user.is_burden_office):
        return False
    return DataAgreement.objects.restrict(user, "manage").filter(pk=agreement.pk).exists()


def may_download(user: Any, request: DataRequest) -> bool:
    return _active(user) and bool(user.is_department and user.department_id == request.department_id)


def require_decide(user: Any, request: DataRequest) -> None:
    if not may_decide(user, request):
        raise OutOfScope("only the 减负办 of the department's area decides this data request")


def require_revoke(user: Any, agreement: DataAgreement) -> None:
    if not may_revoke(user, agreement):
        raise OutOfScope("only the 减负办 of the department's area revokes this agreement")


def require_download(user: Any, request: DataRequest) -> None:
    if not may_download(user, request):
        raise OutOfScope("only the requesting department downloads its file")
