"""Writes of the gate: submit (decide + record), approve/reject, withdraw, refuse, comment, rate.

Every write is atomic, audited, records status transitions, and lands the demand in the burden
ledger (jianfu.burden.services.burden_entry_record) per target community.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from jianfu.burden.choices import EntryKind
from jianfu.burden.services import burden_entries_withdraw, burden_entry_record, unit_minutes
from jianfu.catalog.models import CatalogItem
from jianfu.catalog.selectors import ActiveItem, active_items
from jianfu.core.choices import AuditAction
from jianfu.core.permissions import signed_in_user
from jianfu.core.services import audit_record
from jianfu.core.text import fold
from jianfu.gate import permissions, registry_request, workdays
from jianfu.gate.choices import (
    ACTIVE_STATUSES,
    REFUSABLE_STATUSES,
    TRANSITIONS,
    Decision,
    NoticeKind,
    TargetStatus,
    TaskKind,
    TaskStatus,
)
from jianfu.gate.decision import (
    APPROVAL_WORKING_DAYS,
    FLAG_ASSIST_WITHOUT_RESOURCES,
    FLAG_EMERGENCY_REVIEW,
    Outcome,
    TaskInput,
    decide,
)
from jianfu.gate.models import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    OfficeNotice,
    Task,
    TaskComment,
    TaskRating,
    TaskTarget,
    TaskTransition,
)
from jianfu.sharing.choices import PopulationSource
from jianfu.sharing.services import clean_population, data_request_open

GATE_LISTS = ["duty", "assist", "negative", "certificate_may_issue", "certificate_must_not_issue"]
DUPLICATE_DAYS = 90
DUPLICATE_SIMILARITY = 60.0  # rapidfuzz token-set ratio on folded title + description
DUPLICATE_CANDIDATES = 300
TEXT_MAX = 5000  # comments, review notes, reasons
FLAG_DUPLICATE = "duplicate"
RULE_REFUSAL = "有权拒绝执行"


# ---------------------------------------------------------------------------------------------
# The catalog, cached: the matching index is built once per catalog version (jianfu.catalog.matching)

_CATALOG_TTL = 60.0
_catalog_lock = threading.Lock()
_catalog_cache: dict[tuple[str, dt.date], tuple[float, tuple, list[ActiveItem]]] = {}


def _catalog_version() -> tuple:
    row = CatalogItem.objects.aggregate(n=Count("id"), m=Max("id"), t=Max("effective_to"))
    return row["n"], row["m"], row["t"]


def gate_catalog(*, district_code: str | None, on: dt.date | None = None) -> list[ActiveItem]:
    """The active duty/assist/negative/certificate items for a district (cached per catalog version)."""
    on = on or timezone.localdate()
    key = (district_code or "", on)
    now = time.monotonic()
    with _catalog_lock:
        held = _catalog_cache.get(key)
    if held is not None and now - held[0] < _CATALOG_TTL:
        return held[2]
    version = _catalog_version()
    if held is not None and held[1] == version:
        with _catalog_lock:
            _catalog_cache[key] = (now, version, held[2])
        return held[2]
    items = active_items(district_code=district_code, on=on, kinds=GATE_LISTS)
    with _catalog_lock:
        if len(_catalog_cache) > 64:
            _catalog_cache.clear()
        _catalog_cache[key] = (now, version, items)
    return items


def clear_catalog_cache() -> None:
    with _catalog_lock:
        _catalog_cache.clear()


def _match(text: str, items: Sequence[ActiveItem]) -> list[Any]:
    from jianfu.catalog.matching import match

    return match(text, items, limit=5)


# ---------------------------------------------------------------------------------------------
# Validation


def _clean_text(value: Any, *, field: str, label: str, required: bool, limit: int) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\x00", "").strip()
    if required and not text:
        raise ValidationError({field: _("%(label)s不能为空，请填写。") % {"label": label}})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("%(label)s过长：%(n)s个字符，最多%(limit)s个。请精简内容，或把附件材料另行提供。")
                % {"label": label, "n": f"{len(text):,}", "limit": f"{limit:,}"}
            }
        )
    return text


def validate_task_text(*, title: Any, description: Any) -> tuple[str, str]:
    return (
        _clean_text(title, field="title", label=_("任务名称"), required=True, limit=TITLE_MAX),
        _clean_text(
            description, field="description", label=_("任务内容"), required=True, limit=DESCRIPTION_MAX
        ),
    )


def _check_kind(kind: str) -> str:
    if kind not in TaskKind.values:
        raise ValidationError(
            {
                "kind": _("任务类型「%(kind)s」无效，可选：%(choices)s。")
                % {"kind": kind, "choices": "、".join(TaskKind.values)}
            }
        )
    return kind


def _check_fields(codes: Iterable[str]) -> list[str]:
    codes = [str(c).strip() for c in codes if str(c).strip()]
    vocab = registry_request.vocabulary()
    unknown = [c for c in codes if c not in vocab.by_code]
    if unknown:
        # not an error: a field the registry does not hold simply means the data is not in it
        return list(dict.fromkeys(codes))
    return list(dict.fromkeys(codes))


def _check_targets(department: Any, communities: Iterable[Any]) -> list[Any]:
    wanted = list(dict.fromkeys(communities))
    if not wanted:
        raise ValidationError({"communities": _("请至少选择一个任务对象社区。")})
    reach = _department_reach(department)
    allowed = set(reach.filter(pk__in=[c.pk for c in wanted]).values_list("pk", flat=True))
    outside = [c for c in wanted if c.pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "communities": _(
                    "%(dept)s不能向管辖范围以外的社区下派任务：%(names)s。请只选择本部门辖区内的社区。"
                )
                % {"dept": department.name, "names": "、".join(f"{c.name}（{c.code}）" for c in outside)}
            }
        )
    return wanted


def _department_reach(department: Any):
    from jianfu.orgs.models import Community

    if department.street_id:
        return Community.objects.filter(street_id=department.street_id)
    return Community.objects.filter(street__district_id=department.district_id)


def department_communities(department: Any):
    """The communities a department may push work to (same rule as accounts.scope.reachable_communities)."""
    return _department_reach(department)


# ---------------------------------------------------------------------------------------------
# Evaluation (no writes)


@dataclass(frozen=True)
class Evaluation:
    outcome: Outcome
    data_request: registry_request.DataRequest | None
    population: str = ""  # the filter the department stated or the gate derived ("" = undetermined)
    population_source: str = ""

    def describe_population(self, communities: Sequence[Any]) -> str:
        from jianfu.sharing.population import describe

        return describe(self.population, communities)


def task_evaluate(
    *,
    department: Any,
    title: str,
    description: str,
    kind: str = TaskKind.GENERAL,
    assessed: bool = False,
    emergency: bool = False,
    has_resources: bool = False,
    requested_fields: Sequence[str] = (),
    population: str = "",
    on: dt.date | None = None,
    breaches: Sequence[str] = (),
) -> Evaluation:
    """Match and decide without writing anything (the CLI's --dry-run, the API's check)."""
    items = gate_catalog(district_code=department.district.code if department else None, on=on)
    task_input = TaskInput(
        title=title,
        description=description,
        kind=kind,
        assessed=assessed,
        emergency=emergency,
        has_resources=has_resources,
    )
    matches = _match(task_input.text, items)
    certificates = _certificates_demanded(task_input.text, department=department, on=on)
    if certificates:  # one decision for a certificate: the desk's rule decides the task
        held = {c.item.pk for c in certificates}
        matches = [*certificates, *(m for m in matches if m.item.pk not in held)]
    data = None
    if not emergency and kind not in (
        TaskKind.INSPECTION,
        TaskKind.ASSESSMENT,
        TaskKind.TRAINING,
        TaskKind.SIGNBOARD,
        TaskKind.CAMPAIGN,
        TaskKind.MEETING,
        TaskKind.DIGITAL_TOOL,
    ):
        data = registry_request.detect(
            title=title, description=description, requested_fields=list(requested_fields)
        )
    stated = clean_population(population) if population else ""
    outcome = decide(
        task_input,
        matches,
        registry=data.coverage if data else None,
        certificates=certificates,
        breaches=breaches,
    )
    if outcome.decision != Decision.SERVED_FROM_REGISTRY or data is None:
        return Evaluation(outcome, None)
    where = stated or (clean_population(data.where) if data.where else "")
    return Evaluation(
        outcome,
        data,
        population=where,
        population_source=(
            PopulationSource.STATED
            if stated
            else PopulationSource.DERIVED
            if where
            else PopulationSource.UNDETERMINED
        ),
    )


def _certificates_demanded(text: str, *, department: Any, on: dt.date | None) -> list[Any]:
    """The must-not-issue certificates the task asks communities for, as the desk decides them."""
    from jianfu.catalog.matching import Match
    from jianfu.certificates.check import certificate_decisions
    from jianfu.certificates.choices import Decision as CertificateDecision

    district_code = department.district.code if department else None
    return [
        Match(r.item, r.score, r.matched)
        for r in certificate_decisions(text, district_code=district_code, on=on)
        if r.decision == CertificateDecision.MUST_NOT_ISSUE and r.item is not None
    ]


def evaluation_json(evaluation: Evaluation, communities: Sequence[Any]) -> dict[str, Any]:
    """The CLI/API shape of a dry run; a data request also shows its population and row count
    before anything is released."""
    result = evaluation.outcome.as_json()
    if evaluation.data_request is not None:
        from jianfu.sharing.population import counts

        result["population"] = evaluation.population
        result["population_text"] = evaluation.describe_population(communities)
        result["population_rows"] = sum(
            counts(evaluation.population, communities, on=timezone.localdate()).values()
        )
    return result


def find_duplicate(
    *,
    title: str,
    description: str,
    item_code: str,
    requested_fields: Sequence[str],
    exclude_pk: int | None = None,
) -> tuple[Task, float] | None:
    """An earlier task (any department, last 90 days) asking the same work or the same data."""
    if not item_code and not requested_fields:
        return None
    since = timezone.now() - dt.timedelta(days=DUPLICATE_DAYS)
    candidates = Task.objects.filter(created_at__gte=since).exclude(status=TaskStatus.WITHDRAWN)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    wanted_fields = sorted(set(requested_fields))
    if not wanted_fields:
        candidates = candidates.filter(item_code=item_code)
    rows = candidates.select_related("department").order_by("-created_at")[:DUPLICATE_CANDIDATES]
    text = fold(f"{title} {description}")[:2000]
    best: tuple[Task, float] | None = None
    for row in rows:
        if not (
            (item_code and row.item_code == item_code)
            or (wanted_fields and sorted(set(row.requested_fields or [])) == wanted_fields)
        ):
            continue
        similarity = fuzz.token_set_ratio(text, fold(f"{row.title} {row.description}")[:2000])
        if similarity >= DUPLICATE_SIMILARITY and (best is None or similarity > best[1]):
            best = (row, similarity)
    return best


# ---------------------------------------------------------------------------------------------
# Submission


def _transition(task: Task, to: str, *, actor: Any, reason: str = "", initial: bool = False) -> None:
    frm = "" if initial else task.status
    if not initial and to not in TRANSITIONS.get(task.status, frozenset()):
        raise ValidationError(
            _("任务当前状态为「%(frm)s」，不能变更为「%(to)s」。")
            % {"frm": TaskStatus(task.status).label, "to": TaskStatus(to).label}
        )
    task.status = to
    TaskTransition.objects.create(
        task=task,
        from_status=frm,
        to_status=to,
        by=signed_in_user(actor),
        reason=reason,
    )


def _people_for(task: Task) -> Decimal:
    """SCM people factor so that hours = the department's expected hours per community."""
    if not task.expected_hours:
        return Decimal(1)
    minutes = unit_minutes(EntryKind.TASK_ADMITTED)
    return max(Decimal("0.01"), (task.expected_hours * 60 / minutes).quantize(Decimal("0.01")))


