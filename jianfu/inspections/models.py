"""Inspections, checks, assessments and research visits (督查检查考核) that touch communities.

A department files its annual plan (`AnnualPlan`); every visit (`Inspection`) passes the gate in
`jianfu.inspections.gate`; overlapping visits are merged into one joint visit; the materials a
visit asks for are mapped to what jianfu produces (`Material`); the evidence package
(`EvidencePackage`) is generated, never assembled; findings, ratings and inspector access follow.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.scope import Action
from jianfu.burden.choices import AlertStatus
from jianfu.core.scoping import CommunityScoped, ScopedManager
from jianfu.inspections.choices import (
    FindingSeverity,
    InspectionKind,
    InspectionStatus,
    MaterialSource,
    MaterialStatus,
    Reception,
    Route,
    VisitDuration,
)

TITLE_MAX = 200


class InspectionRules(models.Model):
    """The caps and notice period of a district (one row; defaults in `jianfu.inspections.rules`)."""

    district = models.OneToOneField("orgs.District", on_delete=models.CASCADE, related_name="+")
    per_community_per_year = models.PositiveSmallIntegerField(_("每个社区每年最多接受检查（次）"))
    per_department_per_year = models.PositiveSmallIntegerField(_("每个部门每年最多到社区检查（次）"))
    comprehensive_per_department = models.PositiveSmallIntegerField(_("每个部门每年综合性检查（次）"))
    notice_working_days = models.PositiveSmallIntegerField(_("提前通知（工作日）"))
    rebound_ratio = models.DecimalField(_("反弹提醒：较上年同期增幅"), max_digits=4, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("检查考核规则")
        verbose_name_plural = _("检查考核规则")

    def __str__(self) -> str:
        return f"{self.district_id}: {self.per_community_per_year}/{self.per_department_per_year}"


class AnnualPlan(models.Model):
    """A department's filed annual plan of inspections (备案)."""

    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, related_name="inspection_plans"
    )
    year = models.PositiveIntegerField(_("年度"))
    source_name = models.CharField(_("计划文件"), max_length=255, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_at = models.DateTimeField(_("备案时间"), default=timezone.now)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("年度检查计划")
        verbose_name_plural = _("年度检查计划")
        ordering = ["-year", "department__code"]
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="inspection_plan_unique")]

    def __str__(self) -> str:
        return f"{self.year} {self.department}"

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.inspections.permissions import plan_scope_q

        return plan_scope_q(user, action)


