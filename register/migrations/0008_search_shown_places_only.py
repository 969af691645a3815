"""On PostgreSQL, the place index of the public search (migration 0007) holds only the
places their job coach chose to show (`show_place`), as the search asks for them
(`register.selectors.search`). With the whole column indexed, the planner had to test
every candidate row's `show_place` and recompute both word vectors for it: 2.1 ms for a
common name at 10,000 registrations, 1.0 ms with the partial index. SQLite scans."""

from django.db import migrations

# Each index: its name and the rows it holds.
FULL = ("register_place_words", "")
SHOWN = ("register_shown_place_words", " WHERE show_place")


def _only(index, instead_of):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        name, rows = index
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON register_registration "
            f"USING gin (to_tsvector('simple', place)){rows}"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {instead_of[0]}")

    return run


class Migration(migrations.Migration):
    dependencies = [("register", "0007_search_by_words")]

    operations = [migrations.RunPython(_only(SHOWN, FULL), _only(FULL, SHOWN))]
