"""Reads for the data-quality pages, always within the acting user's scope (`feedback.permissions`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jianfu.accounts.scope import Action
from jianfu.feedback.models import ImportFeedback, ImportProblem
from jianfu.feedback.permissions import feedback_scope_q, is_department_user
from jianfu.feedback.problems import kind_label
from jianfu.ledgers.choices import ImportStatus
from jianfu.ledgers.models import LedgerImport
from jianfu.orgs.models import Department


def hours(total: Any) -> Decimal:
    """A sum of hours as two decimals (SQLite sums decimals as floats)."""
    return Decimal(str(total or 0)).quantize(Decimal("0.01"))


def feedback_list(*, user: Any) -> QuerySet[ImportFeedback]:
    # The import's per-row outcome can hold 100,000 rows: never read it for a list.
    return (
        ImportFeedback.objects.restrict(user, "view")
        .select_related("ledger_import", "community", "source", "department")
        .only(
            *[f.name for f in ImportFeedback._meta.concrete_fields],
            "ledger_import__file_name",
            "community__name",
            "community__code",
            "source__name",
            "department__name",
        )
    )


def import_for_problems(*, user: Any, pk: int, action: Action = "view") -> LedgerImport:
    """A finished import whose problem list the user may see (404 otherwise, also for other departments)."""
    return get_object_or_404(
        LedgerImport.objects.filter(feedback_scope_q(user, action, prefix="feedback__"))
        .filter(status=ImportStatus.DONE)
        .defer("results", "columns")  # the per-row outcome can hold 100,000 rows: never read here
        .select_related("community", "source__department", "feedback"),
        pk=pk,
    )


def departments_for(*, user: Any) -> QuerySet[Department]:
    """Departments whose quality page the user may open: a department user only its own."""
    ids = feedback_list(user=user).exclude(department=None).values("department_id")
    departments = Department.objects.filter(pk__in=ids)
    if is_department_user(user):
        departments = Department.objects.filter(pk=user.department_id)
    return departments.order_by("name")


def department_get(*, user: Any, pk: int) -> Department:
    department = departments_for(user=user).filter(pk=pk).first()
    if department is None:
        raise Http404
    return department


def import_problems(
    *, user: Any, ledger_import: LedgerImport, action: Action = "view", kind: str = ""
) -> QuerySet[ImportProblem]:
    """The problem values of an import (masked, in row order), from the problem table: an indexed
    read, never the import's per-row outcome. `kind` narrows to one kind of problem."""
    rows = ImportProblem.objects.restrict(user, action).filter(feedback_id=ledger_import.feedback.pk)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("id")


@dataclass(frozen=True)
class QualityPage:
    department: Department
    imports: list[ImportFeedback]
    months: list[dict[str, Any]]  # [{"month", "rows", "rows_with_problems", "share", "imports"}]
    kinds: list[tuple[str, str, int]]  # (kind, label, count), most frequent first
    rows: int
    rows_with_problems: int
    problems: int
    saved_hours: Any


def department_quality(*, user: Any, department: Department, months: int = 12) -> QualityPage:
    """Share of rows with problems per import, the trend over months and the top problem kinds."""
    scoped = feedback_list(user=user).filter(department=department)
    today = timezone.localdate().replace(day=1)
    start_index = today.year * 12 + today.month - 1 - (months - 1)
    since = dt.date(start_index // 12, start_index % 12 + 1, 1)
    by_month = {
        row["month"]: row
        for row in scoped.filter(month__gte=since)
        .values("month")
        .annotate(
            rows_sum=Sum("rows"), bad=Sum("rows_with_problems"), n=Count("id"), problems_sum=Sum("problems")
        )
        .order_by("month")
    }
    trend = []
    for i in range(months):
        index = start_index + i
        month = dt.date(index // 12, index % 12 + 1, 1)
        row = by_month.get(month)
        rows, bad = (row["rows_sum"] or 0, row["bad"] or 0) if row else (0, 0)
        trend.append(
            {
                "month": month,
                "rows": rows,
                "rows_with_problems": bad,
                "share": bad / rows if rows else None,
                "imports": row["n"] if row else 0,
            }
        )
    totals = scoped.aggregate(
        rows=Sum("rows"), bad=Sum("rows_with_problems"), problems=Sum("problems"), saved=Sum("saved_hours")
    )
    kinds: Counter[str] = Counter()
    for found in scoped.order_by().values_list("kinds", flat=True):
        kinds.update(found or {})
    return QualityPage(
        department=department,
        imports=list(scoped.order_by("-created_at", "-id")[:100]),
        months=trend,
        kinds=[(k, kind_label(k), n) for k, n in kinds.most_common(10)],
        rows=totals["rows"] or 0,
        rows_with_problems=totals["bad"] or 0,
        problems=totals["problems"] or 0,
        saved_hours=hours(totals["saved"]),
    )


def departments_overview(*, user: Any) -> list[dict[str, Any]]:
    """Per department in scope: imports, rows, share of rows with problems, hours saved."""
    rows = (
        feedback_list(user=user)
        .exclude(department=None)
        .values("department_id", "department__name")
        .annotate(
            n=Count("id"),
            rows_sum=Sum("rows"),
            bad=Sum("rows_with_problems"),
            problems_sum=Sum("problems"),
            saved=Sum("saved_hours"),
        )
        .order_by("department__name")
    )
    return [
        {
            "id": r["department_id"],
            "name": r["department__name"],
            "imports": r["n"],
            "rows": r["rows_sum"] or 0,
            "rows_with_problems": r["bad"] or 0,
            "share": (r["bad"] or 0) / r["rows_sum"] if r["rows_sum"] else 0.0,
            "problems": r["problems_sum"] or 0,
            "saved_hours": hours(r["saved"]),
        }
        for r in rows
    ]


def import_for_problems_exists(*, user: Any, pk: int, action: Action) -> bool:
    return LedgerImport.objects.filter(feedback_scope_q(user, action, prefix="feedback__"), pk=pk).exists()
