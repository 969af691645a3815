"""Portfolios submitted before `first_submitted_on` existed: the date of their first
sealed snapshot (round 1), as a local (Europe/Amsterdam) date."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Snapshot = apps.get_model("portfolio", "Snapshot")
    Portfolio = apps.get_model("portfolio", "Portfolio")
    first = Snapshot.objects.filter(round=1, portfolio__first_submitted_on__isnull=True)
    for portfolio_id, created_at in first.values_list("portfolio_id", "created_at"):
        Portfolio.objects.filter(pk=portfolio_id).update(
            first_submitted_on=timezone.localdate(created_at)
        )


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0006_diploma_statement_and_first_submission_date")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
