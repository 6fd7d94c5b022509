"""/api/v1/burden/: the ledger entries, the dashboard figures and the rebound alerts, all scoped."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from jianfu.accounts.scope import may
from jianfu.burden import selectors as sel
from jianfu.burden import services
from jianfu.burden.format import hours_float
from jianfu.burden.services import BurdenError
from jianfu.core.apikit import LimitOffset, ObjectId, errors

router = Router(tags=["burden"])


class EntryOut(Schema):
    id: int
    community_code: str
    community: str
    department: str | None
    kind: str
    title: str
    occurred_on: dt.date
    units: Decimal
    frequency: Decimal
    people: Decimal
    minutes_per_unit: Decimal
    hours: float = Field(description="estimated hours, one decimal")
    corrected_hours: float | None
    correction_reason: str
    saved_hours: float
    outside_lists: bool
    withdrawn: bool = Field(description="the task was withdrawn: counted as avoided, not imposed")
    source_ref: str

    @staticmethod
    def resolve_hours(obj: Any) -> float:
        return hours_float(obj.hours)

    @staticmethod
    def resolve_corrected_hours(obj: Any) -> float | None:
        return None if obj.corrected_hours is None else hours_float(obj.corrected_hours)

    @staticmethod
    def resolve_saved_hours(obj: Any) -> float:
        return hours_float(obj.saved_hours)

    @staticmethod
    def resolve_withdrawn(obj: Any) -> bool:
        return obj.withdrawn_at is not None

    @staticmethod
    def resolve_community_code(obj: Any) -> str:
        return obj.community.code

    @staticmethod
    def resolve_community(obj: Any) -> str:
        return obj.community.name

    @staticmethod
    def resolve_department(obj: Any) -> str | None:
        return obj.department.name if obj.department_id else None


class LedgerQuery(Schema):
    community: ObjectId | None = None
    street: ObjectId | None = None
    department: ObjectId | None = None
    kind: str = ""
    month: str = ""
    from_: str = ""
    to: str = ""


class AlertOut(Schema):
    id: int
    subject: str
    name: str
    community_id: int | None
    department_id: int | None
    month: str
    month_to_date: bool = Field(description="the current month: figures cover the days so far")
    hours: float
    baseline: float
    threshold: float
    status: str
    acknowledged_by: str | None
    acknowledged_at: dt.datetime | None

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.subject_name

    @staticmethod
    def resolve_month_to_date(obj: Any) -> bool:
        return obj.month_to_date

    @staticmethod
    def resolve_hours(obj: Any) -> float:
        return hours_float(obj.hours)

    @staticmethod
    def resolve_baseline(obj: Any) -> float:
        return hours_float(obj.baseline)

    @staticmethod
    def resolve_threshold(obj: Any) -> float:
        return hours_float(obj.threshold)

    @staticmethod
    def resolve_month(obj: Any) -> str:
        return obj.month.strftime("%Y-%m")

    @staticmethod
    def resolve_acknowledged_by(obj: Any) -> str | None:
        return str(obj.acknowledged_by) if obj.acknowledged_by_id else None


class AcknowledgeIn(Schema):
    note: str = ""


def _filters(request: Any, q: LedgerQuery) -> sel.LedgerFilter:
    params = {k: ("" if v is None else str(v)) for k, v in q.dict().items()}
    params["from"] = params.pop("from_", "")
    params["from"] = request.GET.get("from", params["from"])
    return sel.LedgerFilter.from_params(params)


def _need_view(request: Any) -> None:
    if not may(request.auth, "view"):
        raise Http404


@router.get("/entries", response=list[EntryOut])
@paginate(LimitOffset)
def entries(request, q: Query[LedgerQuery]):
    _need_view(request)
    return sel.entry_list(user=request.auth, filters=_filters(request, q)).order_by("-occurred_on", "-id")


@router.get("/dashboard", response=dict)
def dashboard(request, q: Query[LedgerQuery]):
    """Dashboard figures for the caller's scope (same as the page): months, by community, street, department…"""
    _need_view(request)
    return sel.dashboard_figures(user=request.auth, filters=_filters(request, q)).as_json()


@router.get("/alerts", response=list[AlertOut])
@paginate(LimitOffset)
def alerts(request, status: str = ""):
    if not sel.may_manage_burden(request.auth):
        raise Http404
    return sel.alert_list(user=request.auth, status=status)


@router.post("/alerts/{alert_id}/acknowledge", response={200: AlertOut, **errors(400)})
def alert_acknowledge(request, alert_id: ObjectId, body: AcknowledgeIn):
    if not sel.may_manage_burden(request.auth):
        raise Http404
    alert = sel.alert_get(user=request.auth, pk=alert_id)
    try:
        return Status(
            200, services.rebound_alert_acknowledge(actor=request.auth, alert=alert, note=body.note)
        )
    except BurdenError as exc:
        return Status(400, {"detail": str(exc)})
