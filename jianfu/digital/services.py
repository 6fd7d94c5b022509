"""Writes of the digital register: register a tool (a department's new tool passes the gate),
check it against the rules, declare, copy a colleague's declarations, answer for a tool, the
consolidation plan, and the burden ledger. Every write is atomic and audited; every status change
is recorded (ToolTransition)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.services import burden_entry_record, unit_minutes
from jianfu.core.choices import AuditAction
from jianfu.core.formats import whole_minutes
from jianfu.core.permissions import OutOfScope, is_system, signed_in_user
from jianfu.core.services import audit_record
from jianfu.digital import permissions, rollup
from jianfu.digital.choices import (
    DEFAULT_ASK_MINUTES,
    GONE_STATUSES,
    LIVE_STATUSES,
    TRANSITIONS,
    AnswerKind,
    AskKind,
    PlanAction,
    PlanProgress,
    Platform,
    ToolKind,
    ToolStatus,
    ViolationStatus,
)
from jianfu.digital.estimate import AskError, asks_from_text, clean_asks, entry_kind, minutes_per_day
from jianfu.digital.models import (
    NAME_MAX,
    TEXT_MAX,
    AskUnitTime,
    Declaration,
    DigitalTool,
    PlanItem,
    ToolAnswer,
    ToolTransition,
    Violation,
)
from jianfu.digital.rules import CheckResult, check, dictionary_terms, rule_text

MAX_MEMBERS = 100_000
MAX_COMMUNITIES = 2000
PLAN_DAYS_DEFAULT = 30


class DigitalError(ValidationError):
    """Bad input: the message says what, where and how to fix it; nothing is written."""


def _text(value: Any, *, label: str, limit: int, required: bool = False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise DigitalError(_("请填写%(label)s。") % {"label": label})
    if len(text) > limit:
        raise DigitalError(
            _("%(label)s最长%(limit)s字（收到%(n)s字），请删减。")
            % {"label": label, "limit": limit, "n": len(text)}
        )
    return text


# ---------------------------------------------------------------------------------------------
# The rule check with the registry's own data dictionary


_DICTIONARY_TTL = 300.0
_dictionary_cache: dict[str, tuple[float, Any]] = {}


def registry_dictionary(refresh: bool = False):
    """Dictionary terms from the registry's data dictionary (Attribute rows that are fields, not
    tags; cached for a few minutes). The shipped dictionary when the registry has none (or no
    database yet)."""
    import time

    from django.db import DatabaseError

    from jianfu.digital.rules import shipped_dictionary
    from jianfu.registry.models import Attribute

    cached = _dictionary_cache.get("terms")
    if not refresh and cached and time.monotonic() - cached[0] < _DICTIONARY_TTL:
        return cached[1]
    try:
        tags = set(Attribute.objects.filter(tag__isnull=False).values_list("tag_id", flat=True))
        rows = list(
            Attribute.objects.filter(is_derived=False)
            .exclude(pk__in=tags)
            .values_list("code", "name", "synonyms")
        )
    except DatabaseError:
        return shipped_dictionary()
    terms = dictionary_terms(rows) if rows else shipped_dictionary()
    _dictionary_cache["terms"] = (time.monotonic(), terms)
    return terms


def check_text(text: str) -> CheckResult:
    """The rule check (jianfu.digital.rules.check) against the registry's data dictionary."""
    return check(text, dictionary=registry_dictionary())


def tool_text(tool: DigitalTool) -> str:
    """What the rules read: the purpose and what the tool asks (its name is only a label)."""
    return "\n".join(p for p in (tool.purpose, tool.asks_text) if p)


def _held(codes: Sequence[str]) -> list[list[str]]:
    from jianfu.registry.models import Attribute

    names = dict(Attribute.objects.filter(code__in=list(codes)).values_list("code", "name"))
    if not names:
        from jianfu.digital.rules import shipped_dictionary

        names = {t.code: t.name for t in shipped_dictionary() if t.code in codes}
    return [[c, names[c]] for c in codes if c in names]


