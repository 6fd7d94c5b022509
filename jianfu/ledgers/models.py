"""Ledger imports (台账导入): one uploaded file, its confirmed mapping and its per-row outcome."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.core.permissions import describe_actor
from jianfu.core.scoping import CommunityScoped
from jianfu.ledgers.choices import ImportStatus, ReviewStatus

if TYPE_CHECKING:
    from jianfu.sheets.reader import LedgerTable


class LedgerImport(CommunityScoped):
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="ledger_imports")
    source = models.ForeignKey("registry.Source", on_delete=models.PROTECT, related_name="imports")
    file = models.FileField(_("文件"), upload_to="ledgers/%Y/%m/", blank=True)
    file_name = models.CharField(_("文件名"), max_length=255)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    sheet = models.CharField(_("工作表"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    # Proposed columns: [{"index", "letter", "header", "key", "proposed", "how", "score", "remembered"}]
    columns = models.JSONField(_("表头"), default=list, blank=True)
    # Confirmed: normalized header → attribute code | "__new__:<name>" | "__ignore__"
    mapping = models.JSONField(_("确认的映射"), default=dict, blank=True)
    tag = models.ForeignKey(
        "registry.Attribute",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("统一标签"),
        help_text=_("本台账中每一行都具有的标签，例如低保名册 → 低保。"),
    )
    rows_total = models.PositiveIntegerField(_("总行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已处理行数"), default=0)
    summary = models.JSONField(_("结果统计"), default=dict, blank=True)
    results = models.JSONField(_("逐行结果"), default=list, blank=True)
    error = models.TextField(_("错误"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    actor_label = models.CharField(_("操作人"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # written every few seconds by the running job (jianfu.core.heartbeat): a stale one means its worker died
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    # Not stored: ledger_import_create() sets the parsed table on the instance it returns, so a caller
    # that runs the import at once can skip reading the file again.
    table: "LedgerTable"

    class Meta:
        verbose_name = _("台账导入")
        verbose_name_plural = _("台账导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def actor_display(self) -> str:
        """Who started it when no user did, in the page language (系统（演示数据）, not "system: jianfu seed-demo")."""
        return describe_actor(self.actor_label)

    @property
    def percent(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def is_active(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @classmethod
    def scope_q(cls, user: Any, action: Any) -> Q:
        from jianfu.ledgers.permissions import ledger_scope_q

        return ledger_scope_q(user, action)


class ReviewItem(CommunityScoped):
    """A ledger row that might be someone already in the registry: a worker decides."""

    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    ledger_import = models.ForeignKey(LedgerImport, on_delete=models.CASCADE, related_name="review_items")
    row_number = models.PositiveIntegerField(_("Excel 行号"))
    row = models.JSONField(_("导入行"), default=dict)  # {"values": {code: value}, "headers": {code: header}}
    row_hash = models.CharField(max_length=64, db_index=True)
    candidates = models.JSONField(_("候选人"), default=list)  # [{"pid", "probability", "reasons"}]
    status = models.CharField(
        _("状态"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("结果人员"),
    )
    reason = models.CharField(_("说明"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("待核对行")
        verbose_name_plural = _("待核对行")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return f"{self.ledger_import_id}:{self.row_number}"

    @classmethod
    def scope_q(cls, user: Any, action: Any) -> Q:
        from jianfu.ledgers.permissions import ledger_scope_q

        return ledger_scope_q(user, action)
