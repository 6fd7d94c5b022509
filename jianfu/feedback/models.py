"""Data back to the sender: for each import, how many of its rows had invalid or implausible values.

One `ImportFeedback` per finished import (written in the import's own transaction). The problem
list itself is read from the import's per-row outcome (`LedgerImport.results[i]["problems"]`) and
the registry at download time; this row holds the counts the data-quality pages aggregate.
"""

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.scope import Action
from jianfu.core.scoping import CommunityScoped, ScopedManager


class ImportFeedback(CommunityScoped):
    ledger_import = models.OneToOneField(
        "ledgers.LedgerImport", on_delete=models.CASCADE, related_name="feedback", verbose_name=_("台账导入")
    )
    community = models.ForeignKey("orgs.Community", on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey("registry.Source", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        "orgs.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_feedback",
        verbose_name=_("报送部门"),
    )
    month = models.DateField(_("月份"), help_text=_("导入所在月份的第一天"))
    rows = models.PositiveIntegerField(_("行数"), default=0)
    rows_with_problems = models.PositiveIntegerField(_("有问题的行"), default=0)
    problems = models.PositiveIntegerField(_("问题值个数"), default=0)
    kinds = models.JSONField(_("问题类型统计"), default=dict, blank=True)  # {kind: count}
    saved_hours = models.DecimalField(
        _("社区免于更正的耗时"), max_digits=10, decimal_places=2, default=Decimal(0)
    )
    burden_entry = models.ForeignKey(
        "burden.BurdenEntry", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("导入数据质量")
        verbose_name_plural = _("导入数据质量")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["department", "month"]), models.Index(fields=["community", "month"])]

    def __str__(self) -> str:
        return f"{self.ledger_import_id}: {self.rows_with_problems}/{self.rows}"

    @property
    def share(self) -> float:
        return self.rows_with_problems / self.rows if self.rows else 0.0

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.feedback.permissions import feedback_scope_q

        return feedback_scope_q(user, action)


class ImportProblem(models.Model):
    """One invalid or implausible value of one imported row, for the department that sent it.

    Written in bulk in the import's own transaction (`feedback.services.import_problems_write`), so
    the problem list never decodes the import's per-row outcome. Values are stored masked (ID numbers
    and phones), as the department and the community see them: `sent` as written in the roster,
    `held` what the registry held for that person and attribute when the import finished.
    """

    feedback = models.ForeignKey(
        ImportFeedback, on_delete=models.CASCADE, related_name="problem_rows", verbose_name=_("导入数据质量")
    )
    row = models.PositiveIntegerField(_("Excel 行号"))
    name = models.CharField(_("姓名"), max_length=200, blank=True)
    status = models.CharField(_("导入结果"), max_length=16, blank=True)
    person = models.CharField(_("人员编号"), max_length=32, blank=True)
    column = models.CharField(_("列"), max_length=255, blank=True)
    attribute = models.CharField(_("属性"), max_length=64, blank=True)
    kind = models.CharField(_("问题类型"), max_length=32)
    sent = models.TextField(_("原表中的值"), blank=True)
    held = models.TextField(_("居民库现有值"), blank=True)
    message = models.TextField(_("说明与改法"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("问题值")
        verbose_name_plural = _("问题值")
        ordering = ["feedback", "id"]
        indexes = [
            models.Index(fields=["feedback", "id"], name="feedback_problem_page"),
            models.Index(fields=["feedback", "kind", "id"], name="feedback_problem_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id}:{self.row}:{self.kind}"

    @property
    def kind_label(self) -> str:
        from jianfu.feedback.problems import kind_label

        return kind_label(self.kind)

    @classmethod
    def scope_q(cls, user: Any, action: Action) -> Q:
        from jianfu.feedback.permissions import feedback_scope_q

        return feedback_scope_q(user, action, prefix="feedback__")
