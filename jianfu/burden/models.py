"""The burden ledger: every demand on a community, with estimated hours imposed and saved.

`MonthlyBurden` is a rollup of the ledger by community × department × month, rewritten on every
ledger write (see services._rollup_refresh), so the dashboard never scans the raw entries.
"""

from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action, communities_for
from jianfu.burden.choices import AlertStatus, AlertSubject, EntryKind
from jianfu.core.scoping import CommunityScoped, ScopedManager


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
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.minutes_per_unit} min/{self.unit_label}"


def ledger_scope_q(user: Any, action: Action) -> Q:
    """Community scope; a department user sees only what its own department imposed."""
    q = Q(community__in=communities_for(user, action).values("pk"))
    if getattr(user, "is_authenticated", False) and not user.is_superuser and user.role == Role.DEPARTMENT:
        q &= Q(department_id=user.department_id)
    return q


class BurdenEntry(CommunityScoped):
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="burden_entries")
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="burden_entries"
    )
    kind = models.CharField(_("类型"), max_length=32, choices=EntryKind.choices)
    title = models.CharField(_("事项"), max_length=300)
    occurred_on = models.DateField(_("日期"), db_index=True)
    month = models.DateField(_("月份"), help_text=_("所在月份的第一天"))
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
    corrected_at = models.DateTimeField(_("修正时间"), null=True, blank=True)
    correction_reason = models.CharField(_("修正理由"), max_length=500, blank=True)
    outside_lists = models.BooleanField(_("清单外事项"), default=False)
    withdrawn_at = models.DateTimeField(
        _("任务撤销时间"),
        null=True,
        blank=True,
        help_text=_("任务撤销后，其估算计为避免的负担，不计入强加耗时"),
    )
    source_ref = models.CharField(_("来源记录"), max_length=100, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("负担台账条目")
        verbose_name_plural = _("负担台账")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["community", "occurred_on"]),
            models.Index(fields=["department", "occurred_on"]),
            models.Index(fields=["community", "month", "department"], name="burden_entry_cmd_idx"),
            models.Index(fields=["department", "month"], name="burden_entry_dept_month_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    scope_q = classmethod(lambda cls, user, action: ledger_scope_q(user, action))

    @property
    def effective_hours(self) -> Decimal:
        return self.corrected_hours if self.corrected_hours is not None else self.hours

    @property
    def imposed(self) -> bool:
        return (
            self.kind not in (EntryKind.TASK_REFUSED,)
            and self.withdrawn_at is None
            and self.effective_hours > 0
        )

    @property
    def avoided(self) -> bool:
        """Refused or withdrawn: documented (who asked, when), counted as burden avoided."""
        return self.kind == EntryKind.TASK_REFUSED or self.withdrawn_at is not None


class BurdenFigures(models.Model):
    """The summed figures every rollup level carries."""

    entries = models.PositiveIntegerField(default=0)
    imposed_hours = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    saved_hours = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    outside_hours = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    outside_entries = models.PositiveIntegerField(default=0)
    refusals = models.PositiveIntegerField(default=0)
    refused_hours = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))

    FIGURES: ClassVar[tuple[str, ...]] = (
        "entries",
        "imposed_hours",
        "saved_hours",
        "outside_hours",
        "outside_entries",
        "refusals",
        "refused_hours",
    )

    class Meta:
        abstract = True


