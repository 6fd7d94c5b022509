from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("筹备中")
    OPEN = "open", _("报名中")
    HELD = "held", _("已举办")
    CANCELLED = "cancelled", _("已取消")


TRANSITIONS: dict[str, frozenset[str]] = {
    ActivityStatus.DRAFT: frozenset({ActivityStatus.OPEN, ActivityStatus.CANCELLED}),
    ActivityStatus.OPEN: frozenset({ActivityStatus.HELD, ActivityStatus.CANCELLED}),
    ActivityStatus.HELD: frozenset(),
    ActivityStatus.CANCELLED: frozenset(),
}


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("活动申请表")
    NOTICE = "notice", _("居民通知")
    SIGNUPS = "signups", _("报名名单")
    SUMMARY = "summary", _("活动总结及新闻稿")
