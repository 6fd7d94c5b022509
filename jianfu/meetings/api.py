"""/api/v1/meetings/: check a notice (any staff), submit (organiser or 减负办), list/detail (scoped), withdraw."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.core.apikit import BigPage, ObjectId, Year
from jianfu.meetings import permissions, selectors, services
from jianfu.meetings.choices import DocumentScope, NoticeKind
from jianfu.orgs.models import Community, Department

router = Router(tags=["meetings"])


class MeetingCheckIn(Schema):
    kind: str = Field(NoticeKind.MEETING, description="meeting | document")
    title: str
    text: str = ""
    heads: bool = Field(False, description="meetings: community heads (书记/主任) are summoned")
    heads_have_agenda: bool = Field(False, description="meetings: the heads have their own agenda item")
    minutes: int = 0
    mode: str = Field("", description="online | in_person; empty = read from the text")
    in_person_reason: str = ""
    approved_by: str = Field("", description="meetings: the approving authority")
    approval_ref: str = ""
    scope: str = Field(DocumentScope.SPECIAL, description="documents: comprehensive | special")
    length: int = Field(0, description="documents: characters, when only an excerpt is sent")
    attachments: list[str] = Field(default_factory=list, description="documents: attachment names")


class SubmitIn(MeetingCheckIn):
    department: str = Field(..., description="department code")
    date: dt.date
    communities: list[str] = Field(default_factory=list, description="community codes; empty = all in reach")
    attendees_per_community: int = 1


class MeetingFindingOut(Schema):
    rule: str
    label: str
    refuses: bool
    reason: str
    evidence: list[str]


class MeetingCheckOut(Schema):
    decision: str
    violations: list[str]
    warnings: list[str]
    reasons: list[str]
    findings: list[MeetingFindingOut]
    detected: dict[str, Any]


class NoticeOut(Schema):
    id: int
    kind: str
    department: str
    title: str
    date: dt.date
    status: str
    violations: list[str]
    warnings: list[str]
    reasons: list[str]
    hours: float
    communities: int


class WithdrawIn(Schema):
    reason: str


@contextmanager
def _unprocessable() -> Iterator[None]:
    """A service's `ValidationError` becomes a 422 naming every message."""
    try:
        yield
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc


def _out(notice: Any, communities: int | None = None) -> dict[str, Any]:
    return {
        "id": notice.pk,
        "kind": notice.kind,
        "department": notice.department.code,
        "title": notice.title,
        "date": notice.date,
        "status": notice.status,
        "violations": notice.violations,
        "warnings": notice.warnings,
        "reasons": notice.reasons,
        "hours": float(notice.hours),
        "communities": communities if communities is not None else getattr(notice, "n_targets", 0),
    }


def _check_data(payload: MeetingCheckIn) -> dict[str, Any]:
    data = payload.dict()
    data.pop("kind", None)
    return data


@router.post(
    "/check",
    response=MeetingCheckOut,
    summary="Check a meeting notice or document against the rules (writes nothing)",
)
def check(request, payload: MeetingCheckIn):
    user = request.auth
    permissions.require_check(user)
    with _unprocessable():
        result = services.notice_check(
            actor=user, kind=payload.kind, district=getattr(user, "district", None), **_check_data(payload)
        )
    return result.as_json()


@router.post(
    "/notices",
    response={201: NoticeOut},
    summary="Register a notice: admitted or refused with the rule cited",
)
def submit(request, payload: SubmitIn):
    user = request.auth
    permissions.require_submit(user)
    department = _organiser(user, payload.department)
    communities = _targets(payload.communities, department)
    with _unprocessable():
        notice = services.notice_submit(
            actor=user,
            kind=payload.kind,
            department=department,
            communities=communities,
            date=payload.date,
            title=payload.title,
            text=payload.text,
            attendees_per_community=payload.attendees_per_community,
            **_declared_fields(payload),
        )
    return Status(201, _out(notice, len(communities)))


def _organiser(user: Any, code: str) -> Department:
    """The department the notice is registered for; 422 when unknown or not the caller's to register for."""
    department = Department.objects.select_related("district").filter(code=code).first()
    if department is None or not permissions.may_submit_for(user, department):
        raise HttpError(422, f"department {code!r}: not found or not yours to register for")
    return department


