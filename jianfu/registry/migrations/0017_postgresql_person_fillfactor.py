"""PostgreSQL only: registry_person keeps a quarter of each page free (fillfactor 75; issue 7).

A ledger import rewrites the current values of about half the people on each page of its community
(`UPDATE registry_person SET "values" = …` from the staged rows). On packed pages (fillfactor 100,
what a bulk load gives) no such update can be HOT: the new row version goes to another page, so every
one of the table's 18 indexes gets a new entry for every changed person — the largest statement of a
large import. With room on the page, an update that changes no indexed column (values, has_conflict
unchanged, updated_at: most of an import's updates) stays on the page and writes no index entry.

Pages written from now on keep the room: a registry loaded after this migration (bulk loads COPY
into the table) and every page new people are added to. Pages written before keep their packing
until the table is rewritten (`VACUUM FULL registry_person` or pg_repack in a maintenance window).
The table grows by a third. SQLite has no fillfactor. Measured in the commit that added this.
"""

from django.db import migrations

FILLFACTOR = 75


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE registry_person SET (fillfactor = {FILLFACTOR})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE registry_person RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [("registry", "0016_unlogged_staging")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
