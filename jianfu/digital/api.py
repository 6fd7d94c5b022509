"""/api/v1/digital/: the register (list, register, detail), the rule check, declarations (declare,
copy a colleague's, withdraw), a department's answer, the consolidation plan, and the report."""

import builtins
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.accounts.models import User
from jianfu.core.apikit import ObjectId, Page, errors, limit_field
from jianfu.digital import permissions, selectors, services
from jianfu.digital.choices import Platform
from jianfu.digital.models import DigitalTool, PlanItem
from jianfu.orgs.models import Community, Department, Street

router = Router(tags=["digital"])


def _bad(exc: ValidationError) -> HttpError:
    return HttpError(400, "; ".join(exc.messages))


class DigitalCheckIn(Schema):
    text: str = Field(..., max_length=20000, description="a description of an app, group or meeting notice")


class DigitalCheckOut(Schema):
    violations: builtins.list[str]
    reasons: builtins.list[str]
    rules: builtins.list[dict[str, str]]


@router.post("/check", response={200: DigitalCheckOut, **errors(400)})
def check(request, payload: DigitalCheckIn):
    """The rule check: which rules the description breaks, each reason citing the document."""
    if not payload.text.strip():
        raise HttpError(400, "text: empty description")
    return services.check_text(payload.text).as_json()


class AskIn(Schema):
    kind: str
    count: int = 1
    per: str = "day"


class ToolIn(Schema):
    kind: str
    name: str
    platform: str = Platform.OTHER
    owner_department: str = Field(default="", description="department code (departments: their own)")
    owner_note: str = ""
    purpose: str = ""
    legal_basis: str = ""
    asks_text: str = ""
    asks: builtins.list[AskIn] = Field(default_factory=list)
    data_fields: builtins.list[str] = Field(default_factory=list, description="data dictionary codes")
    members: int = 0
    communities: builtins.list[str] = Field(default_factory=list, description="community codes")


def _communities(codes: list[str]) -> list[Community]:
    found = {c.code: c for c in Community.objects.filter(code__in=codes).select_related("street__district")}
    missing = [c for c in codes if c not in found]
    if missing:
        raise HttpError(400, f"communities: unknown community code(s): {', '.join(missing)}")
    return [found[c] for c in codes]


class ToolPage(Page):
    limit: int = limit_field(default=200, cap=1000)


@router.get("/tools", response={200: dict})
def tools(
    request,
    page: Query[ToolPage],
    q: str = "",
    kind: str = "",
    status: str = "",
    community: str = "",
):
    """The register as the caller may see it."""
    where = None
    if community:
        where = get_object_or_404(
            Community.objects.filter(pk__in=_visible_communities(request)), code=community
        )
    rows = selectors.tools_for(request.auth, q=q[:50], kind=kind, status=status, community=where)
    return {
        "count": rows.count(),
        "tools": [selectors.tool_json(t, users=t.users) for t in page.window(rows)],
    }


def _visible_communities(request):
    from jianfu.accounts.scope import communities_for

    return communities_for(request.auth, "view").values("pk")


@router.post("/tools", response={201: dict, **errors(400)})
def register(request, payload: ToolIn):
    """Register a tool. A department's new tool goes through the gate (refused when it breaks a rule)."""
    department = None
    if payload.owner_department:
        district_id = (
            getattr(request.auth, "district_id", None)
            or (request.auth.department.district_id if getattr(request.auth, "department_id", None) else None)
            or (
                request.auth.community.street.district_id
                if getattr(request.auth, "community_id", None)
                else None
            )
        )
        department = Department.objects.filter(
            code=payload.owner_department, district_id=district_id or 0
        ).first()
        if department is None:
            raise HttpError(400, f"owner_department: unknown department code {payload.owner_department!r}")
    try:
        tool = services.tool_register(
            actor=request.auth,
            kind=payload.kind,
            name=payload.name,
            platform=payload.platform,
            owner_department=department,
            owner_note=payload.owner_note,
            purpose=payload.purpose,
            legal_basis=payload.legal_basis,
            asks_text=payload.asks_text,
            asks=[a.dict() for a in payload.asks] or None,
            data_fields=payload.data_fields,
            members=payload.members,
            communities=_communities(payload.communities),
        )
    except ValidationError as exc:
        raise _bad(exc) from None
    out = selectors.tool_json(tool)
    out["reasons"] = [v.reason for v in tool.violations.all()]
    if tool.gate_task_id:
        out["gate"] = {
            "task": tool.gate_task_id,
            "status": tool.gate_task.status,
            "reasons": tool.gate_task.reasons,
        }
    return Status(201, out)


