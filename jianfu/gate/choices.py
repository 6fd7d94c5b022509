from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskKind(models.TextChoices):
    LEDGER_REPORT = "ledger_report", _("台账报表")
    SURVEY = "survey", _("调查统计")
    INSPECTION = "inspection", _("专项检查")
    ASSESSMENT = "assessment", _("考核评比")
    CAMPAIGN = "campaign", _("创建")
    SIGNBOARD = "signboard", _("挂牌")
    TRAINING = "training", _("培训")
    MEETING = "meeting", _("会议")
    CERTIFICATE = "certificate", _("证明事项")
    DIGITAL_TOOL = "digital_tool", _("政务应用或工作群")
    GENERAL = "general", _("一般工作")


# Kinds that always go to the 减负办 (facts §3.1; catalog.yaml comment): a new ledger, a special
# inspection, an assessment or ranking, a signboard, a training, a creation campaign.
APPROVAL_KINDS = frozenset(
    {
        TaskKind.LEDGER_REPORT,
        TaskKind.INSPECTION,
        TaskKind.ASSESSMENT,
        TaskKind.SIGNBOARD,
        TaskKind.TRAINING,
        TaskKind.CAMPAIGN,
        TaskKind.DIGITAL_TOOL,  # a new app or group aimed at communities (jianfu.digital)
    }
)


class Decision(models.TextChoices):
    ADMITTED = "admitted", _("准入")
    NEEDS_APPROVAL = "needs_approval", _("需审批")
    REJECTED = "rejected", _("不予准入")
    SERVED_FROM_REGISTRY = "served_from_registry", _("由居民库直接提供")


class TaskStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("待审批")
    APPROVED = "approved", _("审批通过")
    REJECTED = "rejected", _("不予准入")
    ADMITTED = "admitted", _("已准入")
    SERVED = "served", _("由居民库提供")
    WITHDRAWN = "withdrawn", _("已撤销")


# The state machine: every transition goes through jianfu.gate.services and is recorded.
TRANSITIONS: dict[str, frozenset[str]] = {
    TaskStatus.PENDING_APPROVAL: frozenset({TaskStatus.APPROVED, TaskStatus.REJECTED, TaskStatus.WITHDRAWN}),
    TaskStatus.ADMITTED: frozenset({TaskStatus.WITHDRAWN}),
    TaskStatus.APPROVED: frozenset({TaskStatus.WITHDRAWN}),
    TaskStatus.REJECTED: frozenset(),
    TaskStatus.SERVED: frozenset(),
    TaskStatus.WITHDRAWN: frozenset(),
}

# Statuses under which the community works on the task (shown on its board).
ACTIVE_STATUSES = frozenset({TaskStatus.ADMITTED, TaskStatus.APPROVED})
# Statuses under which a community may refuse (never admitted: facts §3.5).
REFUSABLE_STATUSES = frozenset({TaskStatus.PENDING_APPROVAL, TaskStatus.REJECTED})


class TargetStatus(models.TextChoices):
    ACTIVE = "active", _("执行中")
    REFUSED = "refused", _("已拒绝")
    DONE = "done", _("已完成")


class ListMatch(models.TextChoices):
    DUTY = "duty", _("履职事项清单")
    ASSIST = "assist", _("协助事项清单")
    NEGATIVE = "negative", _("负面清单")
    NONE = "none", _("未匹配清单")


class NoticeKind(models.TextChoices):
    REFUSAL = "refusal", _("社区拒绝执行")
    ASSIST_WITHOUT_RESOURCES = "assist_without_resources", _("协助事项未配套资源")
    EMERGENCY_REVIEW = "emergency_review", _("应急事项待事后审查")
    DUPLICATE = "duplicate", _("重复需求")
