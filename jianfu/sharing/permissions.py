"""Who may do what with data sharing (one place).

- A department submits data requests (through the gate), sees its own agreements and requests, and
  downloads its own released files. Nobody else downloads them: the office decides, it does not
  take the data.
- The 减负办 of the department's area (district office; street office for a street department)
  approves or rejects pending requests and revokes agreements.
"""

from __future__ import annotations

from typing import Any

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
