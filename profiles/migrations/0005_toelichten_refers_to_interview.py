"""Versions loaded before `refers_to_interview` existed: the scale option *toelichten in
toetsgesprek* is the one that sends a criterion to the interview."""

from django.db import migrations


def forwards(apps, schema_editor):
    ScoreOption = apps.get_model("profiles", "ScoreOption")
    ScoreOption.objects.filter(code="toelichten").update(refers_to_interview=True)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0004_frameworkversion_additions_days")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
