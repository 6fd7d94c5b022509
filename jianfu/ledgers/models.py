"""Ledger imports (台账导入): one uploaded file, its confirmed mapping and its per-row outcome."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.scoping import CommunityScoped
from jianfu.ledgers.choices import ImportStatus


class LedgerImport(CommunityScoped):
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="ledger_imports")
    source = models.ForeignKey("registry.Source", on_delete=models.PROTECT, related_name="imports")
    file_name = models.CharField(_("文件名"), max_length=255)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    sheet = models.CharField(_("工作表"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("台账导入")
        verbose_name_plural = _("台账导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
