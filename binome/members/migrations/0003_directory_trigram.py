"""On PostgreSQL, trigram indexes make the directory's substring search fast at 100,000 members.

SQLite has no equivalent; there a scan of the narrow directory table is fast enough.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in ("search_text", "facets"):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS directory_{column}_trgm ON members_directoryentry "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in ("search_text", "facets"):
        schema_editor.execute(f"DROP INDEX IF EXISTS directory_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("members", "0002_initial")]
    operations = [migrations.RunPython(create, drop)]
