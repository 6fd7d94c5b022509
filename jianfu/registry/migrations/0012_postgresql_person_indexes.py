"""PostgreSQL only: fewer registry_person indexes for a large import to rewrite (issue 7).

An import updates the current row of most people of a community; on the packed table no such update
is HOT, so every index of registry_person gets a new entry for every changed person. Three kinds of
index no query needs are dropped:
- the `_like` (varchar_pattern_ops) copies Django adds for the pid, id_number, name_key and phone
  columns: they serve only `LIKE 'x%'`, and every prefix search is written as a range that the plain
  b-tree index serves (`registry.selectors._prefix_q`, `ledgers.linking._id_blocking`);
- the single-column community_id index: the four (community_id, …) indexes serve every query of it;
- the has_conflict index over all rows becomes a partial one of the people with a conflict (the
  "conflicts only" filter): the others are no longer written into it.
SQLite keeps its indexes (no `_like` copies there; changing its has_conflict index would rebuild
nothing but also help nothing measured). The model state is unchanged: nothing here is declared on
the model, so `makemigrations` sees no difference; `registry.tests.test_pg_indexes` checks the set.
Measured in bench/README.md (issue 7, PostgreSQL).
"""

from django.db import migrations

TABLE = "registry_person"
LIKE_COLUMNS = ("pid", "id_number", "name_key", "phone")
CONFLICTS = "person_conflicts"


def _indexes(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        return schema_editor.connection.introspection.get_constraints(cursor, TABLE)


def _plain_index_on(constraints, column):
    return [
        name
        for name, c in constraints.items()
        if c["index"]
        and not c["unique"]
        and not c["primary_key"]
        and c["columns"] == [column]
        and name != CONFLICTS
    ]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    constraints = _indexes(schema_editor)
    doomed = [name for name in constraints if name.endswith("_like")]
    doomed += _plain_index_on(constraints, "community_id") + _plain_index_on(constraints, "has_conflict")
    for name in doomed:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {CONFLICTS} ON {TABLE} (has_conflict) WHERE has_conflict"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    name = schema_editor._create_index_name
    schema_editor.execute(f"DROP INDEX IF EXISTS {CONFLICTS}")
    for column in ("community_id", "has_conflict"):
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name(TABLE, [column])}" ON {TABLE} ("{column}")')
    for column in LIKE_COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name(TABLE, [column], suffix="_like")}" '
            f'ON {TABLE} ("{column}" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [("registry", "0011_staging")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
