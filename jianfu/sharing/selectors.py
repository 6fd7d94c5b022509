"""Reads of data sharing, always for the acting user (restrict(): a department sees only its own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from jianfu.core import compiled
from jianfu.sharing.choices import AgreementStatus, RequestStatus
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


HOME_LIMIT = 200  # rows per list on the home page


@dataclass(slots=True)
class HomeRequest:
    """A data request on the sharing home page, as the plain values its tables show."""

    pk: int
    task_title: str
    department_name: str
    population: str
    status_label: str
    rows: int
    downloads: int
    agreement_id: int | None
    created_at: dt.datetime
    file_expires_at: dt.datetime | None
    population_text: str = ""


@dataclass(slots=True)
class HomeAgreement:
    """An agreement on the sharing home page, as the plain values its table shows."""

    pk: int
    purpose: str
    department_name: str
    population: str
    expires_on: dt.date
    status: str
    status_label: str
    population_text: str = ""


REQUEST_COLUMNS = (
    "pk",
    "task__title",
    "department__name",
    "population",
    "status",
    "rows",
    "downloads",
    "agreement_id",
    "created_at",
    "file_expires_at",
)
AGREEMENT_COLUMNS = ("pk", "purpose", "department__name", "population", "expires_on", "status")


def _home_requests(user: Any, name: str, build: Any) -> list[HomeRequest]:
    labels = dict(RequestStatus.choices)
    return [
        HomeRequest(
            pk=r["pk"],
            task_title=r["task__title"],
            department_name=r["department__name"],
            population=r["population"],
            status_label=str(labels.get(r["status"], r["status"])),
            rows=r["rows"],
            downloads=r["downloads"],
            agreement_id=r["agreement_id"],
            created_at=r["created_at"],
            file_expires_at=r["file_expires_at"],
        )
        for r in compiled.rows(user, ("sharing.home", name), build)
    ]


def _pending_rows(user: Any) -> QuerySet:
    return pending_for(user).prefetch_related(None).values(*REQUEST_COLUMNS)[:HOME_LIMIT]


def _decided_rows(user: Any) -> QuerySet:
    decided = requests_for(user).exclude(status=RequestStatus.PENDING)
    return decided.prefetch_related(None).values(*REQUEST_COLUMNS)[:HOME_LIMIT]


def _released_rows(user: Any) -> QuerySet:
    return released_files_for(user).prefetch_related(None).values(*REQUEST_COLUMNS)[:HOME_LIMIT]


def _agreement_rows(user: Any) -> QuerySet:
    return agreements_for(user).prefetch_related(None).values(*AGREEMENT_COLUMNS)[:HOME_LIMIT]


def home_lists(user: Any) -> dict[str, list]:
    """The home page's four lists (pending, decided requests, agreements, downloadable files), each
    read as the values the page shows through a query compiled once per user (jianfu.core.compiled):
    building the four joined queries of whole rows cost more than half of the page's CPU."""
    labels = dict(AgreementStatus.choices)
    agreements = [
        HomeAgreement(
            pk=r["pk"],
            purpose=r["purpose"],
            department_name=r["department__name"],
            population=r["population"],
            expires_on=r["expires_on"],
            status=r["status"],
            status_label=str(labels.get(r["status"], r["status"])),
        )
        for r in compiled.rows(user, ("sharing.home", "agreements"), _agreement_rows)
    ]
    return {
        "pending": _home_requests(user, "pending", _pending_rows),
        "requests": _home_requests(user, "decided", _decided_rows),
        "agreements": agreements,
        "files": _home_requests(user, "released", _released_rows),
    }
