"""Users: every account has one role and the organisation unit it acts for."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.choices import BURDEN_OFFICES, COMMUNITY_STAFF, Role
from jianfu.core.scoping import ScopedManager


class User(AbstractUser):
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices, default=Role.RESIDENT)
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    district = models.ForeignKey(
        "orgs.District", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    street = models.ForeignKey(
        "orgs.Street", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    community = models.ForeignKey(
        "orgs.Community", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    grid = models.ForeignKey(
        "orgs.Grid", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_community_staff(self) -> bool:
        return self.role in COMMUNITY_STAFF

    @property
    def is_burden_office(self) -> bool:
        return self.role in BURDEN_OFFICES

    @property
    def is_department(self) -> bool:
        return self.role == Role.DEPARTMENT


class ApiToken(models.Model):
    """A bearer token a department system uses for the REST API; only its hash is stored.

    Every token expires (`expires_at`, default JIANFU_API_TOKEN_DAYS) and can be revoked by its owner
    or the district administrator (jianfu.accounts.services.api_token_revoke)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("到期时间"), db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def scope_q(cls, user, action) -> Q:
        from jianfu.accounts.permissions import token_scope_q

        return token_scope_q(user, action)

    @property
    def masked(self) -> str:
        return f"{self.prefix}…"

    @property
    def status(self) -> str:
        """ "revoked", "expired" or "active" (as of now)."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @property
    def status_label(self) -> str:
        return str({"revoked": _("已吊销"), "expired": _("已过期"), "active": _("有效")}[self.status])
