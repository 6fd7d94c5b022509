"""The digital burden register (指尖上的形式主义): apps, mini-programs, public accounts and work
groups a community's staff must use, who declared them, the rules they break, who answers, and the
consolidation plan. Minutes per day are estimated (jianfu.digital.estimate), never tracked."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.scope import Action
from jianfu.core.scoping import CommunityScoped, ScopedManager
from jianfu.digital.choices import (
    AnswerKind,
    AskKind,
    PlanAction,
    PlanProgress,
    Platform,
    ToolKind,
    ToolStatus,
    ViolationStatus,
)

NAME_MAX = 120
TEXT_MAX = 4000


class DigitalTool(models.Model):
    district = models.ForeignKey("orgs.District", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=ToolKind.choices)
    platform = models.CharField(_("平台"), max_length=20, choices=Platform.choices, default=Platform.OTHER)
    name = models.CharField(_("名称"), max_length=NAME_MAX)
    owner_department = models.ForeignKey(
        "orgs.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="digital_tools",
        verbose_name=_("主管部门"),
    )
    owner_note = models.CharField(_("建群/主办单位（非职能部门时）"), max_length=100, blank=True)
    purpose = models.TextField(_("用途"), blank=True)
    legal_basis = models.CharField(_("设立依据"), max_length=500, blank=True)
    asks_text = models.TextField(_("要求工作人员做什么"), blank=True)
    asks = models.JSONField(_("要求（结构化）"), default=list, blank=True)
    data_fields = models.JSONField(_("索取的数据项"), default=list, blank=True)
    held_fields = models.JSONField(_("居民库已有的数据项"), default=list, blank=True)
    members = models.PositiveIntegerField(_("成员人数"), default=0)
    communities = models.ManyToManyField(
        "orgs.Community", related_name="digital_tools", blank=True, verbose_name=_("使用社区")
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=ToolStatus.choices, default=ToolStatus.IN_USE, db_index=True
    )
    status_since = models.DateField(_("状态日期"))
    merge_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("并入")
    )
    minutes_per_day = models.DecimalField(
        _("估算每人每工作日分钟"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    violation_codes = models.JSONField(_("违规项"), default=list, blank=True)
    gate_task = models.ForeignKey(
        "gate.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(_("启用日期"))
    ended_on = models.DateField(_("停用日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("政务应用与工作群")
        verbose_name_plural = _("政务应用与工作群")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["district", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_group(self) -> bool:
        return self.kind == ToolKind.WORK_GROUP

    @property
    def owner_name(self) -> str:
        return self.owner_department.name if self.owner_department_id else self.owner_note  # type: ignore[union-attr]

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.digital.permissions import tool_scope_q

        return tool_scope_q(user, action)


class Declaration(CommunityScoped):
    """A worker says she uses a tool. No minutes: the tool's estimate counts for her."""

    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tool = models.ForeignKey(DigitalTool, on_delete=models.PROTECT, related_name="declarations")
    note = models.CharField(_("备注"), max_length=200, blank=True)
    declared_on = models.DateField(_("申报日期"))
    withdrawn_on = models.DateField(_("不再使用日期"), null=True, blank=True)
    ledger_through = models.DateField(_("已计入负担台账至"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("使用申报")
        verbose_name_plural = _("使用申报")
        ordering = ["-declared_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "tool"], condition=Q(withdrawn_on=None), name="digital_declaration_once"
            )
        ]
        indexes = [models.Index(fields=["community", "withdrawn_on"])]

    def __str__(self) -> str:
        return f"{self.worker} · {self.tool}"


class ToolScopedRow(models.Model):
    """A row that belongs to a tool: whoever sees the tool sees it."""

    objects = ScopedManager()

    class Meta:
        abstract = True

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        return Q(tool__in=DigitalTool.objects.restrict(user, action).values("pk"))


class Violation(ToolScopedRow):
    tool = models.ForeignKey(DigitalTool, on_delete=models.CASCADE, related_name="violations")
    code = models.CharField(_("违规代码"), max_length=32)
    reason = models.TextField(_("理由"))
    rule = models.TextField(_("依据"))
    status = models.CharField(
        _("状态"), max_length=16, choices=ViolationStatus.choices, default=ViolationStatus.OPEN
    )
    detected_on = models.DateField(_("发现日期"))
    resolved_on = models.DateField(_("纠正日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("违规")
        verbose_name_plural = _("违规")
        ordering = ["tool_id", "code"]
        indexes = [models.Index(fields=["detected_on"])]

    def __str__(self) -> str:
        return f"{self.tool_id}: {self.code}"


class ToolAnswer(ToolScopedRow):
    """The owner department answers for its tool: justify, merge or close."""

    tool = models.ForeignKey(DigitalTool, on_delete=models.CASCADE, related_name="answers")
    kind = models.CharField(_("答复"), max_length=16, choices=AnswerKind.choices)
    text = models.TextField(_("说明"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("部门答复")
        verbose_name_plural = _("部门答复")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.tool_id}: {self.kind}"


class PlanItem(ToolScopedRow):
    """One decision of the consolidation plan: merge or close a tool by a date, and its progress."""

    tool = models.ForeignKey(DigitalTool, on_delete=models.CASCADE, related_name="plan_items")
    action = models.CharField(_("处置"), max_length=16, choices=PlanAction.choices)
    merge_into = models.ForeignKey(
        DigitalTool,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("并入"),
    )
    due_on = models.DateField(_("完成时限"))
    progress = models.CharField(
        _("进度"), max_length=16, choices=PlanProgress.choices, default=PlanProgress.PLANNED
    )
    reason = models.TextField(_("理由"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_on = models.DateField(_("决定日期"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("整合计划事项")
        verbose_name_plural = _("整合计划事项")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.tool_id}: {self.action} by {self.due_on}"


class ToolTransition(models.Model):
    tool = models.ForeignKey(DigitalTool, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=ToolStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ToolStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("状态变更")
        verbose_name_plural = _("状态变更")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.tool_id}: {self.from_status} → {self.to_status}"


class AskUnitTime(models.Model):
    """Standard Cost Model minutes per ask (defaults in choices.DEFAULT_ASK_MINUTES); the 减负办 edits."""

    kind = models.CharField(_("要求类型"), max_length=20, choices=AskKind.choices, unique=True)
    minutes = models.DecimalField(_("每次分钟"), max_digits=8, decimal_places=2)
    basis = models.CharField(_("依据"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("要求单位耗时")
        verbose_name_plural = _("要求单位耗时")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.minutes}"


class CommunityDigital(models.Model):
    """Roll-up per community of the live register, so reports do not read every declaration: live
    apps (non-group tools) and work groups linked to the community, their rule breaches, the summed
    minutes per working day of the live declarations and the number of declaring workers. Kept by
    jianfu.digital.services in the writing transaction (jianfu.digital.rollup); recomputed by
    `jianfu digital rebuild`."""

    community = models.OneToOneField("orgs.Community", on_delete=models.CASCADE, related_name="+")
    tools = models.PositiveIntegerField(default=0)
    work_groups = models.PositiveIntegerField(default=0)
    breaches = models.PositiveIntegerField(default=0)
    minutes = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    workers = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("社区数字负担汇总")
        verbose_name_plural = _("社区数字负担汇总")

    def __str__(self) -> str:
        return f"{self.community_id}: {self.tools}/{self.work_groups}"


class DigitalMonth(models.Model):
    """Roll-up per community × month of declared minutes: `minutes_in` of declarations made in the
    month, `minutes_out` of those withdrawn in it (minutes live at a month's end = the sum of
    in − out up to that month). The trend reads these rows, not the declarations."""

    community = models.ForeignKey("orgs.Community", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    minutes_in = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    minutes_out = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("社区数字负担月度汇总")
        verbose_name_plural = _("社区数字负担月度汇总")
        constraints = [models.UniqueConstraint(fields=["community", "month"], name="digital_month_once")]
        indexes = [models.Index(fields=["month", "community"], name="digital_month_idx")]

    def __str__(self) -> str:
        return f"{self.community_id}/{self.month:%Y-%m}"
