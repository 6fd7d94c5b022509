"""Work access (准入): tasks departments push to communities, and how the gate decided them.

Every task passes the gate (jianfu.gate.decision) and lands in the burden ledger
(jianfu.burden) per target community. The dashboard reads these models.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.scope import Action
from jianfu.core.scoping import CommunityScoped, ScopedManager
from jianfu.gate.choices import Decision, NoticeKind, TargetStatus, TaskKind, TaskStatus

DESCRIPTION_MAX = 20_000
TITLE_MAX = 200


class Task(models.Model):
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, related_name="gate_tasks", verbose_name=_("职能部门")
    )
    title = models.CharField(_("任务名称"), max_length=TITLE_MAX)
    description = models.TextField(_("任务内容"))
    kind = models.CharField(_("任务类型"), max_length=32, choices=TaskKind.choices, default=TaskKind.GENERAL)
    legal_basis = models.CharField(_("法律法规或政策依据"), max_length=1000, blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    expected_hours = models.DecimalField(
        _("预计工作量（小时/社区）"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    resource_staff = models.PositiveIntegerField(_("配套人员（人）"), default=0)
    resource_money = models.DecimalField(
        _("配套经费（元）"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    resource_training = models.BooleanField(_("提供业务培训"), default=False)
    resources_note = models.CharField(_("资源说明"), max_length=500, blank=True)
    assessed = models.BooleanField(_("纳入考核"), default=False)
    emergency = models.BooleanField(_("应急事项"), default=False)
    requested_fields = models.JSONField(_("索取的数据项"), default=list, blank=True)

    decision = models.CharField(_("准入结论"), max_length=32, choices=Decision.choices)
    status = models.CharField(_("状态"), max_length=32, choices=TaskStatus.choices, db_index=True)
    matched = models.JSONField(_("清单匹配"), default=list, blank=True)
    item_list = models.CharField(_("匹配清单"), max_length=32, blank=True)
    item_code = models.CharField(_("匹配事项编号"), max_length=16, blank=True, db_index=True)
    item_name = models.CharField(_("匹配事项"), max_length=300, blank=True)
    score = models.FloatField(_("匹配度"), default=0.0)
    matched_words = models.JSONField(_("命中词"), default=list, blank=True)
    reasons = models.JSONField(_("理由"), default=list, blank=True)
    flags = models.JSONField(_("提示"), default=list, blank=True)
    decision_due = models.DateField(_("审批期限"), null=True, blank=True, db_index=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("疑似重复于"),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)
    reviewed_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_legality = models.TextField(_("合法性"), blank=True)
    review_reasonableness = models.TextField(_("合理性"), blank=True)
    review_feasibility = models.TextField(_("可行性"), blank=True)
    review_opinions = models.TextField(_("社区意见摘要"), blank=True)
    review_reason = models.TextField(_("审批理由"), blank=True)
    withdrawn_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("撤销理由"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("下派任务")
        verbose_name_plural = _("下派任务")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["department", "created_at"]),
            models.Index(fields=["status", "decision_due"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_resources(self) -> bool:
        return bool(self.resource_staff or self.resource_money or self.resource_training)

    @property
    def outside_lists(self) -> bool:
        return self.item_list not in ("duty", "assist")

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.gate.permissions import task_scope_q

        return task_scope_q(user, action)


class TaskTarget(CommunityScoped):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="targets")
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="gate_targets")
    status = models.CharField(
        _("状态"), max_length=16, choices=TargetStatus.choices, default=TargetStatus.ACTIVE
    )
    refused_at = models.DateTimeField(_("拒绝时间"), null=True, blank=True)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    refusal_reason = models.TextField(_("拒绝理由"), blank=True)

    class Meta:
        verbose_name = _("任务对象社区")
        verbose_name_plural = _("任务对象社区")
        ordering = ["community__code"]
        constraints = [models.UniqueConstraint(fields=["task", "community"], name="gate_target_unique")]

    def __str__(self) -> str:
        return f"{self.task} → {self.community}"


class TaskRating(CommunityScoped):
    """Reverse evaluation: a community rates the department after an admitted task (once)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="ratings")
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="gate_ratings")
    score = models.PositiveSmallIntegerField(_("评分"))
    comment = models.TextField(_("评价"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("社区评价")
        verbose_name_plural = _("社区评价")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["task", "community"], name="gate_rating_once"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="gate_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.task} · {self.community} · {self.score}"


class TaskComment(CommunityScoped):
    """A community's opinion on a task awaiting approval (the 减负办 weighs it)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="gate_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("意见"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("社区意见")
        verbose_name_plural = _("社区意见")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.community}: {self.body[:30]}"


class TaskTransition(models.Model):
    """Every status change of a task, with who made it and why."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("原状态"), max_length=32, choices=TaskStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=32, choices=TaskStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("状态变更")
        verbose_name_plural = _("状态变更")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.from_status} → {self.to_status}"


class OfficeNotice(models.Model):
    """Something the 减负办 must see: a refusal, an assist item without resources, an emergency to review."""

    kind = models.CharField(_("类型"), max_length=32, choices=NoticeKind.choices)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="notices")
    community = models.ForeignKey(
        "orgs.Community", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    message = models.TextField(_("内容"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("减负办提醒")
        verbose_name_plural = _("减负办提醒")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.message[:50]

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.gate.permissions import notice_scope_q

        return notice_scope_q(user, action)
