"""A registration's life on a frozen clock: numbered and dated from the office's policy,
expiring within its window, expired from 00:00 local time on the day after its last day
(Europe/Amsterdam, at every boundary of tests/clock.py), every change audited and mailed."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.enums import Decision
from audit.enums import AuditAction
from audit.models import AuditEntry
from portal.dates import start_of_day
from register import rules, services
from register.enums import RegistrationStatus
from register.models import RegisterPolicy
from register.reminders import run_daily


def test_a_registration_takes_number_and_period_from_the_office_policy(
    make_registration, candidate, other_candidate, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_registration(candidate, starts_on=date(2027, 1, 31))
    second = make_registration(other_candidate, starts_on=date(2027, 2, 1))
    assert (first.number, second.number) == ("RJC-2027-00001", "RJC-2027-00002")
    assert first.valid_until == date(2031, 1, 30)  # 48 months, the last day included
    assert first.status == RegistrationStatus.VALID
    assert (first.public_name, first.show_place, first.show_website) == (
        "Kim de Vries",
        False,
        False,
    )
    entry = AuditEntry.objects.get(action=AuditAction.REGISTRATION_CREATED, object_id=first.pk)
    assert entry.subject_user_id == candidate.pk
    assert entry.changes["registratienummer"] == {"voor": None, "na": "RJC-2027-00001"}
    assert [m.to for m in mail.outbox] == [[candidate.email]]
    assert "RJC-2027-00001" in mail.outbox[0].body
    assert "30 januari 2031" in mail.outbox[0].body


def test_a_policy_of_the_version_wins_over_the_default(
    make_registration, seeded_version, candidate
):
    RegisterPolicy.objects.create(
        version=seeded_version, number_format="HC{nummer:03d}", validity_months=12
    )
    registration = make_registration(candidate, starts_on=date(2027, 3, 1))
    assert (registration.number, registration.valid_until) == ("HC001", date(2028, 2, 29))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("number_format", "RJC-{nummer.__class__}"),
        ("number_format", "RJC-{jaar}"),
        ("number_format", "rjc {nummer}"),
        ("reminder_months", "12;6"),
        ("validity_months", 121),
        ("expiring_months", 60),
    ],
)
def test_the_policy_refuses_what_cannot_work(db, field, value):
    policy = RegisterPolicy(**{field: value})
    with pytest.raises(ValidationError) as refused:
        policy.clean()
    assert list(refused.value.message_dict) == [field]


def test_the_default_policy_is_the_office_s_and_marked_so(db):
    policy = RegisterPolicy.objects.get(version=None)
    assert (policy.validity_months, policy.expiring_months, policy.reminder_offsets) == (
        48,
        6,
        [12, 6, 1],
    )
    assert policy.provenance == "Vastgesteld door het bureau"


def test_only_a_grant_registers(db):
    assert (
        services.grant_registration(
            # Of no recertification: nothing to close either.
            review=SimpleNamespace(decision=Decision.NOT_GRANTED, portfolio_id=0),
            actor=None,
        )
        is None
    )


def _verification(number) -> str:
    html = Client().get(reverse("register:verify", args=[number])).content.decode()
    return html.split('id="verification">', 1)[1].split("</p>", 1)[0]


def test_expiry_on_the_local_day_after_the_last_day(
    boundary_clock, make_registration, candidate, django_capture_on_commit_callbacks
):
    today = boundary_clock.local.date()
    # Registered 48 months ago: today is the last day.
    registration = make_registration(
        candidate, starts_on=rules.add_months(today + timedelta(days=1), -48)
    )
    assert registration.valid_until == today
    assert "<strong>geldig</strong>" in _verification(registration.number)
    assert run_daily(today=timezone.localdate())["status_changed"] == 1
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.EXPIRING
    with time_machine.travel(
        start_of_day(today + timedelta(days=1)) - timedelta(seconds=1), tick=False
    ):
        assert "<strong>geldig</strong>" in _verification(registration.number)
    mail.outbox.clear()
    with time_machine.travel(start_of_day(today + timedelta(days=1)), tick=False):
        # The public page says so at once, before the daily task has run.
        assert "<strong>verlopen</strong>" in _verification(registration.number)
        with django_capture_on_commit_callbacks(execute=True):
            counts = run_daily(today=timezone.localdate())
        assert counts["status_changed"] == 1
        assert run_daily(today=timezone.localdate())["status_changed"] == 0
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.EXPIRED
    changes = [
        e.changes["status"]
        for e in AuditEntry.objects.filter(action=AuditAction.REGISTRATION_STATUS).order_by("pk")
    ]
    assert changes == [
        {"voor": "geldig", "na": "verloopt"},
        {"voor": "verloopt", "na": "verlopen"},
    ]
    assert [m.subject for m in mail.outbox] == [f"Je registratie {registration.number}: Verlopen"]


def test_the_calendar_leaves_the_office_s_statuses_alone(make_registration, candidate, office):
    registration = make_registration(candidate, starts_on=date(2020, 1, 1))
    services.change_status(
        registration=registration, to=RegistrationStatus.SUSPENDED, actor=office, reason="klacht"
    )
    assert run_daily(today=date(2027, 1, 1))["status_changed"] == 0
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUSPENDED
    with pytest.raises(services.RegisterError):
        services.change_status(registration=registration, to=RegistrationStatus.VALID, actor=None)
    entry = AuditEntry.objects.filter(action=AuditAction.REGISTRATION_STATUS).get()
    assert entry.changes["reden"]["na"] == "«tekst verborgen, 6 tekens»"
