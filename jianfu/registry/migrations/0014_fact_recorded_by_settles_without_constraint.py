"""PostgreSQL only: the facts' recorded_by and settles references without a foreign-key constraint
(issue 7), after 0013 dropped attribute, source and ledger import.

PostgreSQL queues a foreign-key check for every row inserted, even when the column is NULL, and runs
each at COMMIT (fetching the row again to find it NULL): a ledger import's 933,800 facts queued two
such checks each, for columns an import never sets (settles) or sets to the signed-in user. Both stay
whole without the constraint: the services set recorded_by to the signed-in user and settles to a
fact they locked in the same transaction (`fact_settle`), and neither a user who recorded facts nor
a fact another settles can be deleted (PROTECT in the ORM; no page or service deletes a fact;
`registry/tests/test_fact_references.py`). SQLite keeps its constraints (dropping one there rebuilds
the whole fact table). The state says `db_constraint=False` on every database.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLE = "registry_fact"
COLUMNS = {  # column: referenced table
    "recorded_by_id": "accounts_user",
    "settles_id": "registry_fact",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, TABLE)
    for name, c in constraints.items():
        if c["foreign_key"] and c["columns"] and c["columns"][0] in COLUMNS:
            schema_editor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column, target in COLUMNS.items():
        name = schema_editor._create_index_name(TABLE, [column], suffix=f"_fk_{target}_id")
        schema_editor.execute(
            f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" FOREIGN KEY ("{column}") '
            f"REFERENCES {target} (id) DEFERRABLE INITIALLY DEFERRED"
        )


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("registry", "0013_fact_provenance_without_constraint"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="fact",
                    name="recorded_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="fact",
                    name="settles",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="settled_by",
                        to="registry.fact",
                        verbose_name="核验的未核验值",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards, elidable=False)],
        )
    ]
