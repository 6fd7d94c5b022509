"""One-form filling (一表通): every filled department template is a `FillRecord`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.core.scoping import CommunityScoped
from jianfu.fills.choices import FillStatus


class FillRecord(CommunityScoped):
    """A fill; visible to its community and to the department it is delivered to (`scope_q`)."""

    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="fills")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fills",
        verbose_name=_("申请人"),
    )
    department = models.ForeignKey(
        "orgs.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fills",
        verbose_name=_("部门"),
    )
    template_name = models.CharField(_("模板名称"), max_length=200)
    template_file = models.FileField(_("模板文件"), upload_to="fills/templates/%Y/%m/", blank=True)
    output_file = models.FileField(_("填好的文件"), upload_to="fills/", blank=True)
    analysis = models.JSONField(_("表头分析"), default=dict, blank=True)
    mapped_fields = models.JSONField(
        _("已映射字段"), default=list, blank=True, help_text=_("每列：表头与对应的属性代码")
    )
    where = models.CharField(_("筛选条件"), max_length=1000, blank=True)
    header_row = models.PositiveIntegerField(_("表头行"), default=0)
    rows_written = models.PositiveIntegerField(_("写入行数"), default=0)
    unmapped = models.JSONField(_("未能填写的列"), default=list, blank=True)
    blanks = models.JSONField(
        _("缺少数据的单元格"), default=dict, blank=True, help_text=_("属性代码 → 空白单元格数")
    )
    left_out = models.PositiveIntegerField(
        _("按规定未列入的居民"),
        default=0,
        help_text=_("符合筛选条件、但带有综治敏感标签而填表人没有查看依据的居民人数（只记人数）。"),
    )
    status = models.CharField(_("状态"), max_length=16, choices=FillStatus.choices, default=FillStatus.DRAFT)
    progress = models.PositiveIntegerField(_("已写入"), default=0)
    total = models.PositiveIntegerField(_("总行数"), default=0)
    error = models.TextField(_("错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # written every few seconds by the running fill (jianfu.core.heartbeat): a stale one means its worker died
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("填表记录")
        verbose_name_plural = _("填表记录")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "-created_at"])]

    def __str__(self) -> str:
        return self.template_name

    @classmethod
    def scope_q(cls, user, action):
        from jianfu.fills.permissions import fill_visible_q

        return fill_visible_q(user, action)

    @property
    def percent(self) -> int:
        return int(self.progress * 100 / self.total) if self.total else 0

    @property
    def is_running(self) -> bool:
        return self.status in (FillStatus.QUEUED, FillStatus.RUNNING)
