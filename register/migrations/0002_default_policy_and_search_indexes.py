"""The office's default register policy (the values it set: 4 years, "expiring" from 6
months before the end, reminders at 12, 6 and 1 month(s), numbers RJC-<year>-<00001>,
no search-engine indexing), and on PostgreSQL the trigram indexes that serve the public
search's `icontains` (Django writes it as UPPER(column::text) LIKE UPPER(...))."""

from django.db import migrations

TRIGRAM_INDEXES = (
    ("register_name_trgm", "public_name"),
    ("register_place_trgm", "place"),
)


def default_policy(apps, schema_editor):
    policy = apps.get_model("register", "RegisterPolicy")
    if not policy.objects.filter(version__isnull=True).exists():
        policy.objects.create(
            version=None,
            number_format="RJC-{jaar}-{nummer:05d}",
            validity_months=48,
            expiring_months=6,
            reminder_months="12,6,1",
            noindex=True,
            note="Vastgesteld door het bureau bij de start van het register.",
        )


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite scans; its databases are small
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON register_registration "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial")]

    operations = [
        migrations.RunPython(default_policy, migrations.RunPython.noop),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes),
    ]
