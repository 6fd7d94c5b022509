from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    MEETING = "meeting", _("会议")
    DOCUMENT = "document", _("文件")


class NoticeStatus(models.TextChoices):
    ADMITTED = "admitted", _("准入")
    REFUSED = "refused", _("不予准入")
    WITHDRAWN = "withdrawn", _("已撤回")


# admitted → withdrawn (the organiser cancels); a refused notice stays refused (submit a new one).
TRANSITIONS: dict[str, frozenset[str]] = {
    NoticeStatus.ADMITTED: frozenset({NoticeStatus.WITHDRAWN}),
    NoticeStatus.REFUSED: frozenset(),
    NoticeStatus.WITHDRAWN: frozenset(),
}


class MeetingMode(models.TextChoices):
    ONLINE = "online", _("线上（视频）")
    IN_PERSON = "in_person", _("线下")


class DocumentScope(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("综合性文件")
    SPECIAL = "special", _("专项工作文件")


class Rule(models.TextChoices):
    """The rule each finding cites (整治形式主义为基层减负若干规定, 2024, parts 1 and 2; facts §8)."""

    MEETING_NO_APPROVAL = "meeting_no_approval", _("未经批准直接开到基层")
    MEETING_ACCOMPANY = "meeting_accompany", _("社区负责人陪会")
    MEETING_TOO_LONG = "meeting_too_long", _("会议超时")
    MEETING_IN_PERSON = "meeting_in_person", _("可线上未线上")
    DOCUMENT_TOO_LONG = "document_too_long", _("文件超长")
    DOCUMENT_REPORT_BACK = "document_report_back", _("要求报送落实情况")
    DOCUMENT_MATCHING = "document_matching", _("要求制定配套文件")
    DOCUMENT_FORM_NOT_IN_CATALOG = "document_form_not_in_catalog", _("附件表格不在报表目录")
    DOCUMENT_COUNT_GROWTH = "document_count_growth", _("发文数量增长")


# Findings that stop a notice at the intake; the others are warnings shown with it.
REFUSING_RULES = frozenset(
    {
        Rule.MEETING_NO_APPROVAL,
        Rule.MEETING_ACCOMPANY,
        Rule.MEETING_TOO_LONG,
        Rule.DOCUMENT_TOO_LONG,
        Rule.DOCUMENT_REPORT_BACK,
        Rule.DOCUMENT_MATCHING,
        Rule.DOCUMENT_FORM_NOT_IN_CATALOG,
    }
)


class AlertStatus(models.TextChoices):
    OPEN = "open", _("待说明")
    EXPLAINED = "explained", _("已说明，待减负办审核")
    ACCEPTED = "accepted", _("说明已采纳")
    REJECTED = "rejected", _("说明未采纳，待重新说明")


# The department explains (open or rejected → explained); the 减负办 accepts or rejects it. A count that
# grows again after the explanation reopens the alert (the explanation covered fewer documents).
ALERT_TRANSITIONS: dict[str, frozenset[str]] = {
    AlertStatus.OPEN: frozenset({AlertStatus.EXPLAINED}),
    AlertStatus.EXPLAINED: frozenset({AlertStatus.ACCEPTED, AlertStatus.REJECTED, AlertStatus.OPEN}),
    AlertStatus.ACCEPTED: frozenset({AlertStatus.OPEN}),
    AlertStatus.REJECTED: frozenset({AlertStatus.EXPLAINED}),
}
# Waiting for the department's answer: the to-do "unexplained document growth".
UNEXPLAINED = (AlertStatus.OPEN, AlertStatus.REJECTED)
