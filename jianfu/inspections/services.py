"""Writes of the inspections app. Every write is atomic, audited, and records status transitions.

register (gate) → decide (减负办) / review emergency → merge into a joint visit → announce →
complete (burden ledger) ; materials: justify → accept/refuse ; findings (rectification through
the work-access gate) ; ratings ; inspector grants ; evidence packages and their links.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.choices import AlertStatus
from jianfu.core.choices import AuditAction
from jianfu.core.permissions import Actor, OutOfScope, actor_label, signed_in_user, system_actor
from jianfu.core.services import audit_record
from jianfu.inspections import permissions as perm
from jianfu.inspections.choices import (
    LIVE_STATUSES,
    MERGEABLE_STATUSES,
    TRANSITIONS,
    FindingSeverity,
    InspectionKind,
    InspectionStatus,
    MaterialSource,
    MaterialStatus,
    Reception,
    Route,
    VisitDuration,
)
from jianfu.inspections.decision import FLAG_TRACES, FLAG_UNMAPPED, VisitFacts, decide
from jianfu.inspections.mapping import map_material
from jianfu.inspections.models import (
    TITLE_MAX,
    AnnualPlan,
    EvidenceLink,
    EvidencePackage,
    Finding,
    Inspection,
    InspectionTarget,
    InspectionTransition,
    InspectorGrant,
    Material,
    VisitRating,
    VisitReboundAlert,
)
from jianfu.inspections.rules import caps_for, is_rebound, last_year_cutoff
from jianfu.inspections.traces import RULE as TRACE_RULE
from jianfu.inspections.traces import demands_paperwork
from jianfu.workdays.selectors import add_working_days, working_days_between

TEXT_MAX = 5000
MATERIALS_MAX = 50
LINK_DAYS_DEFAULT = 15

# Standard Cost Model of preparing for a visit (facts §6; editable defaults, documented in docs/inspections.md)
MANUAL_MINUTES_PER_MATERIAL = Decimal(120)  # find, copy, print, file one material kind into a binder
PACKAGE_REVIEW_MINUTES = Decimal(15)  # a worker looks over the generated package once


class InspectionError(ValidationError):
    """Bad input: the message says what, where, how to fix; nothing was written."""


def _text(value: Any, *, field: str, label: str, required: bool = False, limit: int = TEXT_MAX) -> str:
    text = ("" if value is None else str(value)).replace("\x00", "").strip()
    if required and not text:
        raise InspectionError({field: _("%(label)s不能为空，请填写。") % {"label": label}})
    if len(text) > limit:
        raise InspectionError(
            {
                field: _("%(label)s过长：%(n)d个字符，最多%(limit)d个。")
                % {"label": label, "n": len(text), "limit": limit}
            }
        )
    return text


def _user(actor: Actor) -> Any:
    return signed_in_user(actor)


def _transition(
    inspection: Inspection, to: str, *, actor: Actor, reason: str = "", initial: bool = False
) -> None:
    before = "" if initial else inspection.status
    if not initial and to not in TRANSITIONS[inspection.status]:
        raise InspectionError(
            _("「%(title)s」当前状态为%(status)s，不能改为%(to)s。")
            % {
                "title": inspection.title,
                "status": InspectionStatus(inspection.status).label,
                "to": InspectionStatus(to).label,
            }
        )
    inspection.status = to
    InspectionTransition.objects.create(
        inspection=inspection, from_status=before, to_status=to, by=_user(actor), reason=reason[:2000]
    )


# ---------------------------------------------------------------------------------------------
# Counting against the caps


def _live(year: int):
    return Inspection.objects.filter(year=year, status__in=LIVE_STATUSES)


def community_visit_counts(
    communities: Sequence[Any], year: int, *, exclude: Sequence[int] = ()
) -> dict[int, int]:
    rows = (
        InspectionTarget.objects.filter(
            community__in=communities, inspection__in=_live(year).exclude(pk__in=exclude)
        )
        .values("community_id")
        .annotate(n=Count("inspection_id", distinct=True))
    )
    return {r["community_id"]: r["n"] for r in rows}


def _department_counts(
    department: Any, communities: Sequence[Any], year: int, exclude: Sequence[int]
) -> dict[int, int]:
    mine = _live(year).filter(department=department).exclude(pk__in=exclude)
    rows = (
        InspectionTarget.objects.filter(community__in=communities, inspection__in=mine)
        .values("community_id")
        .annotate(n=Count("inspection_id", distinct=True))
    )
    return {r["community_id"]: r["n"] for r in rows}


def _department_reach(department: Any):
    from jianfu.orgs.models import Community

    if department.street_id:
        return Community.objects.filter(street_id=department.street_id)
    return Community.objects.filter(street__district_id=department.district_id)


def _check_communities(department: Any, communities: Iterable[Any]) -> list[Any]:
    wanted = list(dict.fromkeys(communities))
    if not wanted:
        raise InspectionError({"communities": _("请至少选择一个被检查社区。")})
    allowed = set(
        _department_reach(department).filter(pk__in=[c.pk for c in wanted]).values_list("pk", flat=True)
    )
    outside = [c for c in wanted if c.pk not in allowed]
    if outside:
        raise InspectionError(
            {
                "communities": _("%(dept)s不能检查辖区以外的社区：%(names)s。")
                % {"dept": department.name, "names": "、".join(f"{c.name}（{c.code}）" for c in outside)}
            }
        )
    return wanted


def _check_items(items: Iterable[Any], district_code: str, on: dt.date) -> list[str]:
    from jianfu.catalog.selectors import active_items

    codes = [str(i).strip() for i in items if str(i).strip()]
    if not codes:
        return []
    known = {a.code for a in active_items(district_code=district_code, on=on)}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InspectionError(
            {
                "items": _(
                    "清单中没有这些事项编号：%(codes)s。请使用本区工作清单中的事项编号（见「工作清单」）。"
                )
                % {"codes": "、".join(unknown)}
            }
        )
    return list(dict.fromkeys(codes))


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value or 0))
    except (InvalidOperation, ValueError):
        raise InspectionError({"expected_hours": _("预计工作时间不是数字：%(v)s。") % {"v": value}}) from None
    if not hours.is_finite() or hours < 0 or hours > 1000:
        raise InspectionError({"expected_hours": _("预计占用社区工作时间应在0到1000小时之间。")})
    return hours.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class VisitInput:
    """A visit as a department describes it (the form, the API and plan files all build one)."""

    title: str
    kind: str
    communities: Sequence[Any]
    window_start: dt.date
    window_end: dt.date
    items: Sequence[str] = ()
    materials: Sequence[str] = ()
    expected_hours: Any = 0
    comprehensive: bool = False
    emergency: bool = False
    emergency_reason: str = ""
    unannounced: bool = False
    legal_basis: str = ""
    reception: str = Reception.ZERO
    reception_reason: str = ""
    plan_ref: str = ""


def _validate(department: Any, visit: VisitInput, today: dt.date) -> dict[str, Any]:
    title = _text(visit.title, field="title", label=_("名称"), required=True, limit=TITLE_MAX)
    if visit.kind not in InspectionKind.values:
        raise InspectionError(
            {
                "kind": _("类型「%(k)s」无效，可选：%(c)s。")
                % {"k": visit.kind, "c": "、".join(InspectionKind.values)}
            }
        )
    if not isinstance(visit.window_start, dt.date) or not isinstance(visit.window_end, dt.date):
        raise InspectionError({"window_start": _("请填写检查的开始和结束日期。")})
    if visit.window_end < visit.window_start:
        raise InspectionError(
            {
                "window_end": _("结束日期%(e)s早于开始日期%(s)s。")
                % {"e": visit.window_end, "s": visit.window_start}
            }
        )
    if visit.window_start.year != visit.window_end.year:
        raise InspectionError({"window_end": _("一次检查不能跨年度，请按年度分别登记。")})
    if (visit.window_end - visit.window_start).days > 92:
        raise InspectionError({"window_end": _("检查时段超过三个月，请缩短或分次登记。")})
    reception = visit.reception or Reception.ZERO
    if reception not in Reception.values:
        raise InspectionError({"reception": _("接待安排无效：%(r)s。") % {"r": reception}})
    reception_reason = _text(visit.reception_reason, field="reception_reason", label=_("接待理由"), limit=500)
    if reception == Reception.DEVIATION and not reception_reason:
        raise InspectionError({"reception_reason": _("默认零接待；需要社区接待时请说明理由。")})
    legal_basis = _text(visit.legal_basis, field="legal_basis", label=_("法律依据"), limit=500)
    if visit.unannounced and not legal_basis:
        raise InspectionError(
            {"legal_basis": _("不打招呼检查只限法律明确要求的情形：请写明法律依据（法律名称和条款）。")}
        )
    emergency_reason = _text(visit.emergency_reason, field="emergency_reason", label=_("应急事由"), limit=500)
    if visit.emergency and not emergency_reason:
        raise InspectionError({"emergency_reason": _("应急事项请写明事由（安全生产、灾害、公共卫生等）。")})
    materials = [_text(m, field="materials", label=_("所需材料"), limit=300) for m in visit.materials]
    materials = [m for m in dict.fromkeys(materials) if m]
    if len(materials) > MATERIALS_MAX:
        raise InspectionError({"materials": _("所需材料最多%(n)d项。") % {"n": MATERIALS_MAX}})
    communities = _check_communities(department, visit.communities)
    items = _check_items(visit.items, department.district.code, today)
    return {
        "title": title,
        "reception": reception,
        "reception_reason": reception_reason,
        "legal_basis": legal_basis,
        "emergency_reason": emergency_reason,
        "materials": materials,
        "communities": communities,
        "items": items,
        "expected_hours": _hours(visit.expected_hours),
        "plan_ref": _text(visit.plan_ref, field="plan_ref", label=_("计划内编号"), limit=40),
    }


def _facts(
    department: Any, visit: VisitInput, clean: dict[str, Any], plan: Any, today: dt.date, exclude=()
) -> VisitFacts:
    communities = clean["communities"]
    year = visit.window_start.year
    per_community = community_visit_counts(communities, year, exclude=exclude)
    per_department = _department_counts(department, communities, year, exclude)
    comprehensive = (
        _live(year).filter(department=department, comprehensive=True).exclude(pk__in=exclude).count()
    )
    notice = working_days_between(today, visit.window_start) if visit.window_start > today else 0
    return VisitFacts(
        in_plan=plan is not None,
        emergency=visit.emergency,
        comprehensive=visit.comprehensive,
        unannounced=visit.unannounced,
        reception_deviation=clean["reception"] == Reception.DEVIATION,
        notice_working_days=notice,
        community_counts={c.name: per_community.get(c.pk, 0) for c in communities},
        department_count={c.name: per_department.get(c.pk, 0) for c in communities},
        department_comprehensive=comprehensive,
    )


def _add_materials(inspection: Inspection, texts: Sequence[str]) -> list[Material]:
    rows = []
    for i, text in enumerate(texts):
        mapped = map_material(text)
        rows.append(
            Material(
                inspection=inspection,
                position=i,
                text=text,
                source=mapped.source,
                status=mapped.status,
                trace_words=list(mapped.trace_words),
                justification=str(TRACE_RULE) if mapped.status == MaterialStatus.TRACE_REFUSED else "",
            )
        )
    return Material.objects.bulk_create(rows)


@transaction.atomic
def inspection_register(
    *,
    actor: Actor,
    department: Any,
    visit: VisitInput,
    plan: AnnualPlan | None = None,
    today: dt.date | None = None,
) -> Inspection:
    """A department registers a visit; the gate decides it (see jianfu.inspections.decision)."""
    perm.require_register(actor, department)
    today = today or timezone.localdate()
    clean = _validate(department, visit, today)
    year = visit.window_start.year
    if plan is not None and (plan.department_id != department.pk or plan.year != year):
        raise InspectionError({"plan": _("年度计划与部门或年度不一致。")})
    facts = _facts(department, visit, clean, plan, today)
    caps = caps_for(department.district)
    outcome = decide(facts, caps)
    announce_by = (
        None if visit.unannounced else add_working_days(visit.window_start, -caps.notice_working_days)
    )
    inspection = Inspection(
        department=department,
        plan=plan,
        year=year,
        plan_ref=clean["plan_ref"],
        title=clean["title"],
        kind=visit.kind,
        comprehensive=bool(visit.comprehensive),
        items=clean["items"],
        window_start=visit.window_start,
        window_end=visit.window_end,
        expected_hours=clean["expected_hours"],
        emergency=bool(visit.emergency),
        emergency_reason=clean["emergency_reason"],
        unannounced=bool(visit.unannounced),
        legal_basis=clean["legal_basis"],
        announce_by=announce_by,
        reception=clean["reception"],
        reception_reason=clean["reception_reason"],
        route=outcome.route,
        reasons=outcome.reasons,
        flags=outcome.flags,
        created_by=_user(actor),
    )
    materials = clean["materials"]
    inspection.status = outcome.status
    inspection.save()
    _transition(inspection, outcome.status, actor=actor, reason="；".join(outcome.reasons), initial=True)
    InspectionTarget.objects.bulk_create(
        [InspectionTarget(inspection=inspection, community=c) for c in clean["communities"]]
    )
    made = _add_materials(inspection, materials)
    extra_flags = []
    if any(m.status == MaterialStatus.TRACE_REFUSED for m in made):
        extra_flags.append(FLAG_TRACES)
    if any(m.status == MaterialStatus.NEEDS_JUSTIFICATION for m in made):
        extra_flags.append(FLAG_UNMAPPED)
    if extra_flags:
        inspection.flags = [*inspection.flags, *extra_flags]
        inspection.save(update_fields=["flags"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=inspection,
        summary=_("%(dept)s登记检查「%(title)s」：%(status)s")
        % {
            "dept": department.name,
            "title": inspection.title,
            "status": InspectionStatus(inspection.status).label,
        },
        detail={
            "route": inspection.route,
            "flags": inspection.flags,
            "communities": [c.code for c in clean["communities"]],
            "window": [visit.window_start.isoformat(), visit.window_end.isoformat()],
        },
    )
    _rebound_refresh(inspection, today=today)
    return inspection


@transaction.atomic
def inspection_decide(*, actor: Actor, inspection: Inspection, admit: bool, reason: str) -> Inspection:
    """The 减负办 decides a visit outside the plan or over a cap; a reason is required either way."""
    perm.require_decide(actor, inspection)
    reason = _text(reason, field="reason", label=_("审定理由"), required=True)
    if inspection.status != InspectionStatus.PENDING_OFFICE:
        raise InspectionError(_("只有待减负办审定的检查才能审定。"))
    to = InspectionStatus.ADMITTED if admit else InspectionStatus.REFUSED
    _transition(inspection, to, actor=actor, reason=reason)
    inspection.decided_by = _user(actor)
    inspection.decided_at = timezone.now()
    inspection.decision_reason = reason
    inspection.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=inspection,
        summary=_("审定检查「%(title)s」：%(status)s")
        % {"title": inspection.title, "status": InspectionStatus(to).label},
        detail={"reason": reason},
    )
    if not admit:
        _rebound_refresh(inspection)
    return inspection


@transaction.atomic
def inspection_review_emergency(*, actor: Actor, inspection: Inspection, note: str) -> Inspection:
    perm.require_decide(actor, inspection)
    if not inspection.emergency:
        raise InspectionError(_("这不是应急检查。"))
    if inspection.emergency_reviewed_at:
        raise InspectionError(_("该应急检查已审查。"))
    inspection.emergency_review = _text(note, field="note", label=_("审查意见"), required=True)
    inspection.emergency_reviewed_at = timezone.now()
    inspection.save(update_fields=["emergency_review", "emergency_reviewed_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REVIEW,
        obj=inspection,
        summary=_("事后审查应急检查「%(title)s」") % {"title": inspection.title},
        detail={"note": inspection.emergency_review},
    )
    return inspection


@transaction.atomic
def inspection_cancel(*, actor: Actor, inspection: Inspection, reason: str) -> Inspection:
    perm.require_run(actor, inspection)
    reason = _text(reason, field="reason", label=_("撤销理由"), required=True)
    _transition(inspection, InspectionStatus.CANCELLED, actor=actor, reason=reason)
    inspection.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=inspection,
        summary=_("撤销检查「%(t)s」") % {"t": inspection.title},
    )
    _rebound_refresh(inspection)
    return inspection


@transaction.atomic
def inspection_announce(*, actor: Actor, inspection: Inspection) -> Inspection:
    """The lead department announces the visit to the communities (on the published calendar)."""
    perm.require_run(actor, inspection)
    if inspection.status != InspectionStatus.ADMITTED:
        raise InspectionError(_("只有已准入的检查才能通知社区。"))
    if inspection.announced_at:
        return inspection
    inspection.announced_at = timezone.now()
    fields = ["announced_at"]
    if (
        inspection.announce_by
        and timezone.localdate() > inspection.announce_by
        and "late_notice" not in inspection.flags
    ):
        inspection.flags = [*inspection.flags, "late_notice"]
        fields.append("flags")
    inspection.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=inspection,
        summary=_("通知社区检查「%(t)s」") % {"t": inspection.title},
    )
    return inspection


# ---------------------------------------------------------------------------------------------
# Merging


@dataclass(frozen=True)
class MergeProposal:
    """Two visits to merge: `Inspection`s, or on the list page its `selectors.VisitRow`s (the same
    year, window, items, title and department name)."""

    first: Any
    second: Any
    communities: tuple[str, ...]
    window_overlap: bool
    shared_items: tuple[str, ...]


def overlaps(a: Any, b: Any, a_communities: set[int], b_communities: set[int]) -> bool:
    """Whether two visits (`Inspection`s or `VisitRow`s) share a community and overlap in window or items."""
    if a.year != b.year or not (a_communities & b_communities):
        return False
    window = a.window_start <= b.window_end and b.window_start <= a.window_end
    return window or bool(set(a.items) & set(b.items))


@transaction.atomic
def inspections_merge(
    *,
    actor: Actor,
    inspections: Sequence[Inspection],
    title: str,
    window_start: dt.date,
    window_end: dt.date,
    reason: str,
) -> Inspection:
    """The 减负办 merges visits into one joint visit: one window, the union of communities, items and materials."""
    members = list(dict.fromkeys(inspections))
    if len(members) < 2:
        raise InspectionError(_("请至少选择两项检查进行合并。"))
    for m in members:
        perm.require_decide(actor, m)
        if m.status not in MERGEABLE_STATUSES:
            raise InspectionError(
                _("「%(t)s」状态为%(s)s，不能合并。") % {"t": m.title, "s": InspectionStatus(m.status).label}
            )
    years = {m.year for m in members}
    if len(years) != 1 or window_start.year not in years or window_end.year not in years:
        raise InspectionError(_("只能合并同一年度的检查，联合检查时段也须在该年度内。"))
    if window_end < window_start:
        raise InspectionError({"window_end": _("结束日期早于开始日期。")})
    reason = _text(reason, field="reason", label=_("合并理由"), required=True)
    title = _text(title, field="title", label=_("名称"), required=True, limit=TITLE_MAX)
    lead = members[0]
    communities = list(
        dict.fromkeys(
            t.community
            for m in members
            for t in m.targets.select_related("community").order_by("community__code")
        )
    )
    items = list(dict.fromkeys(i for m in members for i in m.items))
    materials = list(dict.fromkeys(mat.text for m in members for mat in m.materials.all()))
    caps = caps_for(lead.department.district)
    joint = Inspection.objects.create(
        department=lead.department,
        plan=lead.plan if all(m.plan_id for m in members) else None,
        year=lead.year,
        title=title,
        kind=lead.kind,
        comprehensive=any(m.comprehensive for m in members),
        items=items,
        window_start=window_start,
        window_end=window_end,
        expected_hours=max(m.expected_hours for m in members),
        unannounced=False,
        announce_by=add_working_days(window_start, -caps.notice_working_days),
        reception=Reception.ZERO
        if all(m.reception == Reception.ZERO for m in members)
        else Reception.DEVIATION,
        reception_reason="；".join(m.reception_reason for m in members if m.reception_reason)[:500],
        status=InspectionStatus.ADMITTED,
        route=Route.JOINT,
        joint=True,
        reasons=[_("由减负办合并%(n)d项检查为一次联合检查：%(r)s") % {"n": len(members), "r": reason}],
        flags=[],
        decided_by=_user(actor),
        decided_at=timezone.now(),
        decision_reason=reason,
        created_by=_user(actor),
    )
    _transition(joint, InspectionStatus.ADMITTED, actor=actor, reason=reason, initial=True)
    InspectionTarget.objects.bulk_create(
        [InspectionTarget(inspection=joint, community=c) for c in communities]
    )
    made = _add_materials(joint, materials)
    # a material already justified or decided keeps its decision in the joint visit
    decided = {
        mat.text: mat
        for m in members
        for mat in m.materials.all()
        if mat.status in (MaterialStatus.JUSTIFIED, MaterialStatus.ACCEPTED, MaterialStatus.REFUSED)
    }
    for mat in made:
        earlier = decided.get(mat.text)
        if earlier is not None:
            mat.status, mat.justification, mat.decision_note = (
                earlier.status,
                earlier.justification,
                earlier.decision_note,
            )
            mat.save(update_fields=["status", "justification", "decision_note"])
    for m in members:
        _transition(m, InspectionStatus.MERGED, actor=actor, reason=reason)
        m.merged_into = joint
        m.save(update_fields=["status", "merged_into"])
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=joint,
        summary=_("合并为联合检查「%(t)s」") % {"t": title},
        detail={"members": [m.pk for m in members], "communities": [c.code for c in communities]},
    )
    _rebound_refresh(joint)
    return joint


# ---------------------------------------------------------------------------------------------
# Materials


@transaction.atomic
def material_justify(*, actor: Actor, material: Material, justification: str) -> Material:
    perm.require_justify(actor, material.inspection)
    if material.status not in (
        MaterialStatus.NEEDS_JUSTIFICATION,
        MaterialStatus.TRACE_REFUSED,
        MaterialStatus.REFUSED,
    ):
        raise InspectionError(_("该材料由系统生成，无需说明理由。"))
    material.justification = _text(justification, field="justification", label=_("理由"), required=True)
    material.status = MaterialStatus.JUSTIFIED
    material.save(update_fields=["justification", "status"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=material,
        summary=_("说明材料理由：%(t)s") % {"t": material.text},
    )
    return material


@transaction.atomic
def material_decide(*, actor: Actor, material: Material, accept: bool, note: str = "") -> Material:
    perm.require_decide(actor, material.inspection)
    if material.status != MaterialStatus.JUSTIFIED:
        raise InspectionError(_("只有已说明理由的材料才能审定。"))
    note = _text(note, field="note", label=_("意见"), required=not accept, limit=500)
    material.status = MaterialStatus.ACCEPTED if accept else MaterialStatus.REFUSED
    material.decision_note = note
    material.decided_by = _user(actor)
    material.decided_at = timezone.now()
    material.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=AuditAction.DECIDE,
        obj=material,
        summary=_("材料「%(t)s」：%(s)s") % {"t": material.text, "s": MaterialStatus(material.status).label},
    )
    return material


# ---------------------------------------------------------------------------------------------
# Results


def preparation_hours_of(statuses: Iterable[str]) -> tuple[Decimal, Decimal]:
    """(manual assembly, with the generated package) hours per community, by the Standard Cost Model:
    every provided material costs MANUAL_MINUTES_PER_MATERIAL by hand; with the package a worker
    reviews it once, and only materials the system cannot produce (accepted by the 减负办) stay manual."""
    statuses = list(statuses)
    provided = sum(1 for s in statuses if s in (MaterialStatus.MAPPED, MaterialStatus.ACCEPTED))
    manual_only = sum(1 for s in statuses if s == MaterialStatus.ACCEPTED)
    manual = MANUAL_MINUTES_PER_MATERIAL * provided / 60
    with_package = (PACKAGE_REVIEW_MINUTES + MANUAL_MINUTES_PER_MATERIAL * manual_only) / 60
    two = Decimal("0.01")
    return manual.quantize(two, ROUND_HALF_UP), min(with_package, manual).quantize(two, ROUND_HALF_UP)


def preparation_hours(inspection: Inspection) -> tuple[Decimal, Decimal]:
    return preparation_hours_of(m.status for m in inspection.materials.all())


@transaction.atomic
def inspection_complete(*, actor: Actor, inspection: Inspection) -> Inspection:
    """The visit took place: it lands in each community's burden ledger, with the hours the package saved."""
    from jianfu.burden.choices import EntryKind
    from jianfu.burden.services import burden_entry_record

    perm.require_run(actor, inspection)
    today = timezone.localdate()
    if inspection.window_start > today:
        raise InspectionError(_("检查尚未开始（%(d)s），不能标记完成。") % {"d": inspection.window_start})
    _transition(inspection, InspectionStatus.COMPLETED, actor=actor)
    inspection.save(update_fields=["status"])
    manual, package = preparation_hours(inspection)
    occurred = min(inspection.window_end, today)
    for target in inspection.targets.select_related("community__street"):
        burden_entry_record(
            community=target.community,
            kind=EntryKind.INSPECTION,
            title=inspection.title,
            occurred_on=occurred,
            department=inspection.department,
            saved_hours=manual - package,
            outside_lists=not inspection.in_plan and inspection.route != Route.JOINT,
            source_ref=f"inspections.visit:{inspection.pk}",
            actor=actor,
        )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=inspection,
        summary=_("检查「%(t)s」已完成") % {"t": inspection.title},
    )
    return inspection


