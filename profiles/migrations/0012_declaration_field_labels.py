"""The names of a declaration's number fields become framework data. The initial
framework's declarations get the wording the form had until now, so nothing changes for
them; the content stamp is renewed so that no cached framework tree lacks the fields."""

import uuid

from django.db import migrations, models
from django.utils import timezone

YEARS = "Jaren actief als uitvoerend jobcoach"
HOURS = "Uren beroepsgerichte werkervaring"


def forwards(apps, schema_editor):
    Declaration = apps.get_model("profiles", "Declaration")
    initial = Declaration.objects.filter(section__version__framework__kind="initial")
    initial.filter(min_years__isnull=False, years_label="").update(years_label=YEARS)
    initial.filter(min_hours__isnull=False, hours_label="").update(hours_label=HOURS)
    ContentStamp = apps.get_model("profiles", "ContentStamp")
    ContentStamp.objects.filter(pk=1).update(token=uuid.uuid4().hex, changed_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0011_framework_kind_and_review_shape'),
    ]

    operations = [
        migrations.AddField(
            model_name='declaration',
            name='hours_label',
            field=models.CharField(blank=True, help_text='Leeg: ‘Uren beroepsgerichte werkervaring’.', max_length=120, verbose_name='naam van het veld voor de uren'),
        ),
        migrations.AddField(
            model_name='declaration',
            name='years_label',
            field=models.CharField(blank=True, help_text='Leeg: ‘Jaren actief als uitvoerend jobcoach’.', max_length=120, verbose_name='naam van het veld voor de jaren'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