def _targets(codes: list[str], department: Department) -> list[Community]:
    """The communities named by code (422 for unknown codes); none named = all the department reaches."""
    if not codes:
        return list(services.department_communities(department))
    communities = list(Community.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {c.code for c in communities})
    if missing:
        raise HttpError(422, f"community code(s) not found: {', '.join(missing)}")
    return communities


def _declared_fields(payload: SubmitIn) -> dict[str, Any]:
    """What the organiser declared beyond the notice itself (heads, minutes, mode, scope, …)."""
    data = _check_data(payload)
    for key in ("department", "date", "communities", "attendees_per_community", "title", "text"):
        data.pop(key, None)
    return data


@router.get("/notices", response=list[NoticeOut], summary="Notices in the caller's scope")
def notice_list(request, page: Query[BigPage], kind: str = "", year: Year | None = None):
    rows = selectors.notices_for(request.auth, kind=kind, year=year or timezone.localdate().year)
    return [_out(n) for n in page.window(rows)]


@router.get("/notices/{notice_id}", response=NoticeOut)
def notice_detail(request, notice_id: ObjectId):
    notice = selectors.notices_for(request.auth).filter(pk=notice_id).first()
    if notice is None:
        raise Http404
    return _out(notice)


@router.post("/notices/{notice_id}/withdraw", response=NoticeOut)
def notice_withdraw(request, notice_id: ObjectId, payload: WithdrawIn):
    notice = selectors.notice_for(request.auth, notice_id)
    if notice is None:
        raise Http404
    with _unprocessable():
        notice = services.notice_withdraw(actor=request.auth, notice=notice, reason=payload.reason)
    return _out(notice, notice.targets.count())


@router.get("/counts", summary="Per department: meetings and documents this year and last")
def counts(request, year: Year | None = None):
    return {
        "year": year or timezone.localdate().year,
        "departments": selectors.department_counts(request.auth, year=year or timezone.localdate().year),
    }


class MeetingAlertOut(Schema):
    id: int
    department: str
    year: int
    count: int = Field(..., description="admitted documents to communities this year")
    previous: int = Field(..., description="last year's")
    status: str = Field(..., description="open | explained | accepted | rejected")
    explanation: str
    explained_count: int
    review_reason: str


class MeetingExplainIn(Schema):
    explanation: str


class MeetingReviewIn(Schema):
    accept: bool
    reason: str


def _alert_or_404(actor: Any, alert_id: int) -> Any:
    alert = selectors.alert_for(actor, alert_id)
    if alert is None:
        raise Http404
    return alert


def _alert(a: Any) -> dict[str, Any]:
    return {
        "id": a.pk,
        "department": a.department.code,
        "year": a.year,
        "count": a.count,
        "previous": a.previous,
        "status": a.status,
        "explanation": a.explanation,
        "explained_count": a.explained_count,
        "review_reason": a.review_reason,
    }


@router.get("/alerts", response=list[MeetingAlertOut], summary="Document-growth alerts in the caller's scope")
def alert_list(request, page: Query[BigPage], status: str = "", year: Year | None = None):
    rows = selectors.alerts_for(request.auth)
    if status:
        rows = rows.filter(status=status)
    if year:
        rows = rows.filter(year=year)
    return [_alert(a) for a in page.window(rows)]


@router.get("/alerts/{alert_id}", response=MeetingAlertOut)
def alert_detail(request, alert_id: ObjectId):
    return _alert(_alert_or_404(request.auth, alert_id))


@router.post(
    "/alerts/{alert_id}/explain",
    response=MeetingAlertOut,
    summary="The department explains why its documents grew (then the 减负办 reviews)",
)
def alert_explain(request, alert_id: ObjectId, payload: MeetingExplainIn):
    alert = _alert_or_404(request.auth, alert_id)
    with _unprocessable():
        alert = services.count_alert_explain(actor=request.auth, alert=alert, explanation=payload.explanation)
    return _alert(alert)


@router.post(
    "/alerts/{alert_id}/review",
    response=MeetingAlertOut,
    summary="The 减负办 accepts the explanation or rejects it (the department explains again)",
)
def alert_review(request, alert_id: ObjectId, payload: MeetingReviewIn):
    alert = _alert_or_404(request.auth, alert_id)
    with _unprocessable():
        alert = services.count_alert_review(
            actor=request.auth, alert=alert, accept=payload.accept, reason=payload.reason
        )
    return _alert(alert)
