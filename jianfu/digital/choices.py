from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class ToolKind(models.TextChoices):
    APP = "app", _("应用程序（App）")
    MINI_PROGRAM = "mini_program", _("小程序")
    PUBLIC_ACCOUNT = "public_account", _("公众号")
    WORK_GROUP = "work_group", _("工作群")


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信")
    QQ = "qq", _("QQ")
    DINGTALK = "dingtalk", _("钉钉")
    GOV_WECHAT = "gov_wechat", _("政务微信")
    ZHEZHENGDING = "zhezhengding", _("浙政钉")
    OTHER = "other", _("其他")


class ToolStatus(models.TextChoices):
    PENDING = "pending", _("待准入")
    IN_USE = "in_use", _("在用")
    KEEP = "keep", _("保留")
    MERGE = "merge", _("拟合并")
    CLOSE = "close", _("拟关闭")
    MERGED = "merged", _("已合并")
    CLOSED = "closed", _("已关闭")
    REFUSED = "refused", _("未准入")


# Every change of status goes through jianfu.digital.services and is recorded (ToolTransition).
TRANSITIONS: dict[str, frozenset[str]] = {
    ToolStatus.PENDING: frozenset({ToolStatus.IN_USE, ToolStatus.REFUSED}),
    ToolStatus.IN_USE: frozenset({ToolStatus.KEEP, ToolStatus.MERGE, ToolStatus.CLOSE}),
    ToolStatus.KEEP: frozenset({ToolStatus.MERGE, ToolStatus.CLOSE}),
    ToolStatus.MERGE: frozenset({ToolStatus.MERGED, ToolStatus.KEEP}),
    ToolStatus.CLOSE: frozenset({ToolStatus.CLOSED, ToolStatus.KEEP}),
    ToolStatus.MERGED: frozenset(),
    ToolStatus.CLOSED: frozenset(),
    ToolStatus.REFUSED: frozenset(),
}
# Statuses under which staff still use the tool (declarations count, hours accrue).
LIVE_STATUSES = frozenset({ToolStatus.IN_USE, ToolStatus.KEEP, ToolStatus.MERGE, ToolStatus.CLOSE})
GONE_STATUSES = frozenset({ToolStatus.MERGED, ToolStatus.CLOSED})


class AskKind(models.TextChoices):
    """What a tool asks a worker to do: the Standard Cost Model's units (minutes in AskUnitTime)."""

    READ = "read", _("阅读消息或通知")
    ACKNOWLEDGE = "acknowledge", _("回复“收到”或接龙")
    REPORT = "report", _("填报表单或数据")
    DAILY_REPORT = "daily_report", _("提交工作日报")
    PHOTO = "photo", _("拍照、截图或录视频上传")
    CHECK_IN = "check_in", _("打卡签到")
    STUDY = "study", _("学习、答题或刷积分")
    SHARE = "share", _("转发、点赞或推广")
    LOGIN = "login", _("登录、保持在线")
    SURVEY = "survey", _("问卷或调查")
    TASK = "task", _("办理派发的事项")


class AskPer(models.TextChoices):
    DAY = "day", _("每天")
    WEEK = "week", _("每周")
    MONTH = "month", _("每月")


# Working days per period, to turn an ask into minutes per working day.
PER_DAYS = {AskPer.DAY: Decimal(1), AskPer.WEEK: Decimal(5), AskPer.MONTH: Decimal("21.75")}

# Defaults shipped with jianfu (AskUnitTime rows override them): minutes a normally efficient
# worker needs per ask, and the basis of the estimate.
DEFAULT_ASK_MINUTES: dict[str, tuple[Decimal, str]] = {
    AskKind.READ: (Decimal("0.5"), "一条消息约 30 秒"),
    AskKind.ACKNOWLEDGE: (Decimal("0.5"), "回复或接龙一次约 30 秒"),
    AskKind.REPORT: (Decimal(15), "一份表单：查找、核对、录入约 15 分钟"),
    AskKind.DAILY_REPORT: (Decimal(15), "写一份工作日报约 15 分钟"),
    AskKind.PHOTO: (Decimal(3), "拍照/截图、整理并上传一次约 3 分钟"),
    AskKind.CHECK_IN: (Decimal(2), "打开应用、定位、打卡一次约 2 分钟"),
    AskKind.STUDY: (Decimal(30), "一次学习或答题约 30 分钟"),
    AskKind.SHARE: (Decimal(1), "转发或点赞一次约 1 分钟"),
    AskKind.LOGIN: (Decimal(5), "登录并浏览一次约 5 分钟"),
    AskKind.SURVEY: (Decimal(10), "一份问卷约 10 分钟"),
    AskKind.TASK: (Decimal(20), "办理一件派发事项约 20 分钟"),
}


class ViolationStatus(models.TextChoices):
    OPEN = "open", _("待答复")
    ANSWERED = "answered", _("已答复")
    RESOLVED = "resolved", _("已纠正")


class AnswerKind(models.TextChoices):
    JUSTIFY = "justify", _("说明理由并保留")
    MERGE = "merge", _("合并")
    CLOSE = "close", _("关闭")


class PlanAction(models.TextChoices):
    MERGE = "merge", _("合并")
    CLOSE = "close", _("关闭")


class PlanProgress(models.TextChoices):
    PLANNED = "planned", _("已列入计划")
    IN_PROGRESS = "in_progress", _("推进中")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已撤回")
