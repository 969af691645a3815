"""On PostgreSQL, the public search's word indexes (migrations 0007, 0008) take each new
row at once instead of in a pending list (`fastupdate = off`).

With the default, inserted rows wait in the index's pending list until a vacuum merges
them, and every search scans that list from start to end: after 10,000 registrations
were added and before autovacuum came by, a search by number took 2.2 ms in the index,
0.15 ms once the list was merged. Registrations are written a few times a day and
searched by anyone: the writes can afford it. What waits in the lists is merged now.
SQLite has no such index."""

from django.db import migrations

INDEXES = ("register_name_words", "register_shown_place_words")


def _without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"ALTER INDEX {name} SET (fastupdate = off)")
        schema_editor.execute(f"SELECT gin_clean_pending_list('{name}'::regclass)")


def _with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"ALTER INDEX {name} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("register", "0008_search_shown_places_only")]

    operations = [migrations.RunPython(_without_pending_list, _with_pending_list)]