class Inspection(models.Model):
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, related_name="inspections", verbose_name=_("牵头部门")
    )
    plan = models.ForeignKey(
        AnnualPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections"
    )
    year = models.PositiveIntegerField(_("年度"), db_index=True)
    plan_ref = models.CharField(_("计划内编号"), max_length=40, blank=True)
    title = models.CharField(_("名称"), max_length=TITLE_MAX)
    kind = models.CharField(_("类型"), max_length=16, choices=InspectionKind.choices)
    comprehensive = models.BooleanField(_("综合性检查"), default=False)
    items = models.JSONField(_("涉及的清单事项"), default=list, blank=True)
    window_start = models.DateField(_("开始日期"))
    window_end = models.DateField(_("结束日期"))
    expected_hours = models.DecimalField(
        _("预计占用社区工作时间（小时/社区）"), max_digits=7, decimal_places=2, default=Decimal(0)
    )
    emergency = models.BooleanField(_("应急事项"), default=False)
    emergency_reason = models.CharField(_("应急事由"), max_length=500, blank=True)
    emergency_reviewed_at = models.DateTimeField(_("事后审查时间"), null=True, blank=True)
    emergency_review = models.TextField(_("事后审查意见"), blank=True)
    unannounced = models.BooleanField(_("不打招呼检查"), default=False)
    legal_basis = models.CharField(_("法律依据"), max_length=500, blank=True)
    announce_by = models.DateField(_("最迟通知日期"), null=True, blank=True)
    announced_at = models.DateTimeField(_("通知时间"), null=True, blank=True)
    reception = models.CharField(
        _("接待安排"), max_length=16, choices=Reception.choices, default=Reception.ZERO
    )
    reception_reason = models.CharField(_("接待理由"), max_length=500, blank=True)

    status = models.CharField(_("状态"), max_length=16, choices=InspectionStatus.choices, db_index=True)
    route = models.CharField(_("审定路径"), max_length=16, choices=Route.choices)
    reasons = models.JSONField(_("理由"), default=list, blank=True)
    flags = models.JSONField(_("提示"), default=list, blank=True)
    joint = models.BooleanField(_("联合检查"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("并入"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    decision_reason = models.TextField(_("审定理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("检查考核")
        verbose_name_plural = _("检查考核")
        ordering = ["window_start", "id"]
        indexes = [models.Index(fields=["department", "year"]), models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def in_plan(self) -> bool:
        return self.plan_id is not None

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.inspections.permissions import inspection_scope_q

        return inspection_scope_q(user, action)


class InspectionTarget(CommunityScoped):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="targets")
    community = models.ForeignKey(
        "orgs.Community", on_delete=models.PROTECT, related_name="inspection_targets"
    )

    class Meta:
        verbose_name = _("被检查社区")
        verbose_name_plural = _("被检查社区")
        ordering = ["community__code"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "community"], name="inspection_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.inspection_id} → {self.community_id}"


class InspectionTransition(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=InspectionStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=InspectionStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.inspection_id}: {self.from_status} → {self.to_status}"


class Material(models.Model):
    """One material a visit asks for, mapped to what jianfu produces, or refused."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("所需材料"), max_length=300)
    source = models.CharField(_("系统来源"), max_length=16, choices=MaterialSource.choices)
    status = models.CharField(_("状态"), max_length=24, choices=MaterialStatus.choices)
    trace_words = models.JSONField(_("留痕用语"), default=list, blank=True)
    justification = models.TextField(_("理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("减负办意见"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("检查材料")
        verbose_name_plural = _("检查材料")
        ordering = ["inspection_id", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Finding(CommunityScoped):
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="findings")
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("检查发现"))
    severity = models.CharField(_("性质"), max_length=16, choices=FindingSeverity.choices)
    rectification = models.TextField(_("整改要求"), blank=True)
    task = models.ForeignKey(
        "gate.Task",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("整改任务"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("检查发现")
        verbose_name_plural = _("检查发现")
        ordering = ["inspection_id", "community__code", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class VisitRating(CommunityScoped):
    """The community rates a visit once: how long it took and how useful it was."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="ratings")
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    duration = models.CharField(_("占用时间"), max_length=16, choices=VisitDuration.choices)
    usefulness = models.PositiveSmallIntegerField(_("有用程度"))
    comment = models.TextField(_("评价"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("社区评价")
        verbose_name_plural = _("社区评价")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "community"], name="inspection_rating_once"),
            models.CheckConstraint(
                condition=Q(usefulness__gte=1, usefulness__lte=5), name="inspection_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection_id} · {self.community_id} · {self.usefulness}"


class InspectorGrant(models.Model):
    """Read-only access of one inspector to one visit: its communities, items and window, until it expires."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspector_grants"
    )
    expires_at = models.DateTimeField(_("到期时间"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("检查人员授权")
        verbose_name_plural = _("检查人员授权")
        constraints = [models.UniqueConstraint(fields=["inspection", "user"], name="inspector_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.inspection_id}"

    @classmethod
    def active(cls) -> "models.QuerySet[InspectorGrant]":
        return cls.objects.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class EvidencePackage(CommunityScoped):
    """One built evidence package: what was built, for what, and its hash (the bytes are rebuilt on demand)."""

    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, null=True, blank=True, related_name="packages"
    )
    period_from = models.DateField(_("起始日期"))
    period_to = models.DateField(_("截止日期"))
    files = models.PositiveIntegerField(_("文件数"))
    bytes = models.PositiveBigIntegerField(_("字节数"))
    sha256 = models.CharField(max_length=64, db_index=True)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    built_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("检查材料包")
        verbose_name_plural = _("检查材料包")
        ordering = ["-built_at", "-id"]

    def __str__(self) -> str:
        return f"{self.community_id} {self.period_from}–{self.period_to} {self.sha256[:12]}"


class EvidenceLink(models.Model):
    """An expiring download link for an inspector; only the token's hash is stored; each use is audited."""

    package = models.ForeignKey(EvidencePackage, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("到期时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("材料包下载链接")
        verbose_name_plural = _("材料包下载链接")

    def __str__(self) -> str:
        return f"{self.package_id} until {self.expires_at:%Y-%m-%d}"


class VisitReboundAlert(CommunityScoped):
    """Visits to a community climbed above the same period last year (the rules' "no frequent visits").

    Raised, updated and cleared by `inspections.services.visit_rebound_evaluate` whenever a visit to
    the community is registered, decided, merged or cancelled (and by `jianfu inspection rebounds
    --evaluate`); the 减负办 acknowledges it with a note."""

    community = models.ForeignKey("orgs.Community", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    visits = models.PositiveIntegerField(_("本年检查次数"))
    last_year_to_date = models.PositiveIntegerField(_("上年同期次数"))
    cap = models.PositiveIntegerField(_("年度上限"))
    status = models.CharField(_("状态"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("知悉时间"), null=True, blank=True)
    acknowledged_visits = models.PositiveIntegerField(_("知悉时的检查次数"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("检查回升提醒")
        verbose_name_plural = _("检查回升提醒")
        ordering = ["-year", "-visits", "community__code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "year"], name="inspection_rebound_unique")
        ]
        indexes = [models.Index(fields=["status", "year"], name="inspection_rebound_status_idx")]

    def __str__(self) -> str:
        return f"{self.community_id} {self.year}"
