"""The burden ledger: every demand on a community, with estimated hours imposed and saved."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jianfu.burden.choices import EntryKind
from jianfu.core.scoping import CommunityScoped


class UnitTime(models.Model):
    """Standard Cost Model defaults: minutes a normally efficient worker needs per unit of a kind."""

    kind = models.CharField(_("类型"), max_length=32, choices=EntryKind.choices, unique=True)
    minutes_per_unit = models.DecimalField(_("每单位分钟"), max_digits=8, decimal_places=2)
    unit_label = models.CharField(_("单位"), max_length=50)
    basis = models.CharField(_("依据"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("单位耗时")
        verbose_name_plural = _("单位耗时")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.minutes_per_unit} min/{self.unit_label}"


class BurdenEntry(CommunityScoped):
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="burden_entries")
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="burden_entries"
    )
    kind = models.CharField(_("类型"), max_length=32, choices=EntryKind.choices)
    title = models.CharField(_("事项"), max_length=300)
    occurred_on = models.DateField(_("日期"), db_index=True)
    units = models.DecimalField(_("数量"), max_digits=12, decimal_places=2, default=Decimal(1))
    frequency = models.DecimalField(_("频次"), max_digits=8, decimal_places=2, default=Decimal(1))
    people = models.DecimalField(_("人数"), max_digits=6, decimal_places=2, default=Decimal(1))
    minutes_per_unit = models.DecimalField(_("每单位分钟"), max_digits=8, decimal_places=2)
    hours = models.DecimalField(_("估算耗时（小时）"), max_digits=10, decimal_places=2)
    saved_hours = models.DecimalField(
        _("节省耗时（小时）"), max_digits=10, decimal_places=2, default=Decimal(0)
    )
    corrected_hours = models.DecimalField(
        _("修正耗时（小时）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outside_lists = models.BooleanField(_("清单外事项"), default=False)
    source_ref = models.CharField(_("来源记录"), max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("负担台账条目")
        verbose_name_plural = _("负担台账")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["community", "occurred_on"]),
            models.Index(fields=["department", "occurred_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def effective_hours(self) -> Decimal:
        return self.corrected_hours if self.corrected_hours is not None else self.hours
