"""Complaints about a registered job coach and the office's measures (suspend until a
date or until lifted, lift, strike off): guarded on the locked row, audited, e-mailed to
the job coach; a dated suspension ends at 00:00 local time on the day after its end."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.enums import AuditAction
from audit.models import AuditEntry
from complaints import services
from complaints.enums import ComplaintOutcome, ComplaintState
from portal.dates import start_of_day
from register import rules
from register.enums import RegistrationStatus
from register.reminders import run_daily


def _complaint(registration, office, **overrides):
    data = {
        "complainant": "Werkgever De Boer",
        "contact": "p.deboer@example.nl",
        "received_on": timezone.localdate(),
        "summary": "Afspraken met de werknemer niet nagekomen.",
    }
    return services.record_complaint(
        registration=registration, actor=office, **{**data, **overrides}
    )


def test_a_recorded_complaint_is_audited_and_mailed_without_the_complainant(
    make_registration, candidate, office, django_capture_on_commit_callbacks
):
    registration = make_registration(candidate)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = _complaint(registration, office)
    assert (complaint.state, complaint.recorded_by, complaint.complainant) == (
        ComplaintState.RECEIVED,
        office,
        "Werkgever De Boer",
    )
    entry = AuditEntry.objects.get(action=AuditAction.COMPLAINT_RECORDED)
    assert (entry.actor_id, entry.subject_user_id, entry.object_id) == (
        office.pk,
        candidate.pk,
        str(complaint.pk),
    )
    assert "De Boer" not in str(entry.changes)  # masked
    [message] = mail.outbox
    assert message.to == ["kandidaat@example.nl"]
    assert registration.number in message.subject
    assert "klacht" in message.body
    assert "De Boer" not in message.body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"summary": "x" * 5001}, "De samenvatting is te lang"),
        ({"summary": "  "}, "Vat de klacht samen"),
        ({"complainant": ""}, "Vul in wie de klacht indiende"),
        ({"complainant": "a\x00b"}, "ongeldig teken"),
        ({"received_on": date(2999, 1, 1)}, "in de toekomst"),
        ({"received_on": date(2000, 1, 1)}, "vóór de ingangsdatum"),
    ],
)
def test_a_complaint_out_of_bounds_is_refused_in_dutch(
    make_registration, candidate, office, overrides, message
):
    registration = make_registration(candidate)
    with pytest.raises(services.ComplaintError, match=message):
        _complaint(registration, office, **overrides)
    assert not registration.complaints.exists()


@pytest.mark.parametrize("who", ["candidate", "assessor", "outsider"])
def test_only_the_office_records_handles_and_takes_measures(
    make_registration, candidate, office, request, who
):
    registration = make_registration(candidate)
    complaint = _complaint(registration, office)
    user = request.getfixturevalue(who)
    calls = [
        lambda: _complaint(registration, user),
        lambda: services.start_handling(complaint=complaint, actor=user),
        lambda: services.close_complaint(
            complaint=complaint, outcome=ComplaintOutcome.UNFOUNDED, reason="x", actor=user
        ),
        lambda: services.suspend(registration=registration, reason="x", until=None, actor=user),
        lambda: services.strike_off(registration=registration, reason="x", actor=user),
    ]
    for call in calls:
        with pytest.raises(services.ComplaintError, match="Alleen het bureau kan dit doen"):
            call()
    registration.refresh_from_db()
    complaint.refresh_from_db()
    assert (registration.status, complaint.state) == (
        RegistrationStatus.VALID,
        ComplaintState.RECEIVED,
    )


def test_a_complaint_is_handled_and_closed_once_with_reasons(
    make_registration, candidate, office, django_capture_on_commit_callbacks
):
    complaint = _complaint(make_registration(candidate), office)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.start_handling(complaint=complaint, actor=office)
        services.close_complaint(
            complaint=complaint,
            outcome=ComplaintOutcome.FOUNDED,
            reason="Beide partijen gehoord; de afspraken zijn niet nagekomen.",
            actor=office,
        )
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome, complaint.closed_on) == (
        ComplaintState.CLOSED,
        ComplaintOutcome.FOUNDED,
        timezone.localdate(),
    )
    assert len(mail.outbox) == 2
    assert "Gegrond" in mail.outbox[1].body
    assert "Beide partijen gehoord" in mail.outbox[1].body
    with pytest.raises(services.ComplaintError, match="al in behandeling"):
        services.start_handling(complaint=complaint, actor=office)
    with pytest.raises(services.ComplaintError, match="al afgehandeld"):
        services.close_complaint(
            complaint=complaint, outcome=ComplaintOutcome.UNFOUNDED, reason="Nee.", actor=office
        )
    with pytest.raises(services.ComplaintError, match="Kies een uitkomst"):
        services.close_complaint(complaint=complaint, outcome="onzin", reason="x", actor=office)
    steps = AuditEntry.objects.filter(action=AuditAction.COMPLAINT_TRANSITION).order_by("pk")
    assert [e.changes["status"]["na"] for e in steps] == ["in_behandeling", "afgehandeld"]


def test_a_suspension_after_a_complaint_is_audited_and_mailed_with_its_end(
    make_registration, candidate, office, django_capture_on_commit_callbacks
):
    registration = make_registration(candidate)
    complaint = _complaint(registration, office)
    until = timezone.localdate() + timedelta(days=90)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.suspend(
            registration=registration,
            reason="Onderzoek naar de klacht loopt.",
            until=until,
            actor=office,
            complaint=complaint,
        )
    assert (registration.status, registration.suspended_until, registration.status_since) == (
        RegistrationStatus.SUSPENDED,
        until,
        timezone.localdate(),
    )
    entry = AuditEntry.objects.filter(action=AuditAction.REGISTRATION_STATUS).get()
    assert entry.changes["klacht"] == {"voor": None, "na": complaint.pk}
    assert entry.changes["geschorst tot en met"]["na"] == until.isoformat()
    [message] = mail.outbox
    assert "Reden: Onderzoek naar de klacht loopt." in message.body
    assert "De schorsing duurt tot en met" in message.body
    with pytest.raises(services.ComplaintError, match="Alleen een geldige registratie"):
        services.suspend(registration=registration, reason="Nog eens.", until=None, actor=office)


def test_a_measure_refuses_a_complaint_about_someone_else_and_a_bad_end_date(
    make_registration, candidate, other_candidate, office
):
    registration = make_registration(candidate)
    other = _complaint(make_registration(other_candidate), office)
    with pytest.raises(services.ComplaintError, match="andere registratie"):
        services.strike_off(registration=registration, reason="x", actor=office, complaint=other)
    for until in (timezone.localdate() - timedelta(days=1), date(2999, 1, 1)):
        with pytest.raises(services.ComplaintError, match="tussen vandaag en over vijf jaar"):
            services.suspend(registration=registration, reason="x", until=until, actor=office)
    with pytest.raises(services.ComplaintError, match="reden van de schorsing"):
        services.suspend(registration=registration, reason=" ", until=None, actor=office)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.VALID
    assert not AuditEntry.objects.filter(action=AuditAction.REGISTRATION_STATUS).exists()


def test_lifting_returns_to_what_the_dates_say(make_registration, candidate, office):
    registration = make_registration(candidate, starts_on=date(2022, 1, 1))  # until 2025-12-31
    start = start_of_day(date(2025, 12, 1))
    with time_machine.travel(start, tick=False):
        services.suspend(registration=registration, reason="Klacht.", until=None, actor=office)
    with time_machine.travel(start + timedelta(days=40), tick=False):
        registration = services.lift_suspension(
            registration=registration, reason="Klacht ongegrond.", actor=office
        )
        assert registration.status == RegistrationStatus.EXPIRED  # ended meanwhile
        assert registration.suspended_until is None
        with pytest.raises(services.ComplaintError, match="niet geschorst"):
            services.lift_suspension(registration=registration, reason="x", actor=office)


def test_a_striking_off_is_final(make_registration, candidate, office):
    registration = make_registration(candidate)
    registration = services.strike_off(
        registration=registration, reason="Ernstig tekortgeschoten.", actor=office
    )
    assert registration.status == RegistrationStatus.STRUCK_OFF
    with pytest.raises(services.ComplaintError, match="al doorgehaald"):
        services.strike_off(registration=registration, reason="x", actor=office)
    with pytest.raises(services.ComplaintError, match="niet geschorst"):
        services.lift_suspension(registration=registration, reason="x", actor=office)
    with pytest.raises(services.ComplaintError, match="Alleen een geldige registratie"):
        services.suspend(registration=registration, reason="x", until=None, actor=office)
    # The calendar never touches it.
    run_daily(today=registration.valid_until + timedelta(days=1))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.STRUCK_OFF


def test_a_dated_suspension_ends_at_local_midnight_after_its_last_day(
    make_registration, candidate, office, django_capture_on_commit_callbacks
):
    registration = make_registration(candidate)
    last_day = timezone.localdate() + timedelta(days=10)
    services.suspend(registration=registration, reason="Klacht.", until=last_day, actor=office)
    url = reverse("register:verify", args=[registration.number])
    with time_machine.travel(start_of_day(last_day + timedelta(days=1)) - timedelta(seconds=1)):
        assert "<strong>geschorst</strong>" in Client().get(url).content.decode()
        assert run_daily(today=timezone.localdate())["status_changed"] == 0
    with time_machine.travel(start_of_day(last_day + timedelta(days=1)), tick=False):
        # The public page says so at once; the daily task then records it (no actor).
        assert "<strong>geldig</strong>" in Client().get(url).content.decode()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert run_daily(today=timezone.localdate())["status_changed"] == 1
        assert run_daily(today=timezone.localdate())["status_changed"] == 0
    registration.refresh_from_db()
    assert (registration.status, registration.suspended_until) == (RegistrationStatus.VALID, None)
    entry = AuditEntry.objects.filter(action=AuditAction.REGISTRATION_STATUS).last()
    assert (entry.actor_id, entry.changes["status"]) == (
        None,
        {"voor": "geschorst", "na": "geldig"},
    )
    assert len(mail.outbox) == 1


def test_an_open_ended_suspension_stays_until_the_office_lifts_it(
    make_registration, candidate, office
):
    registration = make_registration(candidate)
    services.suspend(registration=registration, reason="Klacht.", until=None, actor=office)
    later = timezone.localdate() + timedelta(days=400)
    registration.refresh_from_db()
    assert rules.status_on(registration, today=later, expiring_months=6) == "geschorst"
    assert run_daily(today=later)["status_changed"] == 0