def _record_admitted(task: Task, targets: Sequence[TaskTarget], *, actor: Any, on: dt.date) -> None:
    people = _people_for(task)
    for target in targets:
        burden_entry_record(
            community=target.community,
            kind=EntryKind.TASK_ADMITTED,
            title=task.title,
            occurred_on=on,
            department=task.department,
            units=1,
            people=people,
            outside_lists=task.outside_lists,
            source_ref=f"gate.task:{task.pk}",
            actor=actor,
        )


def _notify(task: Task, kind: str, message: str, community: Any = None) -> OfficeNotice:
    return OfficeNotice.objects.create(task=task, kind=kind, message=message[:2000], community=community)


@transaction.atomic
def task_submit(
    *,
    actor: Any,
    department: Any,
    title: str,
    description: str,
    communities: Iterable[Any],
    kind: str = TaskKind.GENERAL,
    legal_basis: str = "",
    deadline: dt.date | None = None,
    expected_hours: Decimal | int | float = 0,
    resource_staff: int = 0,
    resource_money: Decimal | int = 0,
    resource_training: bool = False,
    resources_note: str = "",
    assessed: bool = False,
    emergency: bool = False,
    requested_fields: Sequence[str] = (),
    population: str = "",
    full_fields: Sequence[str] = (),
    breaches: Sequence[str] = (),
) -> Task:
    """A department submits a task: the gate decides, and the decision lands in the ledger.

    A data request the registry can answer becomes a sharing.DataRequest: released at once inside a
    data-sharing agreement, otherwise it waits for the 减负办 (jianfu.sharing.services)."""
    if not permissions.may_submit_for(actor, department):
        raise ValidationError(_("只有本部门的用户才能以%(dept)s的名义提交任务。") % {"dept": department})
    title, description = validate_task_text(title=title, description=description)
    kind = _check_kind(kind)
    legal_basis = _clean_text(legal_basis, field="legal_basis", label=_("依据"), required=False, limit=1000)
    resources_note = _clean_text(
        resources_note, field="resources_note", label=_("资源说明"), required=False, limit=500
    )
    expected = Decimal(str(expected_hours or 0))
    if expected < 0 or expected > 10000:
        raise ValidationError({"expected_hours": _("预计工作量应在0到10000小时之间。")})
    if resource_staff < 0 or Decimal(str(resource_money or 0)) < 0:
        raise ValidationError({"resource_money": _("配套人员和经费不能为负数。")})
    fields = _check_fields(requested_fields or [])
    targets_wanted = _check_targets(department, communities)
    today = timezone.localdate()

    task = Task(
        department=department,
        title=title,
        description=description,
        kind=kind,
        legal_basis=legal_basis,
        deadline=deadline,
        expected_hours=expected,
        resource_staff=resource_staff,
        resource_money=Decimal(str(resource_money or 0)),
        resource_training=bool(resource_training),
        resources_note=resources_note,
        assessed=bool(assessed),
        emergency=bool(emergency),
        requested_fields=fields,
        created_by=signed_in_user(actor),
    )
    evaluation = task_evaluate(
        department=department,
        title=title,
        description=description,
        kind=kind,
        assessed=task.assessed,
        emergency=task.emergency,
        has_resources=task.has_resources,
        requested_fields=fields,
        population=population,
        on=today,
        breaches=breaches,
    )
    outcome = evaluation.outcome
    reasons = list(outcome.reasons)
    flags = list(outcome.flags)
    task.decision = outcome.decision
    task.item_list = outcome.item.list_kind if outcome.item else ""
    task.item_code = outcome.item.code if outcome.item else ""
    task.item_name = outcome.item.name if outcome.item else ""
    task.score = outcome.score
    task.matched_words = list(outcome.matched)
    task.matched = [
        {
            "code": m.item.code,
            "name": m.item.name,
            "list": m.item.list_kind,
            "score": m.score,
            "matched": list(m.matched),
        }
        for m in outcome.candidates
    ]
    duplicate = find_duplicate(
        title=title, description=description, item_code=task.item_code, requested_fields=fields
    )
    if duplicate:
        earlier, similarity = duplicate
        task.duplicate_of = earlier
        flags.append(FLAG_DUPLICATE)
        reasons.append(
            _(
                "与%(dept)s于%(date)s提交的「%(title)s」疑似重复（相似度%(sim)d%%），已关联；同一事项数据最多报一次。"
            )
            % {
                "dept": earlier.department.name,
                "date": timezone.localtime(earlier.created_at).date().isoformat(),
                "title": earlier.title,
                "sim": round(similarity),
            }
        )
    if outcome.decision == Decision.NEEDS_APPROVAL:
        task.decision_due = workdays.add_working_days(today, APPROVAL_WORKING_DAYS)
        warning = workdays.deadline_warning((today, task.decision_due))
        if warning:
            reasons.append(warning)
    initial: str = {
        Decision.ADMITTED: TaskStatus.ADMITTED,
        Decision.NEEDS_APPROVAL: TaskStatus.PENDING_APPROVAL,
        Decision.REJECTED: TaskStatus.REJECTED,
        Decision.SERVED_FROM_REGISTRY: TaskStatus.SERVED,
    }[Decision(outcome.decision)]
    task.reasons = reasons
    task.flags = flags
    task.status = initial
    task.save()
    TaskTransition.objects.create(
        task=task, from_status="", to_status=initial, by=task.created_by, reason="；".join(reasons)[:2000]
    )
    target_status = TargetStatus.DONE if initial == TaskStatus.SERVED else TargetStatus.ACTIVE
    targets = TaskTarget.objects.bulk_create(
        [TaskTarget(task=task, community=c, status=target_status) for c in targets_wanted]
    )
    for target, community in zip(targets, targets_wanted, strict=True):
        target.community = community
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=task,
        summary=_("%(dept)s提交任务「%(title)s」：%(decision)s")
        % {"dept": department.name, "title": title, "decision": Decision(task.decision).label},
        detail={
            "decision": task.decision,
            "item": task.item_code,
            "score": task.score,
            "communities": [c.code for c in targets_wanted],
        },
    )
    if initial == TaskStatus.ADMITTED:
        _record_admitted(task, targets, actor=actor, on=today)
    elif initial == TaskStatus.SERVED:
        assert evaluation.data_request is not None
        data_request_open(
            actor=actor,
            task=task,
            fields=list(evaluation.data_request.coverage.fields),
            full_fields=[c for c in full_fields if c in evaluation.data_request.coverage.fields],
            population_text=evaluation.population,
            population_source=evaluation.population_source,
            communities=targets_wanted,
            on=today,
        )
    if FLAG_ASSIST_WITHOUT_RESOURCES in flags:
        _notify(
            task,
            NoticeKind.ASSIST_WITHOUT_RESOURCES,
            _("%(dept)s下派协助事项「%(title)s」（%(item)s）未配套人员、经费或培训。")
            % {"dept": department.name, "title": title, "item": task.item_name},
        )
    if FLAG_EMERGENCY_REVIEW in flags:
        _notify(
            task,
            NoticeKind.EMERGENCY_REVIEW,
            _("%(dept)s以应急事项下派「%(title)s」，已先行准入，请事后审查。")
            % {"dept": department.name, "title": title},
        )
    if FLAG_DUPLICATE in flags and task.duplicate_of:
        _notify(
            task,
            NoticeKind.DUPLICATE,
            _("「%(title)s」与「%(earlier)s」疑似重复。")
            % {"title": title, "earlier": task.duplicate_of.title},
        )
    return task


