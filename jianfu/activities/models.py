"""Community activities: one record from which the application, the residents' notice (with a QR
code to the phone sign-up page), the sign-up list, attendance and the summary are generated.

No tracking: sign-ups keep a name and a phone the resident typed; attendance is one tick by the
organiser; nothing about workers is recorded beyond who created the record.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.activities.choices import ActivityStatus
from jianfu.core.scoping import CommunityScoped


def new_token() -> str:
    return secrets.token_urlsafe(12)


class Activity(CommunityScoped):
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("活动名称"), max_length=120)
    starts_on = models.DateField(_("活动日期"), db_index=True)
    start_time = models.TimeField(_("开始时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200)
    organiser = models.CharField(_("主办/承办"), max_length=200)
    budget = models.DecimalField(_("预算（元）"), max_digits=10, decimal_places=2, default=Decimal(0))
    audience = models.CharField(_("参与对象（居民库筛选条件）"), max_length=500, blank=True)
    audience_label = models.CharField(_("参与对象说明"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("名额"))
    description = models.TextField(_("活动内容"), blank=True)
    outcome = models.TextField(_("活动成效（举办后填写）"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT
    )
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("社区活动")
        verbose_name_plural = _("社区活动")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["community", "starts_on"])]

    def __str__(self) -> str:
        return self.title


class Signup(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=20)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("出席"), default=False)

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "phone"], name="activity_signup_once")]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.name}"


class ActivityTransition(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=ActivityStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ActivityStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.from_status} → {self.to_status}"