@router.get("/tools/{pk}")
def tool(request, pk: ObjectId):
    item = selectors.tool_detail(request.auth, pk)
    out = selectors.tool_json(item, users=item.declarations.filter(withdrawn_on=None).count())
    out["violation_details"] = [
        {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}
        for row in selectors.violations_for(request.auth, item)
    ]
    out["plan"] = [
        {
            "id": p.pk,
            "action": p.action,
            "merge_into": p.merge_into_id,
            "due_on": p.due_on.isoformat(),
            "progress": p.progress,
        }
        for p in item.plan_items.all()
    ]
    return out


class DeclareIn(Schema):
    tools: builtins.list[int] = Field(default_factory=list, description="tool ids from the register")
    note: str = ""


@router.get("/declarations")
def my_declarations(request):
    permissions.require_declarer(request.auth)
    rows = selectors.declarations_of(request.auth)
    return {
        "declarations": [
            {
                "id": d.pk,
                "tool": d.tool_id,
                "name": d.tool.name,
                "kind": d.tool.kind,
                "declared_on": d.declared_on.isoformat(),
                "minutes_per_day": float(d.tool.minutes_per_day),
            }
            for d in rows
        ]
    }


@router.post("/declarations", response={201: dict, **errors(400)})
def declare(request, payload: DeclareIn):
    """The signed-in worker declares the tools she uses (no minutes: they are estimated)."""
    permissions.require_declarer(request.auth)
    found = list(services.declarable_tools(request.auth).filter(pk__in=payload.tools))
    missing = sorted(set(payload.tools) - {t.pk for t in found})
    if missing:
        raise HttpError(400, f"tools: not in use in your district: {', '.join(map(str, missing))}")
    try:
        created = services.declaration_add(actor=request.auth, tools=found, note=payload.note)
    except ValidationError as exc:
        raise _bad(exc) from None
    return Status(201, {"created": [d.pk for d in created]})


class CopyIn(Schema):
    colleague: str = Field(..., description="the colleague's username")


@router.post("/declarations/copy", response={201: dict, **errors(400)})
def copy(request, payload: CopyIn):
    """ "Same as my colleague": copy a colleague's declarations (same community)."""
    permissions.require_declarer(request.auth)
    colleague = User.objects.filter(
        username=payload.colleague, community_id=request.auth.community_id
    ).first()
    if colleague is None:
        raise HttpError(400, f"colleague: no colleague {payload.colleague!r} in your community")
    try:
        created = services.declaration_copy(actor=request.auth, colleague=colleague)
    except ValidationError as exc:
        raise _bad(exc) from None
    return Status(201, {"created": [d.pk for d in created]})


@router.post("/declarations/{pk}/withdraw", response={200: dict, **errors(400)})
def withdraw(request, pk: ObjectId):
    permissions.require_declarer(request.auth)
    declaration = get_object_or_404(selectors.declarations_of(request.auth), pk=pk)
    services.declaration_withdraw(actor=request.auth, declaration=declaration)
    return {
        "id": pk,
        "withdrawn_on": declaration.withdrawn_on.isoformat() if declaration.withdrawn_on else None,
    }


class AnswerIn(Schema):
    kind: str = Field(..., description="justify | merge | close")
    text: str
    merge_into: ObjectId | None = None
    due_on: dt.date | None = None


def _target(request, pk: ObjectId | None) -> DigitalTool | None:
    if pk is None:
        return None
    return get_object_or_404(DigitalTool.objects.restrict(request.auth, "view"), pk=pk)