# ---------------------------------------------------------------------------------------------
# The 减负办


@transaction.atomic
def task_decide(
    *,
    actor: Any,
    task: Task,
    approve: bool,
    legality: str,
    reasonableness: str,
    feasibility: str,
    opinions: str = "",
    reason: str,
) -> Task:
    """The 减负办 approves or rejects a task awaiting approval, on the four criteria, with a reason."""
    permissions.require_office(actor, task)
    task = Task.objects.select_for_update().get(pk=task.pk)
    values = {}
    for field, label, value, required in (
        ("review_legality", _("合法性"), legality, True),
        ("review_reasonableness", _("合理性"), reasonableness, True),
        ("review_feasibility", _("可行性"), feasibility, True),
        ("review_opinions", _("社区意见"), opinions, False),
        ("review_reason", _("审批理由"), reason, True),
    ):
        values[field] = _clean_text(value, field=field, label=label, required=required, limit=TEXT_MAX)
    if not values["review_opinions"]:
        comments = list(task.comments.select_related("community").order_by("created_at")[:20])
        values["review_opinions"] = "；".join(f"{c.community.name}：{c.body[:200]}" for c in comments)
    target = TaskStatus.APPROVED if approve else TaskStatus.REJECTED
    _transition(task, target, actor=actor, reason=values["review_reason"])
    for field, value in values.items():
        setattr(task, field, value)
    task.reviewed_at = timezone.now()
    task.reviewed_by = actor
    task.save(update_fields=["status", "reviewed_at", "reviewed_by", *values.keys()])
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=task,
        summary=_("减负办%(verb)s「%(title)s」")
        % {"verb": _("批准") if approve else _("不予准入"), "title": task.title},
        detail={"approve": approve, "reason": values["review_reason"][:500]},
    )
    if approve and task.kind != TaskKind.DIGITAL_TOOL:
        targets = list(task.targets.filter(status=TargetStatus.ACTIVE).select_related("community"))
        _record_admitted(task, targets, actor=actor, on=timezone.localdate())
    if task.kind == TaskKind.DIGITAL_TOOL:  # the register follows (its hours come from declarations)
        from jianfu.digital.services import tool_gate_decided

        tool_gate_decided(actor=actor, task=task)
    return task


