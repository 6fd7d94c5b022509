"""Board text search (`text__icontains` / `address__icontains`, i.e. UPPER(col::text) LIKE UPPER('%q%'))
served by pg_trgm GIN indexes on PostgreSQL. SQLite has no such index type: nothing happens there
(its search scans, measured in bench/README.md)."""

from django.db import migrations

INDEXES = [
    ("casework_sr_text_trgm", "text"),
    ("casework_sr_address_trgm", "address"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name} ON casework_servicerequest '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("casework", "0004_remove_servicerequest_casework_se_distric_1d9357_idx_and_more")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
