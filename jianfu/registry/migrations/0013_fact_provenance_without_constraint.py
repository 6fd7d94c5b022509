"""Facts' provenance (attribute, source, ledger import) without a foreign-key constraint on PostgreSQL
(issue 7). PostgreSQL checks a foreign key row by row, even for INSERT … SELECT: a 100,000-row import
inserting 933,800 facts made 4 × 933,800 look-ups at COMMIT. Attributes, sources and ledger imports are
never deleted while facts name them (PROTECT in the ORM, nothing deletes them with raw SQL), so three
of the four checks go; the person constraint stays (people are deleted, their facts with them).

SQLite keeps its constraints: dropping one there rebuilds the whole fact table, and its checks are
cheap. The state says `db_constraint=False` on every database. Measured in bench/README.md.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "registry_fact"
COLUMNS = {  # column: referenced table
    "attribute_id": "registry_attribute",
    "source_id": "registry_source",
    "ledger_import_id": "ledgers_ledgerimport",
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
        ("ledgers", "0004_ledgerimport_heartbeat_at"),
        ("registry", "0012_postgresql_person_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="fact",
                    name="attribute",
                    field=models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="facts",
                        to="registry.attribute",
                    ),
                ),
                migrations.AlterField(
                    model_name="fact",
                    name="ledger_import",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="facts",
                        to="ledgers.ledgerimport",
                    ),
                ),
                migrations.AlterField(
                    model_name="fact",
                    name="source",
                    field=models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="facts",
                        to="registry.source",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards, elidable=False)],
        )
    ]