@transaction.atomic
def task_withdraw(*, actor: Any, task: Task, reason: str) -> Task:
    """Withdraw a task: an admitted item residents broadly reject, or a request no longer needed."""
    reason = _clean_text(reason, field="reason", label=_("撤销理由"), required=True, limit=TEXT_MAX)
    permissions.require_withdraw(actor, task)
    task = Task.objects.select_for_update().get(pk=task.pk)
    _transition(task, TaskStatus.WITHDRAWN, actor=actor, reason=reason)
    task.withdrawn_at = timezone.now()
    task.withdrawn_reason = reason
    task.save(update_fields=["status", "withdrawn_at", "withdrawn_reason"])
    burden_entries_withdraw(actor=actor, source_ref=f"gate.task:{task.pk}", reason=reason)
    audit_record(
        actor=actor,
        action=AuditAction.REVOKE,
        obj=task,
        summary=_("撤销任务「%(title)s」") % {"title": task.title},
        detail={"reason": reason[:500]},
    )
    return task


# ---------------------------------------------------------------------------------------------
# Communities


@transaction.atomic
def task_refuse(*, actor: Any, task: Task, reason: str = "") -> TaskTarget:
    """One click: the community refuses a task never admitted, citing facts §3.5; the 减负办 is told."""
    target = permissions.community_target(actor, task)
    task = Task.objects.get(pk=task.pk)
    if task.status not in REFUSABLE_STATUSES:
        raise ValidationError(
            _("该任务状态为「%(status)s」，只有未经准入（待审批或不予准入）的任务才能拒绝执行。")
            % {"status": TaskStatus(task.status).label}
        )
    if target.status == TargetStatus.REFUSED:
        raise ValidationError(_("本社区已拒绝过该任务。"))
    reason = _clean_text(reason, field="reason", label=_("拒绝理由"), required=False, limit=TEXT_MAX)
    rule = _("该事项未经准入，依据社区工作准入制度，社区“%(rule)s”。") % {"rule": RULE_REFUSAL}
    target.status = TargetStatus.REFUSED
    target.refused_at = timezone.now()
    target.refused_by = actor
    target.refusal_reason = rule + (f" {reason}" if reason else "")
    target.save(update_fields=["status", "refused_at", "refused_by", "refusal_reason"])
    burden_entry_record(
        community=target.community,
        kind=EntryKind.TASK_REFUSED,
        title=task.title,
        occurred_on=timezone.localdate(),
        department=task.department,
        units=1,
        people=_people_for(task),
        outside_lists=task.outside_lists,
        source_ref=f"gate.task:{task.pk}",
        actor=actor,
    )
    _notify(
        task,
        NoticeKind.REFUSAL,
        _("%(community)s拒绝执行%(dept)s的「%(title)s」：%(reason)s")
        % {
            "community": target.community.name,
            "dept": task.department.name,
            "title": task.title,
            "reason": target.refusal_reason,
        },
        community=target.community,
    )
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=task,
        community=target.community,
        summary=_("%(community)s拒绝执行「%(title)s」")
        % {"community": target.community.name, "title": task.title},
        detail={"reason": target.refusal_reason[:500]},
    )
    return target


