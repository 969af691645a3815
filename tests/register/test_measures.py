"""The office's measures are kept as rows of their own, each with its reason, day, end of
a suspension, complaint and who took it: a later measure no longer overwrites an
earlier one's reason (the registration holds only the current one, the audit trail masks
them)."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from audit import services as audit
from audit.enums import AuditAction
from audit.models import AuditEntry
from complaints import services
from complaints.enums import MeasureKind
from complaints.models import Measure

REASONS = ("Klacht in onderzoek.", "Onderzoek afgerond.", "Ernstig tekortgeschoten.")


def _three_measures(registration, office):
    complaint = services.record_complaint(
        registration=registration,
        complainant="Klager",
        contact="",
        received_on=timezone.localdate(),
        summary="Afspraken niet nagekomen.",
        actor=office,
    )
    until = timezone.localdate() + timedelta(days=30)
    services.suspend(
        registration=registration, reason=REASONS[0], until=until, actor=office, complaint=complaint
    )
    services.lift_suspension(registration=registration, reason=REASONS[1], actor=office)
    services.strike_off(
        registration=registration, reason=REASONS[2], actor=office, complaint=complaint
    )
    return complaint, until


@pytest.mark.django_db
def test_every_measure_keeps_its_reason_dates_complaint_and_who(
    make_registration, candidate, office
):
    registration = make_registration(candidate)
    complaint, until = _three_measures(registration, office)
    today = timezone.localdate()
    rows = list(Measure.objects.filter(registration=registration).order_by("created_at", "pk"))
    assert [
        (m.kind, m.status_before, m.status_after, m.reason, m.suspended_until, m.complaint)
        for m in rows
    ] == [
        (MeasureKind.SUSPENSION, "geldig", "geschorst", REASONS[0], until, complaint),
        (MeasureKind.LIFTING, "geschorst", "geldig", REASONS[1], None, None),
        (MeasureKind.STRIKING_OFF, "geldig", "doorgehaald", REASONS[2], None, complaint),
    ]
    assert {(m.taken_on, m.taken_by) for m in rows} == {(today, office)}
    # The trail keeps masking them.
    trail = str(
        list(
            AuditEntry.objects.filter(action=AuditAction.REGISTRATION_STATUS).values_list(
                "changes", flat=True
            )
        )
    )
    assert not [reason for reason in REASONS if reason in trail]


@pytest.mark.django_db
def test_a_refused_measure_leaves_no_row(make_registration, candidate, office):
    registration = make_registration(candidate)
    with pytest.raises(services.ComplaintError):
        services.lift_suspension(registration=registration, reason="Niets.", actor=office)
    assert not Measure.objects.exists()


@pytest.mark.django_db
def test_the_registration_page_shows_every_measure_with_its_reason(
    make_registration, candidate, office, office_client
):
    registration = make_registration(candidate)
    complaint, until = _three_measures(registration, office)
    html = office_client.get(reverse("complaints:registration", args=[registration.pk]))
    html = html.content.decode()
    table = html[html.index("Maatregelen") : html.index("Geschiedenis")]
    for reason in REASONS:
        assert f"<td>{reason}</td>" in table
    assert table.count(f"<td>{office.get_full_name()}</td>") == 3
    assert table.count(f'href="/bureau/register/klacht/{complaint.pk}/"') == 2
    assert f"tot en met {until.day} " in table
    # Newest first, as the history.
    assert table.index(REASONS[2]) < table.index(REASONS[1]) < table.index(REASONS[0])


@pytest.mark.django_db
def test_the_migration_makes_the_earlier_measures_from_the_audit_trail(
    make_registration, candidate, office
):
    registration = make_registration(candidate)
    complaint, until = _three_measures(registration, office)
    Measure.objects.all().delete()  # as before the migration
    import_module("complaints.migrations.0002_measures").forwards(django_apps, None)
    rows = list(Measure.objects.filter(registration=registration).order_by("pk"))
    assert [(m.kind, m.status_before, m.status_after) for m in rows] == [
        (MeasureKind.SUSPENSION, "geldig", "geschorst"),
        (MeasureKind.LIFTING, "geschorst", "geldig"),
        (MeasureKind.STRIKING_OFF, "geldig", "doorgehaald"),
    ]
    # Only the current reason was kept before: on the measure that gave the status.
    assert [m.reason for m in rows] == ["", "", REASONS[2]]
    assert [m.suspended_until for m in rows] == [until, None, None]
    assert [m.complaint_id for m in rows] == [complaint.pk, None, complaint.pk]
    assert {(m.taken_on, m.taken_by_id) for m in rows} == {(timezone.localdate(), office.pk)}


@pytest.mark.django_db
def test_the_migration_leaves_the_calendars_changes_out(make_registration, candidate, office):
    registration = make_registration(candidate)
    services.suspend(
        registration=registration,
        reason=REASONS[0],
        until=timezone.localdate(),
        actor=office,
    )
    # The calendar ends the suspension the office dated (no actor): no measure of its own.
    audit.record(
        actor=None,
        action=AuditAction.REGISTRATION_STATUS,
        subject_user_id=candidate.pk,
        target=registration,
        changes={"status": audit.change("geschorst", "geldig")},
    )
    Measure.objects.all().delete()
    import_module("complaints.migrations.0002_measures").forwards(django_apps, None)
    assert list(Measure.objects.values_list("kind", "reason")) == [
        (MeasureKind.SUSPENSION, REASONS[0])
    ]