def _apply_check(tool: DigitalTool, *, actor: Any) -> CheckResult:
    """Run the rules on the tool, store the breaches (new ones open, gone ones resolved)."""
    result = check_text(tool_text(tool))
    reasons = dict(zip(result.violations, result.reasons, strict=True))
    held = _held(tool.data_fields or [])
    tool.held_fields = held
    if held and "repeat_reporting" not in reasons:
        label, document, words = rule_text("repeat_reporting")
        reasons["repeat_reporting"] = _(
            "%(label)s：索取居民库已掌握的数据（%(fields)s），违反%(document)s：“%(words)s”"
        ) % {
            "label": label,
            "fields": "、".join(name for _c, name in held),
            "document": document,
            "words": words,
        }
    today = timezone.localdate()
    existing = {v.code: v for v in tool.violations.exclude(status=ViolationStatus.RESOLVED)}
    for code, reason in reasons.items():
        if code in existing:
            continue
        _label, document, words = rule_text(code)
        Violation.objects.create(
            tool=tool, code=code, reason=reason, rule=f"{document}：{words}", detected_on=today
        )
    for code, row in existing.items():
        if code not in reasons:
            row.status = ViolationStatus.RESOLVED
            row.resolved_on = today
            row.save(update_fields=["status", "resolved_on"])
    codes = [c for c in result.violations] + (
        ["repeat_reporting"]
        if "repeat_reporting" in reasons and "repeat_reporting" not in result.violations
        else []
    )
    tool.violation_codes = codes
    if codes:
        audit_record(
            actor=actor,
            action=AuditAction.REVIEW,
            obj=tool,
            summary=_("「%(name)s」违反规定：%(codes)s")
            % {"name": tool.name, "codes": "、".join(rule_text(c)[0] for c in codes)},
            detail={"violations": codes},
        )
    result.reasons = [reasons[c] for c in codes]
    result.violations = codes
    return result


def _transition(tool: DigitalTool, to: str, *, actor: Any, reason: str = "", initial: bool = False) -> None:
    frm = "" if initial else tool.status
    if not initial and to not in TRANSITIONS.get(tool.status, frozenset()):
        raise DigitalError(
            _("「%(name)s」当前状态为「%(frm)s」，不能变更为「%(to)s」。")
            % {"name": tool.name, "frm": ToolStatus(tool.status).label, "to": ToolStatus(to).label}
        )
    tool.status = to
    tool.status_since = timezone.localdate()
    ToolTransition.objects.create(
        tool=tool, from_status=frm, to_status=to, by=signed_in_user(actor), reason=reason[:2000]
    )


# ---------------------------------------------------------------------------------------------
# Registering a tool


def _clean_fields(codes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(str(c).strip() for c in codes if str(c).strip()))


def _communities_for_register(actor: Any, department: Any, communities: Sequence[Any]) -> list[Any]:
    from jianfu.accounts.scope import communities_for
    from jianfu.gate.services import department_communities

    wanted = list(dict.fromkeys(communities))
    if len(wanted) > MAX_COMMUNITIES:
        raise DigitalError(_("最多选择%(n)s个社区。") % {"n": MAX_COMMUNITIES})
    if getattr(actor, "is_community_staff", False):
        if not actor.community_id:
            raise OutOfScope
        if any(c.pk != actor.community_id for c in wanted):
            raise DigitalError(_("社区工作人员只能为本社区登记应用和工作群。"))
        return wanted or [actor.community]
    if department is not None:
        reach = department_communities(department)
    elif is_system(actor):
        return wanted
    else:
        reach = communities_for(actor, "view")
    allowed = set(reach.filter(pk__in=[c.pk for c in wanted]).values_list("pk", flat=True))
    outside = [c for c in wanted if c.pk not in allowed]
    if outside:
        raise DigitalError(
            _("不能为管辖范围以外的社区登记：%(names)s。") % {"names": "、".join(c.name for c in outside)}
        )
    return wanted