@transaction.atomic
def task_comment_add(*, actor: Any, task: Task, body: str) -> TaskComment:
    """A community's opinion on a task awaiting approval."""
    target = permissions.community_target(actor, task, "view")
    if task.status != TaskStatus.PENDING_APPROVAL:
        raise ValidationError(_("只能对待审批的任务发表意见。"))
    body = _clean_text(body, field="body", label=_("意见"), required=True, limit=TEXT_MAX)
    comment = TaskComment.objects.create(task=task, community=target.community, author=actor, body=body)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=comment,
        community=target.community,
        summary=_("%(community)s对「%(title)s」发表意见")
        % {"community": target.community.name, "title": task.title},
    )
    return comment


@transaction.atomic
def task_rate(*, actor: Any, task: Task, score: int, comment: str = "") -> TaskRating:
    """Reverse evaluation: the community rates the department once after an admitted task."""
    target = permissions.community_target(actor, task, "change")
    if task.status not in ACTIVE_STATUSES and task.status != TaskStatus.WITHDRAWN:
        raise ValidationError(_("只能评价已准入的任务。"))
    if target.status == TargetStatus.REFUSED:
        raise ValidationError(_("本社区已拒绝该任务，无需评价。"))
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("评分须为1到5之间的整数。")})
    comment = _clean_text(comment, field="comment", label=_("评价"), required=False, limit=TEXT_MAX)
    if TaskRating.objects.filter(task=task, community=target.community).exists():
        raise ValidationError(_("本社区已评价过该任务，每项任务只能评价一次。"))
    rating = TaskRating.objects.create(
        task=task, community=target.community, score=score, comment=comment, rated_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=rating,
        community=target.community,
        summary=_("%(community)s评价%(dept)s：%(score)s分")
        % {"community": target.community.name, "dept": task.department.name, "score": score},
    )
    return rating


def task_result(task: Task) -> dict[str, Any]:
    """The decision of a recorded task in the CLI/API shape."""
    from jianfu.gate.decision import LIST_OF_KIND

    return {
        "decision": task.decision,
        "list": str(LIST_OF_KIND.get(task.item_list, "none")),
        "item": {"code": task.item_code, "name": task.item_name} if task.item_code else None,
        "score": round(float(task.score), 4),
        "reasons": list(task.reasons),
        **_data_request_json(task),
    }


def _data_request_json(task: Task) -> dict[str, Any]:
    request = getattr(task, "data_request", None) if task.status == TaskStatus.SERVED else None
    if request is None:
        return {}
    from jianfu.sharing.population import describe

    return {
        "data_request": request.pk,
        "data_request_status": request.status,
        "population": request.population,
        "population_text": describe(request.population, request.communities.all()),
        "population_rows": request.rows if request.released_at else None,
    }
