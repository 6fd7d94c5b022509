"""Creation, demonstration and compliance campaigns, signboards, and staff borrowed from below.

The 2024 rules (facts §8, parts 4 and 7): campaigns (创建示范、达标、评比) and signboards are controlled,
approved and counted; borrowing staff from county level and below is forbidden. `CampaignCaps` holds
the district's caps per community per year.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.scope import Action
from jianfu.campaigns.choices import CampaignKind, CampaignStatus, SecondmentStatus, SignboardStatus
from jianfu.core.scoping import CommunityScoped, ScopedManager


class CampaignCaps(models.Model):
    district = models.OneToOneField("orgs.District", on_delete=models.CASCADE, related_name="+")
    campaigns_per_community = models.PositiveIntegerField(_("每个社区每年创建评比上限"), default=2)
    signboards_per_community = models.PositiveIntegerField(_("每个社区每年新增挂牌上限"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("创建挂牌上限")
        verbose_name_plural = _("创建挂牌上限")

    def __str__(self) -> str:
        return str(self.district)


class Campaign(models.Model):
    department = models.ForeignKey("orgs.Department", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16, choices=CampaignKind.choices)
    description = models.TextField(_("内容"), blank=True)
    year = models.PositiveIntegerField(_("年度"), db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=CampaignStatus.choices, db_index=True)
    reasons = models.JSONField(_("理由"), default=list, blank=True)
    asks = models.JSONField(_("对社区的要求"), default=list, blank=True)
    hours = models.DecimalField(_("估算负担（小时）"), max_digits=10, decimal_places=2, default=0)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("创建示范评比")
        verbose_name_plural = _("创建示范评比")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.campaigns.permissions import campaign_scope_q

        return campaign_scope_q(user, action)


class CampaignTarget(CommunityScoped):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "community"], name="campaigns_target_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} → {self.community_id}"


class Signboard(CommunityScoped):
    """One signboard on one community's door: registered by a department or inventoried by the community."""

    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("牌子名称"), max_length=200)
    year = models.PositiveIntegerField(_("年度"), db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=SignboardStatus.choices, db_index=True)
    approved = models.BooleanField(_("经减负办批准"), default=False)
    reasons = models.JSONField(_("理由"), default=list, blank=True)
    hung_on = models.DateField(_("挂牌日期"), null=True, blank=True)
    removed_on = models.DateField(_("摘牌日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("挂牌")
        verbose_name_plural = _("挂牌")
        ordering = ["community__code", "-created_at"]

    def __str__(self) -> str:
        return self.name


class Secondment(models.Model):
    """Staff borrowed from a community or a street (借调) — forbidden by the 2024 rules, part 4: always flagged."""

    community = models.ForeignKey(
        "orgs.Community", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    street = models.ForeignKey("orgs.Street", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("借调单位")
    )
    staff_name = models.CharField(_("被借调人员"), max_length=50)
    post = models.CharField(_("原岗位"), max_length=100, blank=True)
    work = models.CharField(_("借调从事的工作"), max_length=300, blank=True)
    started_on = models.DateField(_("借调开始"))
    ended_on = models.DateField(_("归还日期"), null=True, blank=True)
    year = models.PositiveIntegerField(_("年度"), db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=SecondmentStatus.choices, db_index=True)
    hours = models.DecimalField(_("估算负担（小时）"), max_digits=10, decimal_places=2, default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("借调基层人员")
        verbose_name_plural = _("借调基层人员")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.department} ← {self.community or self.street}"

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.campaigns.permissions import secondment_scope_q

        return secondment_scope_q(user, action)


class Transition(models.Model):
    """Every status change of a campaign, signboard or secondment."""

    object_type = models.CharField(max_length=16)
    object_id = models.PositiveIntegerField()
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_label = models.CharField(max_length=160, blank=True)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} {self.from_status} → {self.to_status}"
