"""PostgreSQL only: the facts' person reference without a foreign-key constraint (issue 7).

PostgreSQL checks a foreign key row by row at COMMIT, even for INSERT … SELECT: a look-up of the
person for each of the 933,800 facts a 100,000-row import writes into a 1,000,000-person registry.
The reference stays whole because every writer of facts keeps it:
- the ledger import takes new people's ids from the rows it inserts in the same transaction, and
  locks the existing people a chunk writes facts for (`FOR KEY SHARE`, one statement per chunk:
  what the constraint's check did per fact); a person missing by then fails the chunk, which writes
  nothing (`registry.current.Stage.publish`, `registry/tests/test_fact_references.py`);
- the registry's services write facts of a person whose row they update in the same transaction
  (`person_refresh` saves it: a person gone by then raises, and the facts roll back);
- no page or service deletes a person, and deleting one through the ORM deletes their facts first
  (CASCADE in Python).
SQLite keeps its constraint (dropping it rebuilds the whole fact table; its check is cheap and it has
one writer). The state says `db_constraint=False` on every database.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "registry_fact"
COLUMN, TARGET = "person_id", "registry_person"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, TABLE)
    for name, c in constraints.items():
        if c["foreign_key"] and c["columns"] == [COLUMN]:
            schema_editor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    name = schema_editor._create_index_name(TABLE, [COLUMN], suffix=f"_fk_{TARGET}_id")
    schema_editor.execute(
        f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" FOREIGN KEY ("{COLUMN}") '
        f"REFERENCES {TARGET} (id) DEFERRABLE INITIALLY DEFERRED"
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0014_fact_recorded_by_settles_without_constraint")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="fact",
                    name="person",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="facts",
                        to="registry.person",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(forwards, backwards, elidable=False)],
        )
    ]
