"""The office's measures as rows of their own (complaints.Measure), each with its reason.

Measures taken before this migration are made from the audit trail (the one history until
now): their dates, statuses, end of a suspension, the complaint they followed and who took
them. The trail masks reasons, so only the measure that gave the registration its current
status gets one (the registration's current reason); the earlier ones keep it empty."""

import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

KIND = {"geschorst": "schorsing", "doorgehaald": "doorhaling"}


def _measure(Measure, entry, registration, known):
    status = entry.changes.get("status") or {}
    before, after = status.get("voor"), status.get("na")
    if after in KIND:
        kind = KIND[after]
    elif before == "geschorst" and entry.actor_id is not None:
        kind = "opheffing"  # lifted by the office (not the calendar at a set end)
    else:
        return None
    until = (entry.changes.get("geschorst tot en met") or {}).get("na")
    complaint = (entry.changes.get("klacht") or {}).get("na")
    return Measure(
        registration=registration,
        kind=kind,
        status_before=before,
        status_after=after,
        reason="",
        taken_on=timezone.localdate(entry.at),
        suspended_until=datetime.date.fromisoformat(until) if until else None,
        complaint_id=complaint if complaint in known["complaints"] else None,
        taken_by_id=entry.actor_id if entry.actor_id in known["users"] else None,
    )


def forwards(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    Registration = apps.get_model("register", "Registration")
    Measure = apps.get_model("complaints", "Measure")
    known = {
        "complaints": set(
            apps.get_model("complaints", "Complaint").objects.values_list("pk", flat=True)
        ),
        "users": set(apps.get_model(settings.AUTH_USER_MODEL).objects.values_list("pk", flat=True)),
    }
    registrations = {str(r.pk): r for r in Registration.objects.all()}
    entries = AuditEntry.objects.filter(
        action="registration.status",
        object_type="register.registration",
        object_id__in=list(registrations),
    ).order_by("at", "pk")
    found = {}
    for entry in entries:
        registration = registrations[entry.object_id]
        measure = _measure(Measure, entry, registration, known)
        if measure is not None:
            found.setdefault(entry.object_id, []).append(measure)
    for key, measures in found.items():
        registration = registrations[key]
        if measures[-1].status_after == registration.status:
            measures[-1].reason = registration.status_reason
    Measure.objects.bulk_create(m for measures in found.values() for m in measures)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0009_all_actions_after_merge'),
        ('complaints', '0001_initial'),
        ('register', '0005_recertification'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Measure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('schorsing', 'Geschorst'), ('opheffing', 'Schorsing opgeheven'), ('doorhaling', 'Doorgehaald')], max_length=20, verbose_name='maatregel')),
                ('status_before', models.CharField(choices=[('geldig', 'Geldig'), ('verloopt', 'Geldig, verloopt binnenkort'), ('verlopen', 'Verlopen'), ('geschorst', 'Geschorst'), ('doorgehaald', 'Doorgehaald')], max_length=20, verbose_name='status ervoor')),
                ('status_after', models.CharField(choices=[('geldig', 'Geldig'), ('verloopt', 'Geldig, verloopt binnenkort'), ('verlopen', 'Verlopen'), ('geschorst', 'Geschorst'), ('doorgehaald', 'Doorgehaald')], max_length=20, verbose_name='status erna')),
                ('reason', models.CharField(max_length=300, verbose_name='reden')),
                ('taken_on', models.DateField(verbose_name='genomen op')),
                ('suspended_until', models.DateField(blank=True, null=True, verbose_name='geschorst tot en met')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='vastgelegd')),
                ('complaint', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='measures', to='complaints.complaint', verbose_name='naar aanleiding van klacht')),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='measures', to='register.registration', verbose_name='registratie')),
                ('taken_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='genomen door')),
            ],
            options={
                'verbose_name': 'maatregel',
                'verbose_name_plural': 'maatregelen',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
