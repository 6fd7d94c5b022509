"""PostgreSQL only: the staging tables are UNLOGGED (issue 7).

A large import writes every new fact, changed person and tag change into registry_staged* (COPY),
reads each chunk back once to publish it and deletes the batch: none of that needs the write-ahead
log. Unlogged tables skip it; what they give up is what staging does not need: after a server crash
they are emptied (a batch is only ever read by the process that staged it, and an import that dies
is failed and run again, which stages afresh: `ledgers.write.stage_plan` discards an earlier run's
batch), and they are not copied to standby servers (only the primary publishes). The registry tables
the batch is published into stay logged.
"""

from django.db import migrations

TABLES = ("registry_stagedfact", "registry_stagedperson", "registry_stagedtag")


def _set(schema_editor, persistence):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} SET {persistence}")


def forwards(apps, schema_editor):
    _set(schema_editor, "UNLOGGED")


def backwards(apps, schema_editor):
    _set(schema_editor, "LOGGED")


class Migration(migrations.Migration):
    dependencies = [("registry", "0015_fact_person_without_constraint")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