def _target_community(inspection: Inspection, community: Any) -> Any:
    if not inspection.targets.filter(community=community).exists():
        raise InspectionError({"community": _("%(c)s不在本次检查范围内。") % {"c": community}})
    return community


@transaction.atomic
def finding_record(
    *, actor: Actor, inspection: Inspection, community: Any, text: str, severity: str, rectification: str = ""
) -> Finding:
    """A finding for one community. Rectification work is a task through the work-access gate, so a
    finding cannot add a ledger or binder the gate would not admit."""
    from jianfu.gate.choices import TaskKind
    from jianfu.gate.services import task_submit

    perm.require_record_finding(actor, inspection)
    if inspection.status not in (InspectionStatus.ADMITTED, InspectionStatus.COMPLETED):
        raise InspectionError(_("只能为已准入或已完成的检查记录发现。"))
    _target_community(inspection, community)
    text = _text(text, field="text", label=_("检查发现"), required=True)
    if severity not in FindingSeverity.values:
        raise InspectionError({"severity": _("性质无效：%(s)s。") % {"s": severity}})
    rectification = _text(
        rectification,
        field="rectification",
        label=_("整改要求"),
        required=severity == FindingSeverity.RECTIFY,
    )
    finding = Finding.objects.create(
        inspection=inspection,
        community=community,
        text=text,
        severity=severity,
        rectification=rectification,
        recorded_by=_user(actor),
    )
    if severity == FindingSeverity.RECTIFY:
        department = inspection.department
        # an inspector is not a department account: the rectification task is then submitted by jianfu
        # in the lead department's name (the finding's audit row names the inspector)
        submitter = (
            actor
            if perm.may_register(actor, department)
            else system_actor(f"jianfu inspections: finding of {inspection.pk} by {actor_label(actor)}")
        )
        # new ledgers, binders, recurring reports or traces never pass as ordinary work: the 减负办 decides
        kind = TaskKind.LEDGER_REPORT if demands_paperwork(rectification) else TaskKind.GENERAL
        finding.task = task_submit(
            actor=submitter,
            department=department,
            title=_("整改：%(t)s") % {"t": text[:80]},
            description=_("%(visit)s检查发现：%(text)s\n整改要求：%(r)s")
            % {"visit": inspection.title, "text": text, "r": rectification},
            communities=[community],
            kind=kind,
            legal_basis=inspection.legal_basis,
        )
        finding.save(update_fields=["task"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=finding,
        community=community,
        summary=_("检查发现（%(c)s）：%(t)s") % {"c": community.name, "t": text[:100]},
        detail={"inspection": inspection.pk, "task": finding.task_id},
    )
    return finding


@transaction.atomic
def visit_rate(
    *, actor: Actor, inspection: Inspection, duration: str, usefulness: int, comment: str = ""
) -> VisitRating:
    community: Any = getattr(actor, "community", None)
    perm.require_rate(actor, community)
    _target_community(inspection, community)
    if inspection.status not in (InspectionStatus.ADMITTED, InspectionStatus.COMPLETED):
        raise InspectionError(_("只能评价已准入或已完成的检查。"))
    if inspection.window_start > timezone.localdate():
        raise InspectionError(_("检查尚未开始，开始后才能评价。"))
    if duration not in VisitDuration.values:
        raise InspectionError({"duration": _("请选择这次检查占用的时间。")})
    try:
        score = int(usefulness)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise InspectionError({"usefulness": _("有用程度请打1到5分。")})
    if VisitRating.objects.filter(inspection=inspection, community=community).exists():
        raise InspectionError(_("本社区已评价过这次检查。"))
    rating = VisitRating.objects.create(
        inspection=inspection,
        community=community,
        duration=duration,
        usefulness=score,
        comment=_text(comment, field="comment", label=_("评价")),
        rated_by=_user(actor),  # require_rate: a signed-in community worker or head
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=rating,
        community=community,
        summary=_("评价检查「%(t)s」：%(s)d分") % {"t": inspection.title, "s": score},
    )
    return rating


# ---------------------------------------------------------------------------------------------
# Inspectors and evidence links


def grant_expiry(inspection: Inspection) -> dt.datetime:
    """A grant expires with the visit: at the end of the window's last day."""
    end = dt.datetime.combine(inspection.window_end + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(end)


INSPECTOR_USERNAME_MAX = 150


@transaction.atomic
def inspector_grant(*, actor: Actor, inspection: Inspection, user: Any) -> InspectorGrant:
    """Read-only access of an inspector account (`Role.INSPECTOR`) to one visit until the visit ends."""
    from jianfu.accounts.choices import Role

    perm.require_run(actor, inspection)
    if inspection.status not in (InspectionStatus.ADMITTED, InspectionStatus.COMPLETED):
        raise InspectionError(_("只有已准入的检查才能授权检查人员。"))
    if user.role != Role.INSPECTOR or not user.is_active:
        raise InspectionError(
            {
                "username": _(
                    "账号「%(u)s」不是检查人员账号。检查人员须使用专用账号（只读、仅限本次检查），"
                    "请填写一个新的账号名，系统会为其开通。"
                )
                % {"u": user.get_username()}
            }
        )
    grant, _created = InspectorGrant.objects.update_or_create(
        inspection=inspection,
        user=user,
        defaults={"expires_at": grant_expiry(inspection), "granted_by": _user(actor), "revoked_at": None},
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=grant,
        summary=_("授权%(u)s查看检查「%(t)s」至%(d)s")
        % {"u": user, "t": inspection.title, "d": inspection.window_end},
    )
    return grant


@dataclass(frozen=True)
class InspectorAccess:
    grant: InspectorGrant
    password: str  # shown once when the account was created now; "" for an existing inspector account

    @property
    def created(self) -> bool:
        return bool(self.password)


@transaction.atomic
def inspector_access_give(
    *, actor: Actor, inspection: Inspection, username: str, name: str = ""
) -> InspectorAccess:
    """Open (or reuse) a dedicated inspector account and grant it the visit.

    A new account gets a random password, returned once (never stored in clear, never logged); it
    belongs to no community, street or department, so it reaches nothing but its grants."""
    from django.contrib.auth import get_user_model

    from jianfu.accounts.choices import Role

    perm.require_run(actor, inspection)
    username = _text(
        username, field="username", label=_("检查人员账号"), required=True, limit=INSPECTOR_USERNAME_MAX
    )
    if any(ch.isspace() for ch in username):
        raise InspectionError({"username": _("账号名不能包含空格：「%(u)s」。") % {"u": username}})
    name = _text(name, field="name", label=_("检查人员姓名"), limit=50)
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    password = ""
    if user is None:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username, password=password, role=Role.INSPECTOR, display_name=name[:50]
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=user,
            summary=_("为检查「%(t)s」开通检查人员账号%(u)s") % {"t": inspection.title, "u": username},
        )
    grant = inspector_grant(actor=actor, inspection=inspection, user=user)
    return InspectorAccess(grant=grant, password=password)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def evidence_package_record(
    *,
    actor: Actor,
    community: Any,
    inspection: Inspection | None,
    period: tuple[dt.date, dt.date],
    files: int,
    size: int,
    sha256: str,
) -> EvidencePackage:
    package = EvidencePackage.objects.create(
        community=community,
        inspection=inspection,
        period_from=period[0],
        period_to=period[1],
        files=files,
        bytes=size,
        sha256=sha256,
        built_by=_user(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=package,
        community=community,
        summary=_("生成检查材料包：%(c)s %(f)s至%(t)s")
        % {"c": community.name, "f": period[0], "t": period[1]},
        detail={
            "sha256": sha256,
            "files": files,
            "bytes": size,
            "inspection": getattr(inspection, "pk", None),
        },
    )
    return package


@transaction.atomic
def evidence_link_create(
    *, actor: Actor, package: EvidencePackage, days: int = LINK_DAYS_DEFAULT
) -> tuple[EvidenceLink, str]:
    """An expiring link to the package (the token is shown once); a visit's link expires with the visit."""
    if package.inspection is not None:
        perm.require_build_for_inspection(actor, package.inspection, package.community)
        expires = grant_expiry(package.inspection)
    else:
        perm.require_export_community(actor, package.community)
        expires = timezone.now() + dt.timedelta(days=max(1, min(days, 90)))
    token = secrets.token_urlsafe(32)
    link = EvidenceLink.objects.create(
        package=package, token_hash=_token_hash(token), expires_at=expires, created_by=_user(actor)
    )
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=link,
        community=package.community,
        summary=_("生成材料包下载链接，有效至%(d)s")
        % {"d": timezone.localtime(expires).strftime("%Y-%m-%d %H:%M")},
    )
    return link, token


def evidence_link_find(token: str) -> EvidenceLink | None:
    link = (
        EvidenceLink.objects.select_related("package__community", "package__inspection")
        .filter(token_hash=_token_hash(token or ""))
        .first()
    )
    if link is None or link.expires_at <= timezone.now():
        return None
    return link


@transaction.atomic
def evidence_link_used(*, link: EvidenceLink, client: str) -> None:
    EvidenceLink.objects.filter(pk=link.pk).update(downloads=link.downloads + 1)
    audit_record(
        actor=AnonymousUser(),  # whoever holds the link: no account
        action=AuditAction.EXPORT,
        obj=link.package,
        community=link.package.community,
        summary=_("通过下载链接下载检查材料包"),
        detail={"link": link.pk, "client": client[:64]},
    )


MATERIAL_SOURCES_IN_PACKAGE = frozenset(MaterialSource.values) - {MaterialSource.NONE}


RULE_LIMITS = {
    "per_community_per_year": (1, 50),
    "per_department_per_year": (1, 50),
    "comprehensive_per_department": (0, 10),
    "notice_working_days": (0, 60),
}


@transaction.atomic
def rules_set(*, actor: Actor, district: Any, values: dict[str, Any]) -> Any:
    """The district's caps and notice period (district 减负办 or administrator only)."""
    from jianfu.inspections.models import InspectionRules
    from jianfu.inspections.rules import DEFAULT_CAPS

    perm.require_set_rules(actor, district)
    clean: dict[str, Any] = {}
    for field, (low, high) in RULE_LIMITS.items():
        raw = values.get(field, getattr(DEFAULT_CAPS, field))
        try:
            number = int(raw)
        except (TypeError, ValueError):
            raise InspectionError(
                {field: _("%(f)s应为整数（收到%(v)s）。") % {"f": field, "v": raw}}
            ) from None
        if not low <= number <= high:
            raise InspectionError(
                {field: _("%(f)s应在%(a)d到%(b)d之间。") % {"f": field, "a": low, "b": high}}
            )
        clean[field] = number
    try:
        ratio = Decimal(str(values.get("rebound_ratio", DEFAULT_CAPS.rebound_ratio)))
    except (InvalidOperation, ValueError):
        raise InspectionError({"rebound_ratio": _("反弹提醒增幅应为小数，如0.25。")}) from None
    if not ratio.is_finite() or not Decimal(0) < ratio <= Decimal(10):
        raise InspectionError({"rebound_ratio": _("反弹提醒增幅应在0到10之间，如0.25表示25%。")})
    clean["rebound_ratio"] = ratio.quantize(Decimal("0.01"))
    row, _created = InspectionRules.objects.update_or_create(
        district=district, defaults={**clean, "updated_by": _user(actor)}
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=row,
        summary=_("检查考核规则：%(d)s") % {"d": district},
        detail={k: str(v) for k, v in clean.items()},
    )
    return row


# ---------------------------------------------------------------------------------------------
# Rebound alerts: visits to a community climbing above last year's


def _visits_last_year_to_date(communities: Sequence[Any], year: int, today: dt.date) -> dict[int, int]:
    rows = (
        InspectionTarget.objects.filter(
            community__in=communities,
            inspection__in=_live(year - 1).filter(window_start__lte=last_year_cutoff(year, today)),
        )
        .values("community_id")
        .annotate(n=Count("inspection_id", distinct=True))
    )
    return {r["community_id"]: r["n"] for r in rows}


def visit_rebound_evaluate(
    *, communities: Sequence[Any], year: int, today: dt.date | None = None
) -> list[VisitReboundAlert]:
    """Open, update or clear each community's rebound alert for `year` from its live visits.

    An acknowledged alert stays acknowledged while visits stay at or below what the office saw;
    one more visit reopens it, and a fall below the rebound line clears it."""
    today = today or timezone.localdate()
    communities = list(communities)
    if not communities:
        return []
    caps_by_district: dict[int, Any] = {}
    now = community_visit_counts(communities, year)
    before = _visits_last_year_to_date(communities, year, today)
    existing = {
        a.community_id: a
        for a in VisitReboundAlert.objects.select_for_update().filter(community__in=communities, year=year)
    }
    alerts = []
    for community in communities:
        district_id = community.street.district_id
        if district_id not in caps_by_district:
            caps_by_district[district_id] = caps_for(community.street.district)
        caps = caps_by_district[district_id]
        figures = {
            "visits": now.get(community.pk, 0),
            "last_year_to_date": before.get(community.pk, 0),
            "cap": caps.per_community_per_year,
        }
        rising = is_rebound(figures["visits"], figures["last_year_to_date"], caps)
        alert = existing.get(community.pk)
        if alert is None:
            if rising:
                alerts.append(VisitReboundAlert.objects.create(community=community, year=year, **figures))
            continue
        changed = [k for k, v in figures.items() if getattr(alert, k) != v]
        for k in changed:
            setattr(alert, k, figures[k])
        status = alert.status
        if not rising:
            status = AlertStatus.CLEARED
        elif alert.status == AlertStatus.CLEARED or (
            alert.status == AlertStatus.ACKNOWLEDGED and figures["visits"] > (alert.acknowledged_visits or 0)
        ):
            status = AlertStatus.OPEN
        if status != alert.status:
            alert.status = status
            changed.append("status")
        if changed:
            alert.save(update_fields=[*changed, "updated_at"])
        alerts.append(alert)
    return alerts


def _rebound_refresh(inspection: Inspection, *, today: dt.date | None = None) -> None:
    from jianfu.orgs.models import Community

    communities = Community.objects.filter(inspection_targets__inspection=inspection).select_related(
        "street__district"
    )
    visit_rebound_evaluate(communities=list(communities), year=inspection.year, today=today)


def visit_rebounds_evaluate_year(*, year: int, district: Any = None) -> list[VisitReboundAlert]:
    """Evaluate every community with visits in `year` or last year, or an alert (the command)."""
    from jianfu.orgs.models import Community

    with_visits = InspectionTarget.objects.filter(inspection__year__in=[year, year - 1]).values(
        "community_id"
    )
    with_alerts = VisitReboundAlert.objects.filter(year=year).values("community_id")
    communities = Community.objects.filter(Q(pk__in=with_visits) | Q(pk__in=with_alerts)).select_related(
        "street__district"
    )
    if district is not None:
        communities = communities.filter(street__district=district)
    with transaction.atomic():
        return visit_rebound_evaluate(communities=list(communities.order_by("code")), year=year)


@transaction.atomic
def visit_rebound_acknowledge(*, actor: Actor, alert: VisitReboundAlert, note: str = "") -> VisitReboundAlert:
    """The 减负办 has seen the climb (and says what it does about it)."""
    if (
        not perm.is_office(actor)
        or not VisitReboundAlert.objects.restrict(actor, "view").filter(pk=alert.pk).exists()
    ):
        raise OutOfScope("only the 减负办 acknowledges rebound alerts it can see")
    alert = VisitReboundAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.status != AlertStatus.OPEN:
        raise InspectionError(
            _("这条提醒当前为「%(s)s」，无需再知悉。") % {"s": AlertStatus(alert.status).label}
        )
    note = _text(note, field="note", label=_("备注"), limit=500)
    alert.status = AlertStatus.ACKNOWLEDGED
    alert.acknowledged_by = _user(actor)
    alert.acknowledged_at = timezone.now()
    alert.acknowledged_visits = alert.visits
    alert.note = note
    alert.save(
        update_fields=[
            "status",
            "acknowledged_by",
            "acknowledged_at",
            "acknowledged_visits",
            "note",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.REVIEW,
        obj=alert,
        community=alert.community,
        summary=_("知悉检查回升提醒：%(c)s %(y)s年%(a)s次（上年同期%(b)s次）")
        % {"c": alert.community.name, "y": alert.year, "a": alert.visits, "b": alert.last_year_to_date},
        detail={"note": note},
    )
    return alert
