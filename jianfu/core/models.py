"""The audit log: who did what, when, to which record, and why."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action, communities_for
from jianfu.core.choices import AuditAction
from jianfu.core.permissions import describe_actor
from jianfu.core.scoping import ScopedManager


class AuditEvent(models.Model):
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("操作人"), max_length=150)
    action = models.CharField(_("操作"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("对象类型"), max_length=64)
    object_id = models.CharField(_("对象"), max_length=64, blank=True)
    community = models.ForeignKey(
        "orgs.Community", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.CharField(_("摘要"), max_length=500)
    purpose = models.CharField(_("用途"), max_length=300, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["community", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_action_display()} {self.summary}"

    @property
    def actor_display(self) -> str:
        """The actor in the page language (系统（演示数据）for demo-loaded rows)."""
        return describe_actor(self.actor_label)

    @classmethod
    def scope_q(cls, user, action: Action) -> Q:
        """Community events go to those who may audit the community; district-wide ones to the offices."""
        communities = communities_for(user, "audit")
        q = Q(community__in=communities.values("pk"))
        if (
            getattr(user, "is_authenticated", False)
            and user.is_active
            and (user.is_superuser or user.is_burden_office or user.role == Role.DISTRICT_ADMIN)
        ):
            q |= Q(community__isnull=True)
        return q
