"""The outbox: one Message (a rendered template) and one Delivery per destination.

A message is "sent" only when every destination was sent or delivered; one failed destination
makes it "partial" (FixMyStreet's bug: a report marked sent although one destination failed).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action, communities_for
from jianfu.core.scoping import ScopedManager
from jianfu.notify.choices import ChannelKind, DeliveryStatus, MessageState


class Template(models.Model):
    """A district's wording of a notification; code defaults live in jianfu.notify.templates."""

    code = models.CharField(_("代码"), max_length=64, unique=True)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("通知模板")
        verbose_name_plural = _("通知模板")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Message(models.Model):
    template = models.CharField(_("模板"), max_length=64)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    emergency = models.BooleanField(_("紧急"), default=False)
    district = models.ForeignKey(
        "orgs.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    community = models.ForeignKey(
        "orgs.Community", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return self.subject

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return Q(pk__in=[])
        if user.is_superuser:
            return Q()
        if user.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN):
            return Q(district_id=user.district_id)
        if user.role == Role.DEPARTMENT:
            return Q(deliveries__user_id=user.pk)
        return Q(community__in=communities_for(user, "view").values("pk"))

    def state_of(self, statuses: list[str]) -> str:
        if not statuses:
            return MessageState.EMPTY
        failed = statuses.count(DeliveryStatus.FAILED)
        done = sum(s in (DeliveryStatus.SENT, DeliveryStatus.DELIVERED) for s in statuses)
        if failed == len(statuses):
            return MessageState.FAILED
        if failed:
            return MessageState.PARTIAL
        if done == len(statuses):
            return MessageState.SENT
        return MessageState.QUEUED

    @property
    def state(self) -> str:
        return self.state_of([d.status for d in self.deliveries.all()])


class Delivery(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=16, choices=ChannelKind.choices)
    destination = models.CharField(_("接收方"), max_length=500)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    staff = models.BooleanField(_("工作人员"), default=False)
    status = models.CharField(
        _("状态"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), db_index=True)
    deferred_reason = models.CharField(_("延后原因"), max_length=200, blank=True)
    last_error = models.CharField(_("错误"), max_length=500, blank=True)
    provider_id = models.CharField(_("服务商编号"), max_length=100, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("投递")
        verbose_name_plural = _("投递")
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.channel} → {self.destination}"
