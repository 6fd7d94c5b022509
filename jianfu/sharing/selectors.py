"""Reads of data sharing, always for the acting user (restrict(): a department sees only its own)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from jianfu.sharing.choices import RequestStatus
from jianfu.sharing.models import DataAgreement, DataRequest


def agreements_for(user: Any) -> QuerySet[DataAgreement]:
    return (
        DataAgreement.objects.restrict(user, "view")
        .select_related("department", "approved_by")
        .prefetch_related("communities")
    )


def requests_for(user: Any) -> QuerySet[DataRequest]:
    return (
        DataRequest.objects.restrict(user, "view")
        .select_related("department", "task", "agreement")
        .prefetch_related("communities")
    )


def pending_for(user: Any) -> QuerySet[DataRequest]:
    return requests_for(user).filter(status=RequestStatus.PENDING).order_by("created_at", "id")


def released_files_for(user: Any) -> QuerySet[DataRequest]:
    """Releases whose file can still be downloaded."""
    return (
        requests_for(user)
        .filter(status=RequestStatus.RELEASED, file_purged_at=None, file_expires_at__gt=timezone.now())
        .exclude(file="")
    )


def request_for(user: Any, pk: int) -> DataRequest | None:
    return requests_for(user).filter(pk=pk).first()


def agreement_for(user: Any, pk: int) -> DataAgreement | None:
    return agreements_for(user).filter(pk=pk).first()
