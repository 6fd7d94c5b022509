"""/api/v1/gate/: submit (department token), list/detail (scoped), decide (减负办), refuse, comment, rate."""

import builtins
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from jianfu.core.apikit import ObjectId, Page, errors
from jianfu.gate import permissions, selectors, services
from jianfu.gate.choices import TaskKind
from jianfu.orgs.models import Community

router = Router(tags=["gate"])


class GateItemOut(Schema):
    code: str
    name: str


class DecisionOut(Schema):
    decision: str
    list: str
    item: GateItemOut | None
    score: float
    reasons: builtins.list[str]
    population: str | None = Field(
        default=None, description="data requests: the population filter that would be served"
    )
    population_text: str | None = Field(default=None, description="the population in words")
    population_rows: int | None = Field(default=None, description="rows the population selects now")
    data_request: int | None = Field(default=None, description="the data request (/api/v1/sharing/)")
    data_request_status: str | None = None


class TaskIn(Schema):
    title: str
    description: str
    kind: str = TaskKind.GENERAL
    legal_basis: str = ""
    deadline: dt.date | None = None
    communities: list[str] = Field(default_factory=list, description="community codes; empty = all in reach")
    expected_hours: Decimal = Decimal(0)
    resource_staff: int = 0
    resource_money: Decimal = Decimal(0)
    resource_training: bool = False
    resources_note: str = ""
    assessed: bool = False
    emergency: bool = False
    requested_fields: list[str] = Field(default_factory=list)
    population: str = Field(
        default="", description="who is wanted, in fill-filter syntax (e.g. `tag=残疾`); empty = derived"
    )
    full_fields: list[str] = Field(
        default_factory=list, description="requested fields wanted unmasked (needs a legal basis)"
    )


class TargetOut(Schema):
    community: str
    community_name: str
    status: str


class TaskOut(Schema):
    id: int
    department: str
    title: str
    description: str
    kind: str
    status: str
    decision: DecisionOut
    decision_due: dt.date | None
    overdue: bool
    duplicate_of: int | None
    deadline: dt.date | None
    created_at: dt.datetime
    targets: list[TargetOut] | None = None


class DecideIn(Schema):
    approve: bool
    legality: str
    reasonableness: str
    feasibility: str
    opinions: str = ""
    reason: str


class RefuseIn(Schema):
    reason: str = ""


class CommentIn(Schema):
    body: str


class RateIn(Schema):
    score: int
    comment: str = ""


class OkOut(Schema):
    ok: bool
    id: int


def _out(task, *, targets=None) -> TaskOut:
    return TaskOut(
        id=task.pk,
        department=task.department.name,
        title=task.title,
        description=task.description,
        kind=task.kind,
        status=task.status,
        decision=DecisionOut(**services.task_result(task)),
        decision_due=task.decision_due,
        overdue=selectors.is_overdue(task),
        duplicate_of=task.duplicate_of_id,
        deadline=task.deadline,
        created_at=task.created_at,
        targets=None
        if targets is None
        else [
            TargetOut(community=t.community.code, community_name=t.community.name, status=t.status)
            for t in targets
        ],
    )


def _task(request, task_id: int):
    task = selectors.task_for(request.auth, task_id)
    if task is None:
        raise Http404
    return task


def _bad(exc: ValidationError) -> HttpError:
    return HttpError(400, "; ".join(exc.messages))


@router.post("/tasks", response={201: TaskOut, **errors(400)})
def submit(request, payload: TaskIn):
    """A department submits a task; the response carries the gate's decision and its reasons."""
    user = request.auth
    department = permissions.require_department_account(user)
    if payload.communities:
        communities = list(Community.objects.filter(code__in=payload.communities))
        missing = sorted(set(payload.communities) - {c.code for c in communities})
        if missing:
            raise HttpError(400, f"unknown community code(s): {', '.join(missing)}")
    else:
        communities = list(services.department_communities(department))
    try:
        task = services.task_submit(
            actor=user,
            department=department,
            title=payload.title,
            description=payload.description,
            communities=communities,
            kind=payload.kind,
            legal_basis=payload.legal_basis,
            deadline=payload.deadline,
            expected_hours=payload.expected_hours,
            resource_staff=payload.resource_staff,
            resource_money=payload.resource_money,
            resource_training=payload.resource_training,
            resources_note=payload.resources_note,
            assessed=payload.assessed,
            emergency=payload.emergency,
            requested_fields=payload.requested_fields,
            population=payload.population,
            full_fields=payload.full_fields,
        )
    except ValidationError as exc:
        raise _bad(exc) from exc
    return Status(201, _out(task, targets=list(task.targets.select_related("community"))))