class MonthlyBurden(CommunityScoped, BurdenFigures):
    """Rollup of the ledger per community × department × month (kept exact on every write)."""

    community = models.ForeignKey("orgs.Community", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    month = models.DateField()

    scope_q = classmethod(lambda cls, user, action: ledger_scope_q(user, action))

    class Meta:
        verbose_name = _("月度负担汇总")
        verbose_name_plural = _("月度负担汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "department", "month"],
                condition=Q(department__isnull=False),
                name="burden_monthly_unique_dept",
            ),
            models.UniqueConstraint(
                fields=["community", "month"],
                condition=Q(department__isnull=True),
                name="burden_monthly_unique_nodept",
            ),
        ]
        indexes = [
            models.Index(fields=["month", "community"], name="burden_monthly_month_idx"),
            models.Index(fields=["department", "month"], name="burden_monthly_dept_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.community_id}/{self.department_id}/{self.month:%Y-%m}"


class CommunityMonth(CommunityScoped, BurdenFigures):
    """Rollup per community × month (all departments): the dashboard's month, community and street figures."""

    community = models.ForeignKey("orgs.Community", on_delete=models.CASCADE, related_name="+")
    street = models.ForeignKey("orgs.Street", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()

    class Meta:
        verbose_name = _("社区月度负担")
        verbose_name_plural = _("社区月度负担")
        constraints = [
            models.UniqueConstraint(fields=["community", "month"], name="burden_community_month_unique")
        ]
        indexes = [models.Index(fields=["month", "community"], name="burden_cm_month_idx")]

    def __str__(self) -> str:
        return f"{self.community_id}/{self.month:%Y-%m}"


class DepartmentMonth(BurdenFigures):
    """Rollup per department × street × month: department figures for whole streets or a district.

    Only read for users whose scope is made of whole streets (the 减负办, administrators)."""

    department = models.ForeignKey("orgs.Department", on_delete=models.CASCADE, related_name="+")
    street = models.ForeignKey("orgs.Street", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()

    class Meta:
        verbose_name = _("部门月度负担")
        verbose_name_plural = _("部门月度负担")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "street", "month"], name="burden_department_month_unique"
            )
        ]
        indexes = [models.Index(fields=["month", "street"], name="burden_dm_month_idx")]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.street_id}/{self.month:%Y-%m}"


class ReboundSettings(models.Model):
    """A district's rebound rule: alert above (moving average of the previous N months) × (1 + rise%)."""

    district = models.OneToOneField(
        "orgs.District", on_delete=models.CASCADE, related_name="rebound_settings"
    )
    window_months = models.PositiveSmallIntegerField(_("基线月数"), default=3)
    rise_percent = models.DecimalField(
        _("允许增幅（%）"), max_digits=6, decimal_places=2, default=Decimal(20)
    )
    min_hours = models.DecimalField(
        _("最低提醒工时"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(8),
        help_text=_("当月耗时低于此值时不提醒，避免小数值波动造成误报"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("反弹提醒设置")
        verbose_name_plural = _("反弹提醒设置")

    def __str__(self) -> str:
        return f"{self.district}: {self.window_months}m +{self.rise_percent}%"


class ReboundAlert(models.Model):
    """A community's or a department's monthly imposed hours rose above its baseline."""

    district = models.ForeignKey("orgs.District", on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("对象类型"), max_length=16, choices=AlertSubject.choices)
    community = models.ForeignKey(
        "orgs.Community", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    month = models.DateField(_("月份"))
    hours = models.DecimalField(_("当月耗时"), max_digits=14, decimal_places=2)
    baseline = models.DecimalField(_("基线"), max_digits=14, decimal_places=2)
    threshold = models.DecimalField(_("提醒阈值"), max_digits=14, decimal_places=2)
    status = models.CharField(_("状态"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("知悉时间"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("负担反弹提醒")
        verbose_name_plural = _("负担反弹提醒")
        ordering = ["-month", "-hours", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "month"],
                condition=Q(subject="community"),
                name="burden_alert_unique_community",
            ),
            models.UniqueConstraint(
                fields=["department", "month"],
                condition=Q(subject="department"),
                name="burden_alert_unique_department",
            ),
        ]
        indexes = [models.Index(fields=["district", "status", "month"], name="burden_alert_status_idx")]

    def __str__(self) -> str:
        return f"{self.subject_name} {self.month:%Y-%m}"

    @property
    def subject_name(self) -> str:
        return str(self.community if self.subject == AlertSubject.COMMUNITY else self.department)

    @property
    def month_to_date(self) -> bool:
        """The current month: its figures cover the days so far, not a whole month."""
        from django.utils import timezone

        today = timezone.localdate()
        return self.month == today.replace(day=1)

    @property
    def rise_percent(self) -> Decimal | None:
        if not self.baseline:
            return None
        return ((self.hours - self.baseline) / self.baseline * 100).quantize(Decimal("1"))

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        """The 减负办 (and the district administrator) see the alerts of their street or district."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return Q(pk__in=[])
        if user.is_superuser:
            return Q()
        if user.role in (Role.DISTRICT_OFFICE, Role.DISTRICT_ADMIN) and user.district_id:
            return Q(district_id=user.district_id)
        if user.role == Role.STREET_OFFICE and user.street_id:
            return Q(subject=AlertSubject.COMMUNITY, community__street_id=user.street_id) | Q(
                Q(department__street_id=user.street_id)
                | Q(department__street__isnull=True, department__district_id=user.district_id),
                subject=AlertSubject.DEPARTMENT,
            )
        return Q(pk__in=[])
