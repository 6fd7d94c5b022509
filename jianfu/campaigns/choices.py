from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    CREATION = "creation", _("创建")
    DEMONSTRATION = "demonstration", _("示范")
    COMPLIANCE = "compliance", _("达标")
    APPRAISAL = "appraisal", _("评比")


class CampaignStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("不予批准")
    ENDED = "ended", _("已结束")


CAMPAIGN_TRANSITIONS: dict[str, frozenset[str]] = {
    CampaignStatus.PENDING: frozenset({CampaignStatus.APPROVED, CampaignStatus.REFUSED}),
    CampaignStatus.APPROVED: frozenset({CampaignStatus.ENDED}),
    CampaignStatus.REFUSED: frozenset(),
    CampaignStatus.ENDED: frozenset(),
}


class SignboardStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    REFUSED = "refused", _("不予批准")
    HUNG = "hung", _("挂牌中")
    REMOVAL_ORDERED = "removal_ordered", _("待摘除")
    REMOVED = "removed", _("已摘除")


SIGNBOARD_TRANSITIONS: dict[str, frozenset[str]] = {
    SignboardStatus.PENDING: frozenset({SignboardStatus.HUNG, SignboardStatus.REFUSED}),
    SignboardStatus.HUNG: frozenset({SignboardStatus.REMOVAL_ORDERED, SignboardStatus.REMOVED}),
    SignboardStatus.REMOVAL_ORDERED: frozenset({SignboardStatus.REMOVED}),
    SignboardStatus.REFUSED: frozenset(),
    SignboardStatus.REMOVED: frozenset(),
}


class SecondmentStatus(models.TextChoices):
    ACTIVE = "active", _("借调中")
    ENDED = "ended", _("已归还")
