"""Renewal reminders at the office's offsets (12, 6, 1 months before the end), each sent
once, on local dates; the Celery beat entry runs the register daily at a fixed local hour."""

from datetime import date, timedelta

from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.utils import timezone

from register import rules
from register.models import Certificate, RenewalReminder
from register.reminders import run_daily, send_renewal_reminders
from register.tasks import daily_register


def _sent(callbacks, day) -> int:
    with callbacks(execute=True):
        return send_renewal_reminders(today=day)


def test_each_reminder_goes_out_once_at_its_offset(
    make_registration, candidate, django_capture_on_commit_callbacks
):
    registration = make_registration(candidate, starts_on=date(2027, 3, 15))
    end = registration.valid_until
    assert end == date(2031, 3, 14)
    twelve = rules.expiring_from(end, months=12)
    assert twelve == date(2030, 3, 15)
    assert _sent(django_capture_on_commit_callbacks, twelve - timedelta(days=1)) == 0
    assert _sent(django_capture_on_commit_callbacks, twelve) == 1
    assert _sent(django_capture_on_commit_callbacks, twelve) == 0  # the same day again
    assert _sent(django_capture_on_commit_callbacks, twelve + timedelta(days=30)) == 0
    assert _sent(django_capture_on_commit_callbacks, date(2030, 9, 15)) == 1  # 6 months
    assert _sent(django_capture_on_commit_callbacks, date(2031, 2, 15)) == 1  # 1 month
    assert _sent(django_capture_on_commit_callbacks, end) == 0
    assert _sent(django_capture_on_commit_callbacks, end + timedelta(days=1)) == 0  # expired
    assert list(RenewalReminder.objects.values_list("months_before", "sent_on")) == [
        (12, date(2030, 3, 15)),
        (6, date(2030, 9, 15)),
        (1, date(2031, 2, 15)),
    ]
    assert [m.subject for m in mail.outbox[-3:]] == ["Je registratie verloopt op 14 maart 2031"] * 3
    assert "Over 12 maanden verloopt je registratie" in mail.outbox[-3].body
    assert "Over 1 maand verloopt je registratie" in mail.outbox[-1].body


def test_a_registration_inside_a_window_gets_the_nearest_reminder_only(
    make_registration, candidate, django_capture_on_commit_callbacks
):
    registration = make_registration(candidate, starts_on=date(2027, 3, 15))
    five_months_left = rules.expiring_from(registration.valid_until, months=5)
    assert _sent(django_capture_on_commit_callbacks, five_months_left) == 1
    assert _sent(django_capture_on_commit_callbacks, five_months_left + timedelta(days=1)) == 0
    assert list(RenewalReminder.objects.values_list("months_before", flat=True)) == [6]


def test_the_reminder_is_due_on_the_local_date(
    boundary_clock, make_registration, candidate, django_capture_on_commit_callbacks
):
    today = boundary_clock.local.date()
    # Registered 36 months ago for 48: today is exactly twelve months before the end.
    registration = make_registration(candidate, starts_on=rules.add_months(today, -36))
    assert rules.expiring_from(registration.valid_until, months=12) == today
    assert send_renewal_reminders(today=today - timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        counts = daily_register.delay().get()
    # The registration had no certificate yet (its grant's task was lost): queued too.
    assert counts == {"status_changed": 0, "reminded": 1, "certificates_queued": 1}
    assert Certificate.objects.filter(registration=registration).exists()
    assert list(RenewalReminder.objects.values_list("months_before", "sent_on")) == [(12, today)]
    assert [m.to for m in mail.outbox] == [[candidate.email]]
    assert run_daily(today=timezone.localdate()) == {"status_changed": 0, "reminded": 0}


def test_the_daily_run_is_scheduled_at_a_fixed_local_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["register-daily"]
    assert entry == {"task": "register.tasks.daily_register", "schedule": crontab(hour=6, minute=0)}
    assert settings.CELERY_TIMEZONE == settings.TIME_ZONE == "Europe/Amsterdam"
