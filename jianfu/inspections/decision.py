"""The inspection gate as a pure function: the visit and the year's counts in, the decision out.

- emergency (safety, disasters, public health) → admitted at once, flagged, reviewed after;
- outside the department's filed annual plan → the 减负办 decides, with a reason;
- in the plan but over a cap (per community, per department, comprehensive) → the 减负办 decides;
- too short a notice (fewer working days than the district's notice period) → the 减负办 decides;
- otherwise → admitted.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jianfu.inspections.choices import InspectionStatus, Route
from jianfu.inspections.rules import Caps

FLAG_EMERGENCY_REVIEW = "emergency_review"
FLAG_UNANNOUNCED = "unannounced"
FLAG_RECEPTION = "reception_deviation"
FLAG_SHORT_NOTICE = "short_notice"
FLAG_OVER_CAP = "over_cap"
FLAG_OUTSIDE_PLAN = "outside_plan"
FLAG_TRACES = "traces_refused"
FLAG_UNMAPPED = "materials_unmapped"


@dataclass(frozen=True)
class VisitFacts:
    in_plan: bool
    emergency: bool
    comprehensive: bool
    unannounced: bool
    reception_deviation: bool
    notice_working_days: int  # working days between registration and the window's start
    community_counts: Mapping[str, int]  # community name → live visits this year before this one
    department_count: Mapping[str, int]  # community name → this department's live visits there this year
    department_comprehensive: int  # this department's live comprehensive visits this year


@dataclass
class GateOutcome:
    status: str
    route: str
    reasons: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def decide(facts: VisitFacts, caps: Caps) -> GateOutcome:
    reasons: list[str] = []
    flags: list[str] = []
    if facts.unannounced:
        flags.append(FLAG_UNANNOUNCED)
        reasons.append(_("不打招呼检查：仅限法律明确要求的情形，已标注并记录法律依据。"))
    if facts.reception_deviation:
        flags.append(FLAG_RECEPTION)
        reasons.append(_("接待安排偏离零接待，已记录理由。"))
    if facts.emergency:
        flags.append(FLAG_EMERGENCY_REVIEW)
        reasons.append(_("应急事项（安全、灾害、公共卫生等）：先行准入，事后由减负办审查。"))
        return GateOutcome(InspectionStatus.ADMITTED, Route.EMERGENCY, reasons, flags)

    over: list[str] = []
    for name, n in sorted(facts.community_counts.items()):
        if n + 1 > caps.per_community_per_year:
            over.append(
                _("%(c)s本年度已有%(n)d次检查，社区上限%(cap)d次。")
                % {"c": name, "n": n, "cap": caps.per_community_per_year}
            )
    for name, n in sorted(facts.department_count.items()):
        if n + 1 > caps.per_department_per_year:
            over.append(
                _("本部门本年度已到%(c)s检查%(n)d次，部门上限%(cap)d次。")
                % {"c": name, "n": n, "cap": caps.per_department_per_year}
            )
    if facts.comprehensive and facts.department_comprehensive + 1 > caps.comprehensive_per_department:
        over.append(
            _("本部门本年度已有%(n)d次综合性检查；原则上每年不超过%(cap)d次。")
            % {"n": facts.department_comprehensive, "cap": caps.comprehensive_per_department}
        )
    short = not facts.unannounced and facts.notice_working_days < caps.notice_working_days
    if short:
        flags.append(FLAG_SHORT_NOTICE)
        reasons.append(
            _("距检查开始仅%(n)d个工作日，少于应提前通知的%(need)d个工作日。")
            % {"n": max(facts.notice_working_days, 0), "need": caps.notice_working_days}
        )
    if not facts.in_plan:
        flags.append(FLAG_OUTSIDE_PLAN)
        reasons.insert(0, _("未列入本部门已备案的年度检查计划，须由减负办审定。"))
        reasons.extend(over)
        if over:
            flags.append(FLAG_OVER_CAP)
        return GateOutcome(InspectionStatus.PENDING_OFFICE, Route.OUTSIDE_PLAN, reasons, flags)
    if over:
        flags.append(FLAG_OVER_CAP)
        reasons.extend(over)
        reasons.append(_("超出年度上限，须由减负办审定（可并入联合检查）。"))
        return GateOutcome(InspectionStatus.PENDING_OFFICE, Route.OVER_CAP, reasons, flags)
    if short:
        return GateOutcome(InspectionStatus.PENDING_OFFICE, Route.SHORT_NOTICE, reasons, flags)
    reasons.insert(0, _("已列入年度检查计划，未超出年度上限。"))
    return GateOutcome(InspectionStatus.ADMITTED, Route.IN_PLAN, reasons, flags)
