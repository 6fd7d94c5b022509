"""Meeting notices and documents sent to communities, as the intake decided them.

A notice targets communities (`NoticeTarget`, community-scoped); an admitted notice lands in the burden
ledger per target community (EntryKind.MEETING / DOCUMENT). `FormCatalogEntry` is the district's annual
form catalog (实施目录清单): a form attached to a document must be in it. `IntakeRules` holds the
district's caps; `CountAlert` is raised when a department's documents this year outgrow last year.
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.scope import Action
from jianfu.core.scoping import CommunityScoped, ScopedManager
from jianfu.meetings.choices import AlertStatus, DocumentScope, MeetingMode, NoticeKind, NoticeStatus

TITLE_MAX = 200
TEXT_MAX = 60_000


class IntakeRules(models.Model):
    district = models.OneToOneField("orgs.District", on_delete=models.CASCADE, related_name="+")
    meeting_max_minutes = models.PositiveIntegerField(_("会议时长上限（分钟）"), default=240)
    comprehensive_max_chars = models.PositiveIntegerField(_("综合性文件字数上限"), default=5000)
    special_max_chars = models.PositiveIntegerField(_("专项文件字数上限"), default=4000)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("会议文件准入规则")
        verbose_name_plural = _("会议文件准入规则")

    def __str__(self) -> str:
        return str(self.district)


class FormCatalogEntry(models.Model):
    """One form in a district's annual form catalog (实施目录清单, facts §4)."""

    district = models.ForeignKey("orgs.District", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("年度"), db_index=True)
    name = models.CharField(_("报表名称"), max_length=200)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("报表目录")
        verbose_name_plural = _("报表目录")
        ordering = ["year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "year", "name"], name="meetings_form_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.meetings.permissions import form_scope_q

        return form_scope_q(user, action)


class Notice(models.Model):
    kind = models.CharField(_("类型"), max_length=16, choices=NoticeKind.choices, db_index=True)
    department = models.ForeignKey(
        "orgs.Department",
        on_delete=models.PROTECT,
        related_name="meeting_notices",
        verbose_name=_("发文/会议单位"),
    )
    title = models.CharField(_("标题"), max_length=TITLE_MAX)
    text = models.TextField(_("正文"), blank=True)
    date = models.DateField(_("会议日期/发文日期"), db_index=True)
    year = models.PositiveIntegerField(_("年度"), db_index=True)
    # meetings
    heads = models.BooleanField(_("要求社区书记、主任参会"), default=False)
    heads_have_agenda = models.BooleanField(_("社区负责人有本社区议题"), default=False)
    attendees_per_community = models.PositiveIntegerField(_("每个社区参会人数"), default=1)
    minutes = models.PositiveIntegerField(_("会议时长（分钟）"), default=0)
    mode = models.CharField(_("形式"), max_length=16, choices=MeetingMode.choices, blank=True)
    in_person_reason = models.CharField(_("线下召开的理由"), max_length=300, blank=True)
    approved_by = models.CharField(_("批准机关"), max_length=100, blank=True)
    approval_ref = models.CharField(_("批准文号"), max_length=100, blank=True)
    # documents
    scope = models.CharField(_("文件类别"), max_length=16, choices=DocumentScope.choices, blank=True)
    length = models.PositiveIntegerField(_("字数"), default=0)
    attachments = models.JSONField(_("附件"), default=list, blank=True)
    # the intake's decision
    status = models.CharField(_("状态"), max_length=16, choices=NoticeStatus.choices, db_index=True)
    violations = models.JSONField(_("违反规定"), default=list, blank=True)
    warnings = models.JSONField(_("提示"), default=list, blank=True)
    reasons = models.JSONField(_("理由"), default=list, blank=True)
    detected = models.JSONField(_("从正文识别"), default=dict, blank=True)
    hours = models.DecimalField(_("估算负担（小时）"), max_digits=10, decimal_places=2, default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("会议和文件")
        verbose_name_plural = _("会议和文件")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["kind", "year", "department"])]

    def __str__(self) -> str:
        return self.title

    @property
    def source_ref(self) -> str:
        return f"meetings.notice:{self.pk}"

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.meetings.permissions import notice_scope_q

        return notice_scope_q(user, action)


class NoticeTarget(CommunityScoped):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="targets")
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("对象社区")
        verbose_name_plural = _("对象社区")
        ordering = ["community__code"]
        constraints = [models.UniqueConstraint(fields=["notice", "community"], name="meetings_target_once")]

    def __str__(self) -> str:
        return f"{self.notice_id} → {self.community_id}"


class Transition(models.Model):
    """One status change (of a notice or a count alert): who made it, when, and why."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_label = models.CharField(max_length=160, blank=True)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    # Each subclass adds the FK to what changed status (named here) and the two status fields.
    subject_field: ClassVar[str]
    from_status: Any
    to_status: Any

    def __str__(self) -> str:
        return f"{getattr(self, self.subject_field)}: {self.from_status} → {self.to_status}"


class NoticeTransition(Transition):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=NoticeStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=NoticeStatus.choices)

    subject_field = "notice_id"


class CountAlert(models.Model):
    """A department's documents to communities this year exceed last year's total (the count must not grow)."""

    department = models.ForeignKey("orgs.Department", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField(_("年度"))
    count = models.PositiveIntegerField(_("本年发文数"))
    previous = models.PositiveIntegerField(_("上年发文数"))
    status = models.CharField(_("状态"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    explanation = models.TextField(_("说明"), blank=True)
    explained_count = models.PositiveIntegerField(_("说明时的发文数"), default=0)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    explained_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("发文数量增长提醒")
        verbose_name_plural = _("发文数量增长提醒")
        ordering = ["-year", "department__code"]
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="meetings_alert_once")]

    def __str__(self) -> str:
        return f"{self.department} {self.year}: {self.previous} → {self.count}"

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.meetings.permissions import alert_scope_q

        return alert_scope_q(user, action)


class AlertTransition(Transition):
    """Every status change of a count alert: explained, accepted, rejected, reopened."""

    alert = models.ForeignKey(CountAlert, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=AlertStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=AlertStatus.choices)

    subject_field = "alert_id"
