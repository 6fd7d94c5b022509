"""Data-quality API (/api/v1/feedback/): imports' problem counts, an import's problem list, a
department's quality. Same scoping as the pages: a department token sees only its own sources'
imports (404 for another department's), values masked."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from jianfu.core.apikit import ObjectId, Page, limit_field
from jianfu.feedback import selectors
from jianfu.feedback.models import ImportFeedback

router = Router(tags=["feedback"])


class FeedbackOut(Schema):
    import_id: int
    file_name: str
    community: str
    source: str
    department: str | None
    month: str
    rows: int
    rows_with_problems: int
    share: float
    problems: int
    kinds: dict[str, int]
    saved_hours: str


class ProblemOut(Schema):
    row: int
    name: str
    status: str
    person: str | None
    column: str
    attribute: str
    kind: str
    kind_label: str
    value: str  # as sent, masked
    registry_value: str  # what the registry holds now, masked
    message: str


class ProblemPage(Page):
    limit: int = limit_field(default=1000, cap=5000)


class MonthOut(Schema):
    month: str
    imports: int
    rows: int
    rows_with_problems: int
    share: float | None


class QualityOut(Schema):
    department: str
    rows: int
    rows_with_problems: int
    problems: int
    saved_hours: str
    months: list[MonthOut]
    kinds: list[dict[str, Any]]
    imports: list[FeedbackOut]


def _out(f: ImportFeedback) -> dict[str, Any]:
    return {
        "import_id": f.ledger_import_id,
        "file_name": f.ledger_import.file_name,
        "community": f.community.code,
        "source": f.source.name,
        "department": f.department.name if f.department_id else None,
        "month": f.month.isoformat(),
        "rows": f.rows,
        "rows_with_problems": f.rows_with_problems,
        "share": round(f.share, 4),
        "problems": f.problems,
        "kinds": f.kinds,
        "saved_hours": str(f.saved_hours),
    }


@router.get("/imports", response=list[FeedbackOut])
def imports(request: HttpRequest, page: Query[Page], department: ObjectId | None = None):
    """Per import: rows, rows with problems, problem kinds (newest first; page with limit/offset)."""
    rows = selectors.feedback_list(user=request.auth)
    if department is not None:
        rows = rows.filter(department_id=department)
    return [_out(f) for f in page.window(rows)]


@router.get("/imports/{import_id}/problems", response=list[ProblemOut])
def problems(request: HttpRequest, import_id: ObjectId, page: Query[ProblemPage], kind: str = ""):
    """The problem list of one import (values masked, row order); page with offset/limit
    (limit ≤ 5000); `kind` narrows to one kind of problem (e.g. phone_format)."""
    imp = selectors.import_for_problems(user=request.auth, pk=import_id)
    rows = page.window(selectors.import_problems(user=request.auth, ledger_import=imp, kind=kind))
    return [
        {
            "row": r.row,
            "name": r.name,
            "status": r.status,
            "person": r.person or None,
            "column": r.column,
            "attribute": r.attribute,
            "kind": r.kind,
            "kind_label": r.kind_label,
            "value": r.sent,
            "registry_value": r.held,
            "message": r.message,
        }
        for r in rows
    ]


@router.get("/departments/{department_id}", response=QualityOut)
def department(request: HttpRequest, department_id: ObjectId):
    """A department's data quality: totals, the last 12 months, top problem kinds, its imports."""
    dept = selectors.department_get(user=request.auth, pk=department_id)
    q = selectors.department_quality(user=request.auth, department=dept)
    return {
        "department": dept.name,
        "rows": q.rows,
        "rows_with_problems": q.rows_with_problems,
        "problems": q.problems,
        "saved_hours": str(q.saved_hours),
        "months": [
            {
                "month": m["month"].isoformat(),
                "imports": m["imports"],
                "rows": m["rows"],
                "rows_with_problems": m["rows_with_problems"],
                "share": None if m["share"] is None else round(m["share"], 4),
            }
            for m in q.months
        ],
        "kinds": [{"kind": k, "label": label, "count": n} for k, label, n in q.kinds],
        "imports": [_out(f) for f in q.imports],
    }
