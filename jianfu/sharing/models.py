"""Data sharing (数据共享): what the registry gives a department, under which agreement.

A department's data request (a gate task the registry can answer) is served only inside a standing
`DataAgreement` the 减负办 approved: the population filter, the fields, which fields may be given
in full (with their legal basis), and an expiry. The first request of a kind waits for the office;
later requests inside the agreement are released at once. Every release is a file that expires;
every download is audited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.scope import Action
from jianfu.core.scoping import ScopedManager
from jianfu.sharing.choices import AgreementStatus, PopulationSource, RequestStatus


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def department_scope_q(user: Any, prefix: str = "") -> Q:
    """A department sees its own; the 减负办 and the district administrator the departments of their
    area (district office and administrator: the district; street office: the street's departments)."""
    if not _active(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.is_department:
        return Q(**{f"{prefix}department_id": user.department_id}) if user.department_id else Q(pk__in=[])
    if user.role in ("district_office", "district_admin") and user.district_id:
        return Q(**{f"{prefix}department__district_id": user.district_id})
    if user.role == "street_office" and user.street_id:
        return Q(**{f"{prefix}department__street_id": user.street_id})
    return Q(pk__in=[])


class DataAgreement(models.Model):
    department = models.ForeignKey(
        "orgs.Department",
        on_delete=models.PROTECT,
        related_name="data_agreements",
        verbose_name=_("职能部门"),
    )
    purpose = models.CharField(_("用途"), max_length=300)
    population = models.CharField(_("人群条件"), max_length=500)
    communities = models.ManyToManyField("orgs.Community", related_name="+", verbose_name=_("社区"))
    fields = models.JSONField(_("数据项"), default=list)
    full_fields = models.JSONField(_("提供完整值的数据项"), default=list, blank=True)
    legal_basis = models.CharField(_("法律依据"), max_length=1000, blank=True)
    expires_on = models.DateField(_("有效期至"))
    status = models.CharField(
        _("状态"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("核准时间"), default=timezone.now)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoke_reason = models.TextField(_("撤销理由"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("数据共享协议")
        verbose_name_plural = _("数据共享协议")
        ordering = ["-approved_at", "-id"]
        indexes = [models.Index(fields=["department", "status", "expires_on"])]

    def __str__(self) -> str:
        return f"{self.department} · {self.purpose}"

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        return department_scope_q(user)

    def in_force(self, on: Any = None) -> bool:
        on = on or timezone.localdate()
        return self.status == AgreementStatus.ACTIVE and self.expires_on >= on


class DataRequest(models.Model):
    task = models.OneToOneField(
        "gate.Task", on_delete=models.CASCADE, related_name="data_request", verbose_name=_("任务")
    )
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, related_name="data_requests", verbose_name=_("职能部门")
    )
    population = models.CharField(_("人群条件"), max_length=500, blank=True)
    population_source = models.CharField(
        _("人群条件来源"), max_length=16, choices=PopulationSource.choices, default=PopulationSource.STATED
    )
    communities = models.ManyToManyField("orgs.Community", related_name="+", verbose_name=_("社区"))
    fields = models.JSONField(_("数据项"), default=list)
    full_fields = models.JSONField(_("要求完整值的数据项"), default=list, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING, db_index=True
    )
    agreement = models.ForeignKey(
        DataAgreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("数据共享协议"),
    )
    pending_reason = models.TextField(_("待核准原因"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("核准时间"), null=True, blank=True)
    decision_reason = models.TextField(_("核准意见"), blank=True)
    released_at = models.DateTimeField(_("提供时间"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("行数"), default=0)
    file = models.FileField(_("数据文件"), upload_to="sharing/", blank=True)
    file_expires_at = models.DateTimeField(_("文件失效时间"), null=True, blank=True)
    file_purged_at = models.DateTimeField(_("文件删除时间"), null=True, blank=True)
    downloads = models.PositiveIntegerField(_("下载次数"), default=0)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("数据需求")
        verbose_name_plural = _("数据需求")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        return self.task.title if self.task_id else str(self.pk)

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        return department_scope_q(user)

    def file_available(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return bool(
            self.status == RequestStatus.RELEASED
            and self.file
            and self.file_purged_at is None
            and self.file_expires_at is not None
            and self.file_expires_at > now
            and (self.agreement is None or self.agreement.status == AgreementStatus.ACTIVE)
        )
