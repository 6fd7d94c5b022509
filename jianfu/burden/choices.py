from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    TASK_ADMITTED = "task_admitted", _("准入任务")
    TASK_REFUSED = "task_refused", _("拒绝的任务")
    DATA_REQUEST = "data_request", _("数据报表需求")
    FILL = "fill", _("一表通填表")
    INSPECTION = "inspection", _("检查考核")
    MEETING = "meeting", _("会议")
    DOCUMENT = "document", _("文件")
    SIGNBOARD = "signboard", _("挂牌")
    CAMPAIGN = "campaign", _("创建示范评比")
    SECONDMENT = "secondment", _("借调基层人员")
    APP = "app", _("政务 App")
    WORK_GROUP = "work_group", _("工作群")
    CERTIFICATE_DEMAND = "certificate_demand", _("证明需求")
    RESIDENT_REQUEST = "resident_request", _("居民诉求办理")
    WHISTLE = "whistle", _("吹哨报到")
    DATA_FEEDBACK = "data_feedback", _("台账问题回传部门")
    OTHER = "other", _("其他")


# Kinds nothing else in jianfu records: community staff or the 减负办 enter them by hand.
MANUAL_KINDS = (
    EntryKind.INSPECTION,
    EntryKind.MEETING,
    EntryKind.DOCUMENT,
    EntryKind.SIGNBOARD,
    EntryKind.APP,
    EntryKind.WORK_GROUP,
)

# A refused task was never done: its estimated hours are burden avoided, not imposed.
NOT_IMPOSED_KINDS = (EntryKind.TASK_REFUSED,)


class AlertSubject(models.TextChoices):
    COMMUNITY = "community", _("社区")
    DEPARTMENT = "department", _("职能部门")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    ACKNOWLEDGED = "acknowledged", _("已知悉")
    CLEARED = "cleared", _("已回落")
