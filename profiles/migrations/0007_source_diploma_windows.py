"""Versions loaded before the diploma windows existed: the A2 routes carry their window as
text only ("na augustus 2022 van Sara Werkt"). Set the window the source states on every
A2 route whose criterion is the source's text, published versions included: the rule was
always part of the version (its text says so), it was only not enforced.

Interpretation (also in the fixture and the fields' help texts): "na augustus 2022" is on
or after 1 September 2022; "na juli 2015" on or after 1 August 2015; "na juli 2013" on or
after 1 August 2013; "van voor 2013" before 1 January 2013 (on or before 31 December 2012).
"""

import datetime

from django.db import migrations

SOURCE_WINDOWS = [
    (
        "Diploma Noloc geaccrediteerde Jobcoachopleiding na augustus 2022 van Sara Werkt",
        ["Sara Werkt"],
        datetime.date(2022, 9, 1),
        None,
    ),
    (
        "Diploma Noloc geaccrediteerde Jobcoachopleiding na juli 2015 van Capabel",
        ["Capabel"],
        datetime.date(2015, 8, 1),
        None,
    ),
    (
        "Diploma Noloc geaccrediteerde Jobcoachopleiding na juli 2013 van Combo, Elan of Saxion",
        ["Combo", "Elan", "Saxion"],
        datetime.date(2013, 8, 1),
        None,
    ),
    ("Jobcoachdiploma van voor 2013", [], None, datetime.date(2012, 12, 31)),
]


def forwards(apps, schema_editor):
    EducationRequirement = apps.get_model("profiles", "EducationRequirement")
    for criterion, providers, earliest, latest in SOURCE_WINDOWS:
        EducationRequirement.objects.filter(
            level="supplementary",
            criterion=criterion,
            diploma_earliest__isnull=True,
            diploma_latest__isnull=True,
        ).update(accepted_providers=providers, diploma_earliest=earliest, diploma_latest=latest)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0006_diploma_windows_and_document_age_severity")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