@transaction.atomic
def tool_register(
    *,
    actor: Any,
    kind: str,
    name: str,
    platform: str = Platform.OTHER,
    owner_department: Any = None,
    owner_note: str = "",
    purpose: str = "",
    legal_basis: str = "",
    asks_text: str = "",
    asks: Sequence[Mapping[str, Any]] | None = None,
    data_fields: Sequence[str] = (),
    members: int = 0,
    communities: Sequence[Any] = (),
    started_on: dt.date | None = None,
    district: Any = None,
) -> DigitalTool:
    """Add a tool to the register. A department's new tool aimed at communities is submitted to the
    gate (jianfu.gate, kind 政务应用或工作群): refused at once when it breaks a rule, otherwise it waits
    for the 减负办. Tools already in use (added by community staff or the 减负办) are registered in use."""
    if not permissions.may_register(actor):
        raise OutOfScope
    if kind not in ToolKind.values:
        raise DigitalError(
            _("类型「%(kind)s」无效，可选：%(choices)s。")
            % {"kind": kind, "choices": "、".join(ToolKind.values)}
        )
    if platform not in Platform.values:
        raise DigitalError(
            _("平台「%(p)s」无效，可选：%(choices)s。")
            % {"p": platform, "choices": "、".join(Platform.values)}
        )
    name = _text(name, label=_("名称"), limit=NAME_MAX, required=True)
    owner_note = _text(owner_note, label=_("建群/主办单位"), limit=100)
    purpose = _text(purpose, label=_("用途"), limit=TEXT_MAX)
    legal_basis = _text(legal_basis, label=_("设立依据"), limit=500)
    asks_text = _text(asks_text, label=_("要求工作人员做什么"), limit=TEXT_MAX)
    try:
        members = int(members or 0)
    except (TypeError, ValueError):
        raise DigitalError(_("成员人数不是整数：%(v)s。") % {"v": members}) from None
    if not 0 <= members <= MAX_MEMBERS:
        raise DigitalError(_("成员人数应在0到%(n)s之间。") % {"n": MAX_MEMBERS})
    try:
        cleaned_asks = clean_asks(asks) if asks else asks_from_text(f"{purpose}\n{asks_text}")
    except AskError as exc:
        raise DigitalError(str(exc)) from None
    is_department = bool(getattr(actor, "is_department", False)) and not getattr(actor, "is_superuser", False)
    if is_department:
        if owner_department is not None and owner_department.pk != actor.department_id:
            raise DigitalError(_("部门用户只能登记本部门的应用和工作群。"))
        owner_department = actor.department
    if owner_department is None and not owner_note:
        raise DigitalError(_("请选择主管部门，或填写建群/主办单位（例如：街道综治办、社区自建）。"))
    targets = _communities_for_register(actor, owner_department if is_department else None, communities)
    if district is None:
        district = (
            owner_department.district
            if owner_department is not None
            else targets[0].street.district
            if targets
            else getattr(actor, "district", None)
        )
    if district is None:
        raise DigitalError(_("请至少选择一个使用社区。"))
    if owner_department is not None and owner_department.district_id != district.pk:
        raise DigitalError(
            _("%(dept)s不属于%(district)s。") % {"dept": owner_department, "district": district}
        )
    today = timezone.localdate()
    tool = DigitalTool(
        district=district,
        kind=kind,
        platform=platform,
        name=name,
        owner_department=owner_department,
        owner_note=owner_note,
        purpose=purpose,
        legal_basis=legal_basis,
        asks_text=asks_text,
        asks=cleaned_asks,
        data_fields=_clean_fields(data_fields),
        members=members,
        status=ToolStatus.PENDING if is_department else ToolStatus.IN_USE,
        status_since=today,
        started_on=started_on or today,
        created_by=signed_in_user(actor),
    )
    tool.minutes_per_day = minutes_per_day(kind=kind, asks=cleaned_asks)
    tool.save()
    tool.communities.set(targets)
    _transition(tool, tool.status, actor=actor, initial=True, reason=_("登记"))
    result = _apply_check(tool, actor=actor)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=tool,
        summary=_("登记%(kind)s「%(name)s」") % {"kind": ToolKind(kind).label, "name": name},
        detail={"violations": result.violations, "minutes_per_day": str(tool.minutes_per_day)},
    )
    if is_department:
        _submit_to_gate(tool, actor=actor, targets=targets, result=result)
    tool.save()
    rollup.refresh_tools([tool])
    return tool


