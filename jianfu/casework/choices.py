from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CONSULT = "consult", _("咨询")
    HELP = "help", _("求助")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")
    SUGGESTION = "suggestion", _("建议")
    PRAISE = "praise", _("表扬")


class Channel(models.TextChoices):
    RESIDENT = "resident", _("居民自报")
    GRID = "grid", _("网格巡查")
    DESK = "desk", _("窗口受理")
    HOTLINE = "hotline", _("12345热线")
    API = "api", _("系统推送")
    OPEN311 = "open311", _("Open311客户端")


class Status(models.TextChoices):
    ACCEPTED = "accepted", _("受理")
    DISPATCHED = "dispatched", _("派单")
    HANDLING = "handling", _("办理")
    REPLIED = "replied", _("回复")
    SUPERVISED = "supervised", _("督办")
    CLOSED = "closed", _("办结")
    VISITED = "visited", _("回访")
    RATED = "rated", _("评价")
    MERGED = "merged", _("已合并")


OPEN_STATUSES = (
    Status.ACCEPTED,
    Status.DISPATCHED,
    Status.HANDLING,
    Status.REPLIED,
    Status.SUPERVISED,
)
DONE_STATUSES = (Status.CLOSED, Status.VISITED, Status.RATED)

# The lifecycle: which status may follow which. Everything else is refused by the services.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.ACCEPTED: frozenset({Status.DISPATCHED, Status.MERGED}),
    Status.DISPATCHED: frozenset(
        {Status.HANDLING, Status.REPLIED, Status.SUPERVISED, Status.DISPATCHED, Status.MERGED}
    ),
    Status.HANDLING: frozenset({Status.REPLIED, Status.SUPERVISED, Status.DISPATCHED, Status.MERGED}),
    Status.REPLIED: frozenset({Status.CLOSED, Status.HANDLING, Status.SUPERVISED}),
    Status.SUPERVISED: frozenset({Status.HANDLING, Status.REPLIED, Status.DISPATCHED}),
    Status.CLOSED: frozenset({Status.VISITED, Status.RATED, Status.HANDLING}),
    Status.VISITED: frozenset({Status.RATED, Status.HANDLING}),
    Status.RATED: frozenset({Status.HANDLING}),
    Status.MERGED: frozenset(),
}


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("紧急（2小时）")
    UTILITY = "utility", _("水电气热（24小时）")
    GENERAL = "general", _("一般（7个工作日）")
    COMPLEX = "complex", _("复杂（15个工作日）")


class Duty(models.TextChoices):
    COMMUNITY = "community", _("社区职责")
    DEPARTMENT = "department", _("部门职责")
    UNCLEAR = "unclear", _("职责不清")


class Escalation(models.TextChoices):
    NONE = "none", _("未升级")
    STREET = "street", _("街道督办")
    DISTRICT = "district", _("区级督办")


class Verification(models.TextChoices):
    REPORTER = "reporter", _("诉求人确认")
    GRID = "grid", _("网格员现场核实")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class WhistleStatus(models.TextChoices):
    WHISTLED = "whistled", _("已吹哨")
    SIGNED = "signed", _("已签收")
    CONTACTED = "contacted", _("已联系")
    ON_SITE = "on_site", _("已报到")
    DONE = "done", _("已办结")
    RETURNED = "returned", _("已退回")


class Datatype(models.TextChoices):
    """Open311 attribute datatypes; a category's own fields use the same ones."""

    STRING = "string", _("短文本")
    NUMBER = "number", _("数字")
    DATETIME = "datetime", _("日期时间")
    TEXT = "text", _("长文本")
    SINGLE = "singlevaluelist", _("单选")
    MULTI = "multivaluelist", _("多选")
