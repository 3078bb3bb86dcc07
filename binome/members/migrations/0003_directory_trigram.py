"""On PostgreSQL, trigram indexes make the directory's substring search fast at 100,000 members.

SQLite has no equivalent; a scan of one network's listed mentors is fast enough there.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS member_search_trgm ON members_member "
        "USING gin (search_text gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS member_facets_trgm ON members_member "
        "USING gin (facets gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS member_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS member_facets_trgm")


class Migration(migrations.Migration):
    dependencies = [("members", "0002_initial")]
    operations = [migrations.RunPython(create, drop)]