@router.post("/tools/{pk}/answer", response={200: dict, **errors(400)})
def answer(request, pk: ObjectId, payload: AnswerIn):
    """The owner department answers for its tool."""
    item = selectors.tool_detail(request.auth, pk)
    try:
        row = services.tool_answer(
            actor=request.auth,
            tool=item,
            kind=payload.kind,
            text=payload.text,
            merge_into=_target(request, payload.merge_into),
            due_on=payload.due_on,
        )
    except ValidationError as exc:
        raise _bad(exc) from None
    item.refresh_from_db()
    return {"answer": row.pk, "status": item.status}


class PlanIn(Schema):
    action: str = Field(..., description="merge | close")
    reason: str
    due_on: dt.date | None = None
    merge_into: ObjectId | None = None


@router.post("/tools/{pk}/plan", response={200: dict, **errors(400)})
def plan(request, pk: ObjectId, payload: PlanIn):
    """The 减负办 puts a tool in the consolidation plan."""
    item = selectors.tool_detail(request.auth, pk)
    try:
        row = services.plan_decide(
            actor=request.auth,
            tool=item,
            action=payload.action,
            reason=payload.reason,
            due_on=payload.due_on,
            merge_into=_target(request, payload.merge_into),
        )
    except ValidationError as exc:
        raise _bad(exc) from None
    return {"id": row.pk, "due_on": row.due_on.isoformat(), "progress": row.progress}


class ProgressIn(Schema):
    progress: str
    note: str = ""


@router.post("/plan/{pk}/progress", response={200: dict, **errors(400)})
def progress(request, pk: ObjectId, payload: ProgressIn):
    item = get_object_or_404(PlanItem.objects.restrict(request.auth, "view"), pk=pk)
    try:
        row = services.plan_progress(
            actor=request.auth, item=item, progress=payload.progress, note=payload.note
        )
    except ValidationError as exc:
        raise _bad(exc) from None
    return {
        "id": row.pk,
        "progress": row.progress,
        "done_on": row.done_on.isoformat() if row.done_on else None,
    }


@router.get("/report")
def report(request, street: str = "") -> dict[str, Any]:
    """Per community: tools, groups, hours per week; breaches per department; the plan; the trend."""
    permissions.require_report(request.auth)
    where = get_object_or_404(Street.objects.all(), code=street) if street else None
    data = selectors.report(request.auth, street=where)
    if where is not None and not data.communities:
        from jianfu.core.permissions import OutOfScope

        raise OutOfScope
    return data.as_json()


@router.get(
    "/report.xlsx",
    summary="The report as xlsx (audited as an export; street = a street code, default all)",
    response={200: None, **errors(404)},
)
def report_xlsx(request, street: str = ""):
    from django.http import HttpResponse

    from jianfu.core.downloads import attach
    from jianfu.digital import exports

    permissions.require_report(request.auth)
    where = get_object_or_404(Street.objects.all(), code=street) if street else None
    body, name, english = exports.report_xlsx(actor=request.auth, street=where)
    return attach(HttpResponse(body, content_type=exports.XLSX), name, english)


class UnitTimeOut(Schema):
    kind: str
    label: str
    minutes: float
    default: float
    basis: str


class UnitTimeIn(Schema):
    minutes: float = Field(gt=0, le=600)
    basis: str | None = Field(default=None, max_length=300)


def _unit_time_rows() -> list[dict[str, Any]]:
    return [
        {
            k: (float(v) if k in ("minutes", "default") else v)
            for k, v in r.items()
            if k in UnitTimeOut.model_fields
        }
        for r in selectors.ask_unit_times()
    ]


@router.get("/unit-times", response=builtins.list[UnitTimeOut], summary="Standard Cost Model minutes per ask")
def unit_times(request):
    if not (permissions.may_report(request.auth) or permissions.may_set_unit_times(request.auth)):
        from jianfu.core.permissions import OutOfScope

        raise OutOfScope
    return _unit_time_rows()


@router.put(
    "/unit-times/{kind}",
    response={200: UnitTimeOut, **errors(400, 404)},
    summary="Change the minutes of one ask (district 减负办 or administrator; audited)",
)
def unit_time_set(request, kind: str, payload: UnitTimeIn):
    try:
        services.ask_unit_time_set(
            actor=request.auth, kind=kind, minutes=str(payload.minutes), basis=payload.basis
        )
    except ValidationError as exc:
        raise _bad(exc) from None
    return next(r for r in _unit_time_rows() if r["kind"] == kind)