@router.post("/check", response={200: DecisionOut, **errors(400)})
def check(request, payload: TaskIn):
    """Decide without recording (what `jianfu admit --dry-run` prints)."""
    user = request.auth
    permissions.require_department_account(user)
    try:
        title, description = services.validate_task_text(title=payload.title, description=payload.description)
    except ValidationError as exc:
        raise _bad(exc) from exc
    if payload.kind not in TaskKind.values:
        raise HttpError(400, f"invalid kind {payload.kind!r}: one of {', '.join(TaskKind.values)}")
    has_resources = bool(payload.resource_staff or payload.resource_money or payload.resource_training)
    try:
        evaluation = services.task_evaluate(
            department=user.department,
            title=title,
            description=description,
            kind=payload.kind,
            assessed=payload.assessed,
            emergency=payload.emergency,
            has_resources=has_resources,
            requested_fields=payload.requested_fields,
            population=payload.population,
        )
    except ValidationError as exc:
        raise _bad(exc) from exc
    if payload.communities:
        communities = list(
            services.department_communities(user.department).filter(code__in=payload.communities)
        )
    else:
        communities = list(services.department_communities(user.department))
    return services.evaluation_json(evaluation, communities)


@router.get("/tasks", response=list[TaskOut])
def task_list(request, page: Query[Page], status: str = ""):
    """Tasks the caller may see: its department's, its community's, or its office's area."""
    rows = selectors.tasks_for(request.auth)
    if status:
        rows = rows.filter(status=status)
    return [_out(t) for t in page.window(rows)]


@router.get("/tasks/{task_id}", response=TaskOut)
def task_detail(request, task_id: ObjectId):
    task = _task(request, task_id)
    targets = task.targets.select_related("community")
    if request.auth.is_community_staff:
        targets = targets.filter(community_id=request.auth.community_id)
    return _out(task, targets=list(targets))


def _call(fn, **kw):
    try:
        return fn(**kw)
    except ValidationError as exc:
        raise _bad(exc) from exc


@router.post("/tasks/{task_id}/decide", response={200: TaskOut, **errors(400)})
def decide(request, task_id: ObjectId, payload: DecideIn):
    """The 减负办 approves or rejects, on legality, reasonableness, feasibility and the communities' opinion."""
    task = _call(services.task_decide, actor=request.auth, task=_task(request, task_id), **payload.dict())
    return _out(task)


@router.post("/tasks/{task_id}/refuse", response={200: OkOut, **errors(400)})
def refuse(request, task_id: ObjectId, payload: RefuseIn):
    """The caller's community refuses a task never admitted (有权拒绝执行)."""
    target = _call(
        services.task_refuse, actor=request.auth, task=_task(request, task_id), reason=payload.reason
    )
    return OkOut(ok=True, id=target.pk)


@router.post("/tasks/{task_id}/comments", response={200: OkOut, **errors(400)})
def comment(request, task_id: ObjectId, payload: CommentIn):
    row = _call(
        services.task_comment_add, actor=request.auth, task=_task(request, task_id), body=payload.body
    )
    return OkOut(ok=True, id=row.pk)


@router.post("/tasks/{task_id}/rate", response={200: OkOut, **errors(400)})
def rate(request, task_id: ObjectId, payload: RateIn):
    """Reverse evaluation (1–5) of the department, once per community and task."""
    row = _call(
        services.task_rate,
        actor=request.auth,
        task=_task(request, task_id),
        score=payload.score,
        comment=payload.comment,
    )
    return OkOut(ok=True, id=row.pk)
