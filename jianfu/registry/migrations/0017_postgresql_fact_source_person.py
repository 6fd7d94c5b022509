"""PostgreSQL only: registry_fact's source index becomes (source_id, person_id) (issue 7).

A ledger import reads, for every 1,000 linked people, what its source said of them before
(`registry.current.read_fact_views(…, source_id)`: `person_id IN (…) AND source_id = %s`). With only
the (person, attribute, recorded_at) index and the single-column source index PostgreSQL fetched all
of those people's facts (≈ 7,300 rows of every source) and filtered them, or ANDed two bitmaps:
12–56 ms a read, 79 reads and 4.4 s of server time in the 100,000-row bench import, most of it for a
source that had said nothing yet. The two-column index finds exactly the source's facts of those
people (0.7 ms for the same read); as its leading column is source_id it serves everything the
single-column index did (the source-priority re-derivation's `WHERE source_id = %s`, PROTECT checks),
so that one is dropped: a fact insert still writes four indexes. SQLite keeps the index the model
declares (nothing measured there). The model state is unchanged (like 0012);
`registry.tests.test_pg_indexes` checks the set.
"""

from django.db import migrations

TABLE = "registry_fact"
NAME = "fact_source_person"


def _single_source_indexes(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, TABLE)
    return [
        name
        for name, c in constraints.items()
        if c["index"] and not c["unique"] and not c["primary_key"] and c["columns"] == ["source_id"]
    ]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON {TABLE} (source_id, person_id)")
    for name in _single_source_indexes(schema_editor):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    name = schema_editor._create_index_name(TABLE, ["source_id"])
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON {TABLE} ("source_id")')
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0016_unlogged_staging")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
