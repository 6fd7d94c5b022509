"""Backfill the problem table from the per-row outcome of imports made before it existed.

One import at a time (its outcome JSON decoded once, here, so the pages never do it again); values
are masked as the pages mask them; what the registry holds is read as of the migration.
"""

from django.db import migrations

BATCH = 2000


def backfill(apps, schema_editor):
    from jianfu.feedback.problems import problem_records

    ImportFeedback = apps.get_model("feedback", "ImportFeedback")
    ImportProblem = apps.get_model("feedback", "ImportProblem")
    LedgerImport = apps.get_model("ledgers", "LedgerImport")
    Person = apps.get_model("registry", "Person")
    done = set(ImportProblem.objects.values_list("feedback_id", flat=True).distinct())
    for feedback_id, import_id in ImportFeedback.objects.filter(problems__gt=0).values_list(
        "pk", "ledger_import_id"
    ):
        if feedback_id in done:
            continue
        results, mapping = LedgerImport.objects.filter(pk=import_id).values_list("results", "mapping").get()
        batch = []
        for record in problem_records(results or [], mapping or {}, Person, BATCH):
            batch.append(ImportProblem(feedback_id=feedback_id, **record))
            if len(batch) >= BATCH:
                ImportProblem.objects.bulk_create(batch)
                batch = []
        if batch:
            ImportProblem.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_importproblem"),
        ("ledgers", "0004_ledgerimport_heartbeat_at"),
        ("registry", "0010_disabled_tag_not_zongzhi"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