def _submit_to_gate(tool: DigitalTool, *, actor: Any, targets: Sequence[Any], result: CheckResult) -> None:
    from jianfu.gate.choices import TaskKind, TaskStatus
    from jianfu.gate.services import department_communities, task_submit

    communities = list(targets) or list(department_communities(tool.owner_department))
    description = "\n".join(
        p
        for p in (
            _("类型：%(kind)s；平台：%(platform)s")
            % {"kind": tool.get_kind_display(), "platform": tool.get_platform_display()},
            tool.purpose,
            tool.asks_text,
            _("估算每人每个工作日%(m)s分钟。") % {"m": whole_minutes(tool.minutes_per_day)},
        )
        if p
    )
    task = task_submit(
        actor=actor,
        department=tool.owner_department,
        title=(_("新建%(kind)s：%(name)s") % {"kind": tool.get_kind_display(), "name": tool.name})[:200],
        description=description,
        communities=communities,
        kind=TaskKind.DIGITAL_TOOL,
        legal_basis=tool.legal_basis[:1000],
        expected_hours=Decimal(0),
        breaches=result.reasons,
    )
    tool.gate_task = task
    if task.status == TaskStatus.REJECTED:
        _transition(tool, ToolStatus.REFUSED, actor=actor, reason="；".join(task.reasons)[:2000])


@transaction.atomic
def tool_gate_decided(*, actor: Any, task: Any) -> DigitalTool | None:
    """The 减负办 decided a tool's gate task: approved → in use, rejected → refused."""
    from jianfu.gate.choices import TaskStatus

    tool = DigitalTool.objects.select_for_update().filter(gate_task=task).first()
    if tool is None or tool.status != ToolStatus.PENDING:
        return tool
    if task.status == TaskStatus.APPROVED:
        _transition(tool, ToolStatus.IN_USE, actor=actor, reason=task.review_reason)
    elif task.status in (TaskStatus.REJECTED, TaskStatus.WITHDRAWN):
        _transition(tool, ToolStatus.REFUSED, actor=actor, reason=task.review_reason or task.withdrawn_reason)
    else:
        return tool
    tool.save(update_fields=["status", "status_since"])
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=tool,
        summary=_("「%(name)s」准入结论：%(status)s")
        % {"name": tool.name, "status": tool.get_status_display()},
    )
    rollup.refresh_tools([tool])
    return tool


