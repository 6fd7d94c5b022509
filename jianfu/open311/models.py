"""Open311 client systems (API keys issued by the district administrator) and which request
came from which client."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKey(models.Model):
    name = models.CharField(_("客户端名称"), max_length=100)
    district = models.ForeignKey("orgs.District", on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    webhook_url = models.URLField(_("状态推送地址"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 API 密钥")
        verbose_name_plural = _("Open311 API 密钥")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ClientRequest(models.Model):
    """A request submitted by an Open311 client, with the client's own identifiers."""

    request = models.OneToOneField(
        "casework.ServiceRequest", on_delete=models.CASCADE, related_name="open311_link"
    )
    client = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="requests")
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("Open311来源")
        verbose_name_plural = _("Open311来源")

    def __str__(self) -> str:
        return f"{self.client} → {self.request_id}"
