"""Certificates a community issues, their templates and serial counters, verifications, and the
improper demands residents bring to the desk (evidence for the 减负办)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.scope import Action
from jianfu.certificates.choices import CertificateStatus, Decision, VerificationResult
from jianfu.core.scoping import CommunityScoped, ScopedManager


class CertificateTemplate(CommunityScoped):
    """The community's wording for one kind of certificate (a may-issue catalog item).

    Without a row the shipped default (`jianfu.certificates.templates_default`) is used.
    """

    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(_("证明事项编号"), max_length=16)
    title = models.CharField(_("证明标题"), max_length=100)
    body = models.TextField(_("正文模板"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("证明模板")
        verbose_name_plural = _("证明模板")
        constraints = [
            models.UniqueConstraint(fields=["community", "item_code"], name="certtemplate_unique_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_code} {self.title}"


class CommunitySeal(CommunityScoped):
    """The community's seal image (PNG) printed on its certificates; uploaded by the head."""

    community = models.OneToOneField("orgs.Community", on_delete=models.PROTECT, related_name="+")
    png = models.BinaryField(_("印章图片"))
    uploaded_at = models.DateTimeField(auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("社区印章")
        verbose_name_plural = _("社区印章")


class SerialCounter(models.Model):
    """The last serial number used by a community in a year; locked while issuing."""

    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "year"], name="serialcounter_unique")]

    def __str__(self) -> str:
        return f"{self.community_id}/{self.year}: {self.last}"


class Certificate(CommunityScoped):
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="certificates")
    item_code = models.CharField(_("证明事项编号"), max_length=16)
    item_name = models.CharField(_("证明事项"), max_length=300)
    title = models.CharField(_("证明标题"), max_length=100)
    year = models.PositiveIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("序号"))
    serial = models.CharField(_("证明编号"), max_length=40)
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="certificates"
    )
    holder_name = models.CharField(_("持证人"), max_length=50)
    holder_id_masked = models.CharField(_("身份证号（遮蔽）"), max_length=24, blank=True)
    purpose = models.CharField(_("用途"), max_length=200, blank=True)
    body = models.TextField(_("正文"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("状态"), max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.ISSUED
    )
    issued_at = models.DateTimeField(_("出具时间"), db_index=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField(_("撤销原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("证明")
        verbose_name_plural = _("证明台账")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["community", "year", "number"], name="certificate_unique_serial")
        ]
        indexes = [models.Index(fields=["community", "issued_at"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.title}"

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.certificates.permissions import certificate_scope_q

        return certificate_scope_q(user, action)


class VerificationLog(models.Model):
    """Every look-up of a verification link, valid or not. Only a hash of the presented token is kept."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, null=True, blank=True, related_name="verifications"
    )
    token_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    result = models.CharField(_("结果"), max_length=16, choices=VerificationResult.choices)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("核验记录")
        verbose_name_plural = _("核验记录")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.result}"

    @classmethod
    def scope_q(cls, user, action: Action) -> Q:
        from jianfu.certificates.permissions import certificate_scope_q

        return certificate_scope_q(user, action, prefix="certificate__")


class CertificateDemand(CommunityScoped):
    """A resident asked for a certificate the community must not (or need not) issue, and — when
    the resident says so — which institution demanded it."""

    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("居民的请求"), max_length=300)
    item_code = models.CharField(_("证明事项编号"), max_length=16, blank=True)
    item_name = models.CharField(_("证明事项"), max_length=300, blank=True)
    decision = models.CharField(_("答复"), max_length=16, choices=Decision.choices)
    institution = models.CharField(_("要求开具的单位"), max_length=150, blank=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The burden-ledger entry it produced carries source_ref = f"certificates.demand:{pk}".

    class Meta:
        verbose_name = _("证明需求登记")
        verbose_name_plural = _("证明需求登记")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["community", "at"])]

    def __str__(self) -> str:
        return f"{self.item_name or self.text} ← {self.institution}"