@transaction.atomic
def tool_revise(
    *,
    actor: Any,
    tool: DigitalTool,
    purpose: str,
    asks_text: str,
    asks: Sequence[Mapping[str, Any]] | None = None,
) -> DigitalTool:
    """The owner (or the 减负办) corrects what the tool asks, e.g. removes its check-in: re-checked,
    breaches no longer found are resolved, the estimate follows."""
    if not (permissions.may_answer(actor, tool) or permissions.may_plan(actor, tool)):
        raise OutOfScope
    tool = DigitalTool.objects.select_for_update().get(pk=tool.pk)
    tool.purpose = _text(purpose, label=_("用途"), limit=TEXT_MAX)
    tool.asks_text = _text(asks_text, label=_("要求工作人员做什么"), limit=TEXT_MAX)
    try:
        tool.asks = clean_asks(asks) if asks else asks_from_text(f"{tool.purpose}\n{tool.asks_text}")
    except AskError as exc:
        raise DigitalError(str(exc)) from None
    old = str(tool.minutes_per_day)
    tool.minutes_per_day = minutes_per_day(kind=tool.kind, asks=tool.asks)
    result = _apply_check(tool, actor=actor)
    tool.save(
        update_fields=["purpose", "asks_text", "asks", "minutes_per_day", "violation_codes", "held_fields"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=tool,
        summary=_("修改「%(name)s」的要求：估算%(old)s → %(new)s分钟/工作日")
        % {"name": tool.name, "old": whole_minutes(old), "new": whole_minutes(tool.minutes_per_day)},
        detail={"violations": result.violations},
    )
    rollup.refresh_tools([tool])
    return tool


# ---------------------------------------------------------------------------------------------
# Declarations (workers say which tools they use; the estimate counts for them)


def _record_days(declaration: Declaration, *, actor: Any, through: dt.date) -> int:
    """Burden-ledger entry for the working days of a declaration not yet counted (up to `through`)."""
    from jianfu.workdays.selectors import working_days_between

    tool = declaration.tool
    start = declaration.ledger_through or (declaration.declared_on - dt.timedelta(days=1))
    end = min(through, declaration.withdrawn_on or through, timezone.localdate())
    if end <= start:
        return 0
    days = working_days_between(start, end)
    declaration.ledger_through = end
    declaration.save(update_fields=["ledger_through"])
    if days <= 0 or tool.minutes_per_day <= 0:
        return 0
    kind = entry_kind(tool.kind)
    people = (tool.minutes_per_day / unit_minutes(kind)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    burden_entry_record(
        community=declaration.community,
        kind=kind,
        title=tool.name,
        occurred_on=end,
        department=tool.owner_department,
        units=days,
        people=max(people, Decimal("0.01")),
        outside_lists=bool(tool.violation_codes),
        source_ref=f"digital.declaration:{declaration.pk}",
        actor=actor,
    )
    return days


def declarable_tools(actor: Any):
    """Tools a worker may pick: in use in her district (name, kind, owner only)."""
    if not permissions.may_declare(actor):
        return DigitalTool.objects.none()
    return DigitalTool.objects.filter(
        district_id=actor.community.street.district_id, status__in=LIVE_STATUSES
    )


@transaction.atomic
def declaration_add(*, actor: Any, tools: Sequence[DigitalTool], note: str = "") -> list[Declaration]:
    """The signed-in worker declares she uses these tools (already declared ones are skipped)."""
    permissions.require_declarer(actor)
    note = _text(note, label=_("备注"), limit=200)
    if not tools:
        raise DigitalError(_("请至少选择一个应用或工作群。"))
    allowed = set(declarable_tools(actor).filter(pk__in=[t.pk for t in tools]).values_list("pk", flat=True))
    for tool in tools:
        if tool.pk not in allowed:
            raise DigitalError(
                _("「%(name)s」不在本区在用的应用和工作群中，不能申报（已关闭、已合并或未准入）。")
                % {"name": tool.name}
            )
    held = set(
        Declaration.objects.filter(
            worker=actor, withdrawn_on=None, tool__in=[t.pk for t in tools]
        ).values_list("tool_id", flat=True)
    )
    today = timezone.localdate()
    community = actor.community
    created = []
    for tool in dict.fromkeys(tools):
        if tool.pk in held:
            continue
        declaration = Declaration.objects.create(
            community=community, worker=actor, tool=tool, note=note, declared_on=today
        )
        tool.communities.add(community)
        created.append(declaration)
        _record_days(declaration, actor=actor, through=today)
    if created:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=created[0],
            community=community,
            summary=_("申报使用%(n)s个应用或工作群：%(names)s")
            % {"n": len(created), "names": "、".join(d.tool.name for d in created)[:500]},
            detail={"tools": [d.tool_id for d in created]},
        )
        rollup.refresh([community.pk])
    return created


@transaction.atomic
def declaration_add_new(
    *,
    actor: Any,
    kind: str,
    name: str,
    platform: str,
    owner_department: Any = None,
    owner_note: str = "",
    asks: Sequence[Mapping[str, Any]] | None = None,
    asks_text: str = "",
    note: str = "",
) -> tuple[DigitalTool, list[Declaration]]:
    """A worker's tool is not in the register yet: add it (in use, her community) and declare it."""
    permissions.require_declarer(actor)
    tool = tool_register(
        actor=actor,
        kind=kind,
        name=name,
        platform=platform,
        owner_department=owner_department,
        owner_note=owner_note,
        asks=asks,
        asks_text=asks_text,
        communities=[actor.community],
    )
    return tool, declaration_add(actor=actor, tools=[tool], note=note)


@transaction.atomic
def declaration_copy(*, actor: Any, colleague: Any) -> list[Declaration]:
    """ "Same as my colleague": declare every tool a colleague of the same community declared."""
    permissions.require_declarer(actor)
    if colleague is None or colleague.pk == actor.pk or colleague.community_id != actor.community_id:
        raise DigitalError(_("只能复制本社区同事的申报。"))
    tools = list(
        DigitalTool.objects.filter(
            declarations__worker=colleague, declarations__withdrawn_on=None, status__in=LIVE_STATUSES
        ).distinct()
    )
    if not tools:
        raise DigitalError(
            _("%(name)s还没有申报任何应用或工作群。") % {"name": colleague.display_name or colleague.username}
        )
    return declaration_add(actor=actor, tools=tools, note=_("与同事相同"))


@transaction.atomic
def declaration_withdraw(*, actor: Any, declaration: Declaration) -> Declaration:
    """The worker no longer uses the tool (left the group): it stops counting from today."""
    permissions.require_declarer(actor)
    if declaration.worker_id != actor.pk:
        raise OutOfScope
    declaration = (
        Declaration.objects.select_for_update().select_related("tool", "community").get(pk=declaration.pk)
    )
    if declaration.withdrawn_on:
        return declaration
    today = timezone.localdate()
    _record_days(declaration, actor=actor, through=today)
    declaration.withdrawn_on = today
    declaration.save(update_fields=["withdrawn_on"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=declaration,
        community=declaration.community,
        summary=_("不再使用「%(name)s」") % {"name": declaration.tool.name},
    )
    rollup.refresh([declaration.community_id])
    return declaration


@transaction.atomic
def declarations_ledger(*, actor: Any, through: dt.date | None = None) -> dict[str, int]:
    """Count every live declaration's working days up to `through` in the burden ledger
    (`jianfu digital ledger`, run daily or monthly; idempotent)."""
    if not (is_system(actor) or permissions.is_office(actor)):
        raise OutOfScope
    through = min(through or timezone.localdate(), timezone.localdate())
    rows = (
        Declaration.objects.restrict(actor, "view")
        .filter(withdrawn_on=None)
        .exclude(ledger_through__gte=through)
        .select_related("tool__owner_department", "community__street")
        .select_for_update(of=("self",))
    )
    counted = days = 0
    for declaration in rows:
        n = _record_days(declaration, actor=actor, through=through)
        if n:
            counted += 1
            days += n
    return {"declarations": counted, "days": days}


# ---------------------------------------------------------------------------------------------
# The owner department answers; the 减负办 plans consolidation


@transaction.atomic
def tool_answer(
    *,
    actor: Any,
    tool: DigitalTool,
    kind: str,
    text: str,
    merge_into: DigitalTool | None = None,
    due_on: dt.date | None = None,
) -> ToolAnswer:
    """The owner department answers for its tool: justify (kept), merge into another, or close.
    Merge and close enter the consolidation plan with a due date."""
    permissions.require_answer(actor, tool)
    if kind not in AnswerKind.values:
        raise DigitalError(_("答复类型「%(k)s」无效，可选：justify、merge、close。") % {"k": kind})
    text = _text(text, label=_("说明"), limit=TEXT_MAX, required=True)
    tool = DigitalTool.objects.select_for_update().get(pk=tool.pk)
    if tool.status not in (ToolStatus.IN_USE, ToolStatus.KEEP):
        raise DigitalError(
            _("「%(name)s」当前状态为「%(s)s」，无需再答复。")
            % {"name": tool.name, "s": tool.get_status_display()}
        )
    answer = ToolAnswer.objects.create(tool=tool, kind=kind, text=text, by=signed_in_user(actor))
    tool.violations.filter(status=ViolationStatus.OPEN).update(status=ViolationStatus.ANSWERED)
    if kind == AnswerKind.JUSTIFY:
        if tool.status != ToolStatus.KEEP:
            _transition(tool, ToolStatus.KEEP, actor=actor, reason=text)
            tool.save(update_fields=["status", "status_since"])
    else:
        _plan(tool, actor=actor, action=kind, reason=text, merge_into=merge_into, due_on=due_on)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=tool,
        summary=_("%(dept)s答复「%(name)s」：%(kind)s")
        % {"dept": tool.owner_name, "name": tool.name, "kind": AnswerKind(kind).label},
        detail={"kind": kind, "text": text[:500]},
    )
    rollup.refresh_tools([tool])
    return answer


def _plan(
    tool: DigitalTool,
    *,
    actor: Any,
    action: str,
    reason: str,
    merge_into: DigitalTool | None,
    due_on: dt.date | None,
) -> PlanItem:
    today = timezone.localdate()
    if action not in PlanAction.values:
        raise DigitalError(_("处置「%(a)s」无效，可选：merge、close。") % {"a": action})
    if action == PlanAction.MERGE:
        if merge_into is None:
            raise DigitalError(_("合并须选择并入的应用或工作群。"))
        if merge_into.pk == tool.pk or merge_into.status not in LIVE_STATUSES:
            raise DigitalError(
                _("「%(name)s」不能作为并入对象（同一个，或已停用）。") % {"name": merge_into.name}
            )
        if merge_into.district_id != tool.district_id:
            raise DigitalError(_("只能并入本区的应用或工作群。"))
    else:
        merge_into = None
    due = due_on or today + dt.timedelta(days=PLAN_DAYS_DEFAULT)
    if due < today:
        raise DigitalError(_("完成时限%(d)s早于今天。") % {"d": due})
    if tool.plan_items.filter(progress__in=[PlanProgress.PLANNED, PlanProgress.IN_PROGRESS]).exists():
        raise DigitalError(_("「%(name)s」已在整合计划中。") % {"name": tool.name})
    _transition(
        tool, ToolStatus.MERGE if action == PlanAction.MERGE else ToolStatus.CLOSE, actor=actor, reason=reason
    )
    tool.merge_into = merge_into
    tool.save(update_fields=["status", "status_since", "merge_into"])
    return PlanItem.objects.create(
        tool=tool,
        action=action,
        merge_into=merge_into,
        due_on=due,
        reason=reason,
        decided_by=signed_in_user(actor),
        decided_on=today,
    )


@transaction.atomic
def plan_decide(
    *,
    actor: Any,
    tool: DigitalTool,
    action: str,
    reason: str,
    due_on: dt.date | None = None,
    merge_into: DigitalTool | None = None,
) -> PlanItem:
    """The 减负办 puts a tool in the consolidation plan: merge (into another) or close, by a date."""
    permissions.require_plan(actor, tool)
    reason = _text(reason, label=_("理由"), limit=TEXT_MAX, required=True)
    tool = DigitalTool.objects.select_for_update().get(pk=tool.pk)
    item = _plan(tool, actor=actor, action=action, reason=reason, merge_into=merge_into, due_on=due_on)
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=tool,
        summary=_("整合计划：%(action)s「%(name)s」，%(due)s前完成")
        % {"action": PlanAction(action).label, "name": tool.name, "due": item.due_on},
        detail={
            "action": action,
            "merge_into": merge_into.pk if merge_into else None,
            "due_on": str(item.due_on),
        },
    )
    rollup.refresh_tools([item.tool])
    return item


