"""Resident requests (接诉即办), grid events and 吹哨报到.

A `ServiceRequest` is one matter a resident, a grid worker, the front desk, the 12345 hotline or an
Open311 client brought. Its `Category` says whose duty it is (linked to catalog items and to the
responsible department's code). A `Whistle` summons a department; `Transition` records every step.
"""

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.choices import Role
from jianfu.accounts.scope import Action
from jianfu.casework.choices import (
    Channel,
    Duty,
    Escalation,
    Kind,
    Satisfaction,
    Status,
    Urgency,
    Verification,
    WhistleStatus,
)
from jianfu.core.scoping import ScopedManager

TEXT_MAX = 4000  # the Open311 description limit


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Category(models.Model):
    """A kind of matter (路灯损坏, 违章搭建 …): its own fields, whose duty it is, how urgent."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    group = models.CharField(_("分组"), max_length=50, blank=True)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)
    default_kind = models.CharField(_("默认类型"), max_length=16, choices=Kind.choices, default=Kind.HELP)
    urgency = models.CharField(_("时限"), max_length=16, choices=Urgency.choices, default=Urgency.GENERAL)
    duty = models.CharField(_("职责"), max_length=16, choices=Duty.choices, default=Duty.DEPARTMENT)
    department_code = models.CharField(_("责任部门代码"), max_length=32, blank=True)
    co_department_codes = models.JSONField(_("协办部门代码"), default=list, blank=True)
    catalog_codes = models.JSONField(_("关联清单事项"), default=list, blank=True)
    hard = models.BooleanField(_("疑难事项（报到5个工作日）"), default=False)
    fields = models.JSONField(_("专属字段"), default=list, blank=True)
    open311 = models.BooleanField(_("开放给 Open311"), default=True)
    active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        verbose_name = _("诉求类别")
        verbose_name_plural = _("诉求类别")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class ServiceRequest(models.Model):
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    district = models.ForeignKey("orgs.District", on_delete=models.PROTECT, related_name="+")
    community = models.ForeignKey(
        "orgs.Community", on_delete=models.PROTECT, null=True, blank=True, related_name="service_requests"
    )
    grid = models.ForeignKey("orgs.Grid", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    place = models.ForeignKey(
        "registry.Place", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    address = models.CharField(_("地点"), max_length=300, blank=True)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)

    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="requests")
    channel = models.CharField(_("来源"), max_length=16, choices=Channel.choices)
    text = models.TextField(_("诉求内容"), max_length=TEXT_MAX)
    attributes = models.JSONField(_("专属字段"), default=dict, blank=True)
    photo = models.FileField(_("照片"), upload_to="casework/photos/%Y/%m/", blank=True)
    media_url = models.URLField(_("媒体链接"), max_length=500, blank=True)
    external_id = models.CharField(_("外部编号"), max_length=64, blank=True)

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reporter_name = models.CharField(_("诉求人"), max_length=50, blank=True)
    reporter_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    reporter_email = models.EmailField(_("电子邮箱"), blank=True)

    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.ACCEPTED)
    urgency = models.CharField(_("时限"), max_length=16, choices=Urgency.choices)
    duty = models.CharField(_("职责"), max_length=16, choices=Duty.choices)
    lead_department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    route_reason = models.CharField(_("派单依据"), max_length=500, blank=True)
    due_at = models.DateTimeField(_("办结时限"), db_index=True)
    response_due_at = models.DateTimeField(_("响应时限"), null=True, blank=True)
    responded_at = models.DateTimeField(_("响应时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_on_time = models.BooleanField(_("按期办结"), null=True, blank=True)
    escalation = models.CharField(
        _("督办"), max_length=16, choices=Escalation.choices, default=Escalation.NONE
    )
    escalated_at = models.DateTimeField(_("督办时间"), null=True, blank=True)
    reply = models.TextField(_("办理结果"), blank=True)
    solved = models.BooleanField(_("已解决"), null=True, blank=True)
    verification = models.CharField(_("核实方式"), max_length=16, choices=Verification.choices, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    satisfaction = models.CharField(_("满意度"), max_length=16, choices=Satisfaction.choices, blank=True)
    rating_comment = models.CharField(_("评价"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    rework_count = models.PositiveSmallIntegerField(_("返工次数"), default=0)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("受理时间"))
    updated_at = models.DateTimeField(_("更新时间"), db_index=True)

    objects = ScopedManager()

    # display labels set on the board's rows by selectors.board_page (not columns)
    kind_label: str
    status_label: str
    escalation_label: str

    class Meta:
        verbose_name = _("诉求")
        verbose_name_plural = _("诉求")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["district", "-created_at", "-id"]),
            models.Index(fields=["community", "-created_at", "-id"]),
            models.Index(fields=["lead_department", "-created_at"]),
            models.Index(fields=["category", "-created_at"]),
            # Open311 `GET requests?service_code=…` (district + category, newest first): without it
            # SQLite walks the district's date index and filters the category row by row
            models.Index(
                fields=["district", "category", "-created_at", "-id"], name="casework_sr_dist_cat_new"
            ),
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["place", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "channel", "external_id"],
                condition=~Q(external_id=""),
                name="casework_external_id_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.category.name}"

    @property
    def number(self) -> str:
        return self.number_of(self.created_at, self.pk) if self.pk else ""

    @staticmethod
    def number_of(created_at: Any, pk: int) -> str:
        """JF + the day it was received (as stored, UTC) + the id: JF20261201000042."""
        return f"JF{created_at:%Y%m%d}{pk:06d}"

    @property
    def is_open(self) -> bool:
        from jianfu.casework.choices import OPEN_STATUSES

        return self.status in OPEN_STATUSES

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.casework.permissions import request_scope_q

        return request_scope_q(user, action)


class Whistle(models.Model):
    """吹哨报到: the community summons a department, which must sign, contact and report on site."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="whistles")
    department = models.ForeignKey("orgs.Department", on_delete=models.PROTECT, related_name="+")
    lead = models.BooleanField(_("牵头（首接负责）"), default=False)
    hard = models.BooleanField(_("疑难"), default=False)
    status = models.CharField(
        _("状态"), max_length=16, choices=WhistleStatus.choices, default=WhistleStatus.WHISTLED
    )
    note = models.CharField(_("吹哨说明"), max_length=500, blank=True)
    whistled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    whistled_at = models.DateTimeField(_("吹哨时间"))
    sign_due = models.DateTimeField(_("签收时限"))
    contact_due = models.DateTimeField(_("联系时限"))
    onsite_due = models.DateTimeField(_("报到时限"))
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    contacted_at = models.DateTimeField(_("联系时间"), null=True, blank=True)
    onsite_at = models.DateTimeField(_("报到时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    return_reason = models.CharField(_("退回理由"), max_length=500, blank=True)
    score = models.PositiveSmallIntegerField(_("社区评分"), null=True, blank=True)
    score_comment = models.CharField(_("社区评价"), max_length=500, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("吹哨")
        verbose_name_plural = _("吹哨")
        ordering = ["whistled_at", "id"]
        indexes = [models.Index(fields=["department", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["request", "department"], name="casework_whistle_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5), name="casework_whistle_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.department}"

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        if _active(user) and user.role == Role.DEPARTMENT:
            return Q(department_id=user.department_id)
        return Q(request__in=ServiceRequest.objects.restrict(user, action).values("pk"))


class Transition(models.Model):
    """One step of a request: status change, whistle, escalation, merge, reveal of nothing (audited)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("原状态"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_label = models.CharField(_("操作人"), max_length=150)
    at = models.DateTimeField(_("时间"), db_index=True)
    note = models.TextField(_("说明"), blank=True)
    public = models.BooleanField(_("告知诉求人"), default=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["request", "at"])]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status} → {self.to_status}"


class RateMonth(models.Model):
    """Exact monthly counts behind the three rates, per community × lead department × category.

    Recomputed from the requests of the touched (month, community) on every write (never
    incremented), so the dashboard reads a few thousand rows instead of 100,000 requests."""

    month = models.DateField(_("月份"))
    district = models.ForeignKey("orgs.District", on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(
        "orgs.Community", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    total = models.PositiveIntegerField(default=0)
    responded = models.PositiveIntegerField(default=0)
    solved = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    rework = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("三率月度汇总")
        verbose_name_plural = _("三率月度汇总")
        indexes = [models.Index(fields=["district", "month"]), models.Index(fields=["community", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.community_id} {self.department_id} {self.category_id}"
