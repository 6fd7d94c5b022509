"""The community work lists (三个清单) and certificate lists, versioned per jurisdiction.

A row is one version of one item at one jurisdiction, in force from `effective_from` until
`effective_to`. A community's active catalog on a date walks national → province → city →
district; the most specific jurisdiction's row for a code wins, and a `remove` row hides it.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.catalog.choices import ItemAction, JurisdictionLevel, ListKind
from jianfu.catalog.permissions import (  # noqa: F401 (re-exported)
    CATALOG_EDITOR_ROLES,
    jurisdiction_scope_q,
    user_district_code,
)
from jianfu.core.scoping import ScopedManager


class Jurisdiction(models.Model):
    level = models.CharField(_("层级"), max_length=16, choices=JurisdictionLevel.choices)
    code = models.CharField(_("行政区划代码"), max_length=12, blank=True)
    name = models.CharField(_("名称"), max_length=100)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("辖区")
        verbose_name_plural = _("辖区")
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="jurisdiction_unique")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_q(cls, user: Any, action: str) -> Q:
        return jurisdiction_scope_q(user, action)


class CatalogItem(models.Model):
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="items")
    list_kind = models.CharField(_("清单"), max_length=32, choices=ListKind.choices)
    code = models.CharField(_("编号"), max_length=16)
    name = models.CharField(_("事项名称"), max_length=300)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    legal_basis = models.CharField(_("设定依据"), max_length=500, blank=True)
    source_document = models.CharField(_("来源文件"), max_length=300, blank=True)
    referral = models.CharField(_("办理去向"), max_length=300, blank=True)
    verify = models.BooleanField(_("地方实践默认项"), default=False)
    action = models.CharField(_("操作"), max_length=8, choices=ItemAction.choices, default=ItemAction.SET)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("清单事项")
        verbose_name_plural = _("清单事项")
        ordering = ["list_kind", "code", "effective_from"]
        indexes = [models.Index(fields=["jurisdiction", "code", "effective_from"])]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "list_kind", "code", "effective_from"],
                name="catalog_item_one_version_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
