from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionKind(models.TextChoices):
    SUPERVISION = "supervision", _("督查")
    CHECK = "check", _("检查")
    ASSESSMENT = "assessment", _("考核")
    EVALUATION = "evaluation", _("评比")
    RESEARCH = "research", _("调研")


class InspectionStatus(models.TextChoices):
    PENDING_OFFICE = "pending_office", _("待减负办审定")
    ADMITTED = "admitted", _("已准入")
    REFUSED = "refused", _("不予准入")
    MERGED = "merged", _("已并入联合检查")
    COMPLETED = "completed", _("已完成")
    CANCELLED = "cancelled", _("已撤销")


# The state machine; every change goes through jianfu.inspections.services and is recorded.
TRANSITIONS: dict[str, frozenset[str]] = {
    InspectionStatus.PENDING_OFFICE: frozenset(
        {
            InspectionStatus.ADMITTED,
            InspectionStatus.REFUSED,
            InspectionStatus.CANCELLED,
            InspectionStatus.MERGED,
        }
    ),
    InspectionStatus.ADMITTED: frozenset(
        {InspectionStatus.MERGED, InspectionStatus.COMPLETED, InspectionStatus.CANCELLED}
    ),
    InspectionStatus.REFUSED: frozenset(),
    InspectionStatus.MERGED: frozenset(),
    InspectionStatus.COMPLETED: frozenset(),
    InspectionStatus.CANCELLED: frozenset(),
}
# Visits that still count against the caps and take up a community's calendar.
LIVE_STATUSES = frozenset(
    {InspectionStatus.PENDING_OFFICE, InspectionStatus.ADMITTED, InspectionStatus.COMPLETED}
)
MERGEABLE_STATUSES = frozenset({InspectionStatus.PENDING_OFFICE, InspectionStatus.ADMITTED})


class Route(models.TextChoices):
    """Why the gate decided as it did."""

    IN_PLAN = "in_plan", _("列入年度计划且未超上限")
    OUTSIDE_PLAN = "outside_plan", _("计划外，须减负办审定")
    OVER_CAP = "over_cap", _("超出年度上限，须减负办审定")
    SHORT_NOTICE = "short_notice", _("通知时间不足，须减负办审定")
    EMERGENCY = "emergency", _("应急事项，先行准入、事后审查")
    JOINT = "joint", _("减负办合并的联合检查")


class Reception(models.TextChoices):
    ZERO = "zero", _("零接待（不陪同、不迎送、不安排用餐）")
    DEVIATION = "deviation", _("需社区接待（须说明理由）")


class MaterialSource(models.TextChoices):
    LEDGER_IMPORTS = "ledger_imports", _("台账导入记录")
    FILLS = "fills", _("一表通填表记录")
    CERTIFICATES = "certificates", _("证明台账")
    TASKS = "tasks", _("任务及准入决定")
    BURDEN = "burden", _("负担台账")
    ACTIVITIES = "activities", _("社区活动记录")
    REQUESTS = "requests", _("居民诉求及吹哨办理记录")
    REGISTRY = "registry", _("居民库（遮蔽）")
    NONE = "none", _("系统无法生成")


class MaterialStatus(models.TextChoices):
    MAPPED = "mapped", _("由系统生成")
    NEEDS_JUSTIFICATION = "needs_justification", _("待说明理由")
    JUSTIFIED = "justified", _("已说明理由，待减负办认可")
    ACCEPTED = "accepted", _("减负办认可")
    REFUSED = "refused", _("不予提供")
    TRACE_REFUSED = "trace_refused", _("留痕要求，不予提供")


class FindingSeverity(models.TextChoices):
    NOTE = "note", _("提示")
    RECTIFY = "rectify", _("需整改")


class VisitDuration(models.TextChoices):
    UNDER_2H = "under_2h", _("两小时以内")
    HALF_DAY = "half_day", _("半天")
    FULL_DAY = "full_day", _("一天")
    MORE = "more", _("一天以上")