@transaction.atomic
def plan_progress(*, actor: Any, item: PlanItem, progress: str, note: str = "") -> PlanItem:
    """Record progress of a plan item. Done: the tool is merged or closed, its declarations stop
    counting (a merge moves them to the target)."""
    item = (
        PlanItem.objects.select_for_update(of=("self",)).select_related("tool", "merge_into").get(pk=item.pk)
    )
    tool = item.tool
    if not (permissions.may_plan(actor, tool) or permissions.may_answer(actor, tool)):
        raise OutOfScope
    if progress not in PlanProgress.values:
        raise DigitalError(
            _("进度「%(p)s」无效，可选：%(c)s。") % {"p": progress, "c": "、".join(PlanProgress.values)}
        )
    if item.progress in (PlanProgress.DONE, PlanProgress.CANCELLED):
        raise DigitalError(_("该计划事项已经%(s)s。") % {"s": item.get_progress_display()})
    note = _text(note, label=_("说明"), limit=TEXT_MAX)
    today = timezone.localdate()
    tool = DigitalTool.objects.select_for_update().get(pk=tool.pk)
    item.progress = progress
    if progress == PlanProgress.DONE:
        item.done_on = today
        _transition(
            tool,
            ToolStatus.MERGED if item.action == PlanAction.MERGE else ToolStatus.CLOSED,
            actor=actor,
            reason=note,
        )
        tool.ended_on = today
        tool.save(update_fields=["status", "status_since", "ended_on"])
        tool.violations.exclude(status=ViolationStatus.RESOLVED).update(
            status=ViolationStatus.RESOLVED, resolved_on=today
        )
        _end_declarations(tool, actor=actor, today=today, target=item.merge_into)
    elif progress == PlanProgress.CANCELLED:
        _transition(tool, ToolStatus.KEEP, actor=actor, reason=note)
        tool.merge_into = None
        tool.save(update_fields=["status", "status_since", "merge_into"])
    item.save(update_fields=["progress", "done_on"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=tool,
        summary=_("整合计划「%(name)s」：%(p)s") % {"name": tool.name, "p": item.get_progress_display()},
        detail={"progress": progress, "note": note[:500]},
    )
    rollup.refresh_tools([tool, item.merge_into])
    return item


def _end_declarations(tool: DigitalTool, *, actor: Any, today: dt.date, target: DigitalTool | None) -> None:
    live = list(tool.declarations.filter(withdrawn_on=None).select_related("community", "worker", "tool"))
    moved = (
        set(Declaration.objects.filter(tool=target, withdrawn_on=None).values_list("worker_id", flat=True))
        if target
        else set()
    )
    for declaration in live:
        _record_days(declaration, actor=actor, through=today)
        declaration.withdrawn_on = today
        declaration.save(update_fields=["withdrawn_on"])
        if target is not None and declaration.worker_id not in moved:
            Declaration.objects.create(
                community=declaration.community,
                worker=declaration.worker,
                tool=target,
                note=_("由「%(name)s」并入") % {"name": tool.name},
                declared_on=today,
                ledger_through=today,
            )
            target.communities.add(declaration.community)
            moved.add(declaration.worker_id)


# ---------------------------------------------------------------------------------------------
# Unit times of the asks (the 减负办 edits the Standard Cost Model)


@transaction.atomic
def ask_unit_time_set(
    *, actor: Any, kind: str, minutes: Decimal | str, basis: str | None = None
) -> AskUnitTime:
    if not permissions.may_set_unit_times(actor):
        raise OutOfScope
    if kind not in AskKind.values:
        raise DigitalError(_("要求类型「%(k)s」无效。") % {"k": kind})
    try:
        value = Decimal(str(minutes))
    except Exception:
        raise DigitalError(_("每次分钟不是数字：%(v)s。") % {"v": minutes}) from None
    if not value.is_finite() or value <= 0 or value > 600:
        raise DigitalError(_("每次分钟应在0到600之间（收到%(v)s）。") % {"v": minutes})
    default, default_basis = DEFAULT_ASK_MINUTES[kind]
    row, _created = AskUnitTime.objects.select_for_update().get_or_create(
        kind=kind, defaults={"minutes": default, "basis": default_basis}
    )
    old = row.minutes
    row.minutes = value.quantize(Decimal("0.01"))
    if basis is not None:
        row.basis = basis.strip()[:300]
    row.updated_by = signed_in_user(actor)
    row.save(update_fields=["minutes", "basis", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=row,
        summary=_("要求单位耗时「%(k)s」：%(old)s → %(new)s分钟")
        % {"k": AskKind(kind).label, "old": old, "new": row.minutes},
    )
    return row


__all__ = [
    "GONE_STATUSES",
    "DigitalError",
    "ask_unit_time_set",
    "check_text",
    "declarable_tools",
    "declaration_add",
    "declaration_add_new",
    "declaration_copy",
    "declaration_withdraw",
    "declarations_ledger",
    "plan_decide",
    "plan_progress",
    "tool_answer",
    "tool_gate_decided",
    "tool_register",
    "tool_revise",
]
