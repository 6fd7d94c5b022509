"""Writes of the feedback app: the quality record of each import, and the audited problem-list export."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.burden.choices import EntryKind
from jianfu.core.choices import AuditAction
from jianfu.core.services import audit_record
from jianfu.feedback.models import ImportFeedback, ImportProblem
from jianfu.feedback.problems import count_problems, problem_records
from jianfu.ledgers.models import LedgerImport

TWO = Decimal("0.01")
BATCH = 2000


def correction_minutes() -> Decimal:
    """Standard Cost Model minutes a community worker spends correcting one bad value (editable)."""
    from jianfu.burden.services import unit_minutes

    return unit_minutes(EntryKind.DATA_FEEDBACK)


@transaction.atomic
def import_feedback_record(*, ledger_import: LedgerImport, actor: Any = None) -> ImportFeedback:
    """Count a finished import's problems; when its source has a department, the hours the community
    does not spend correcting them (the department fixes at source) enter the burden ledger as saved.

    A second import of the same file from the same source counts its problems again but saves no
    hours again (the community would not correct the same values twice).
    """
    imp = ledger_import
    counts = count_problems(imp.results)
    department = imp.source.department if imp.source.department_id else None
    today = timezone.localdate()
    feedback, _created = ImportFeedback.objects.update_or_create(
        ledger_import=imp,
        defaults={
            "community": imp.community,
            "source": imp.source,
            "department": department,
            "month": today.replace(day=1),
            "rows": counts.rows,
            "rows_with_problems": counts.rows_with_problems,
            "problems": counts.problems,
            "kinds": counts.kinds,
        },
    )
    import_problems_write(feedback=feedback, ledger_import=imp)
    repeated = (
        ImportFeedback.objects.filter(source=imp.source, ledger_import__file_sha256=imp.file_sha256)
        .exclude(pk=feedback.pk)
        .exists()
    )
    if department is not None and counts.problems and not repeated and feedback.burden_entry_id is None:
        from jianfu.burden.services import burden_entry_record

        saved = (correction_minutes() * counts.problems / Decimal(60)).quantize(TWO)
        entry = burden_entry_record(
            community=imp.community,
            kind=EntryKind.DATA_FEEDBACK,
            title=_("台账“%(name)s”的%(n)d个问题值回传%(dept)s更正")
            % {"name": imp.file_name, "n": counts.problems, "dept": department.name},
            occurred_on=today,
            department=department,
            units=counts.problems,
            saved_hours=saved,
            imposed=False,
            source_ref=f"ledger_import:{imp.pk}",
            actor=actor,
        )
        feedback.burden_entry, feedback.saved_hours = entry, saved
        feedback.save(update_fields=["burden_entry", "saved_hours"])
    audit_record(
        actor=actor or imp.actor_label,
        action=AuditAction.CREATE,
        obj=feedback,
        community=imp.community,
        summary=_("台账“%(name)s”的数据质量：%(bad)d / %(rows)d行有问题，共%(n)d个问题值")
        % {
            "name": imp.file_name,
            "bad": counts.rows_with_problems,
            "rows": counts.rows,
            "n": counts.problems,
        },
        detail={"kinds": counts.kinds, "department": department.pk if department else None},
    )
    return feedback


@transaction.atomic
def import_problems_write(*, feedback: ImportFeedback, ledger_import: LedgerImport) -> int:
    """Write the import's problem values into the problem table in bulk (masked, with what the
    registry holds for each person now), replacing any earlier rows of this import. Called inside the
    import's transaction by `import_feedback_record`; the audit row is that of the feedback record.
    Returns how many problem rows were written."""
    from jianfu.registry.models import Person

    ImportProblem.objects.filter(feedback=feedback).delete()
    # one executemany per 2,000 rows: no model instances, no per-batch SQL compilation
    fields = ("row", "name", "status", "person", "column", "attribute", "kind", "sent", "held", "message")
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(ImportProblem._meta.db_table),
        ", ".join(quote(c) for c in ("feedback_id", *fields)),  # the model's column names
        ", ".join(["%s"] * (1 + len(fields))),
    )
    written = 0
    batch: list[tuple[Any, ...]] = []
    records = problem_records(ledger_import.results or [], ledger_import.mapping or {}, Person, BATCH)
    with connection.cursor() as cursor:
        for record in records:
            batch.append((feedback.pk, *(record[n] for n in fields)))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


@transaction.atomic
def problem_list_export(*, actor: Any, ledger_import: LedgerImport) -> Path:
    """The import's problem list as xlsx (values masked), and the audit row of the export."""
    from jianfu.feedback.exports import write_problem_list

    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115
    handle.close()
    path, rows = write_problem_list(ledger_import, Path(handle.name))
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=ledger_import,
        community=ledger_import.community,
        summary=_("下载台账“%(name)s”的问题清单（%(rows)d个问题值，身份证号和电话已遮蔽）")
        % {"name": ledger_import.file_name, "rows": rows},
        detail={"rows": rows, "masked": True},
    )
    return path
