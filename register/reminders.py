"""The register's daily run (Celery beat): statuses follow the calendar, and renewal
reminders go out at the office's offsets (12, 6 and 1 month(s) before the end).

Local dates only. Each reminder is a `RenewalReminder` row, unique per registration,
offset and period: a second run, or two at once, send nothing more. A registration that
enters a window late (registered with five months left) gets the nearest reminder only.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q

from portal.mail import queue_mail
from register import rules, services
from register.enums import RegistrationStatus
from register.models import Registration, RenewalReminder
from register.selectors import policies, policy_for


def run_daily(*, today: date) -> dict:
    """Follow the calendar, then remind. Returns the counts (for the task's log)."""
    known = policies()
    changed = 0
    # The office's statuses stand, except a suspension whose last day has passed.
    live = Registration.objects.filter(
        Q(status__in=rules.BY_CALENDAR)
        | Q(status=RegistrationStatus.SUSPENDED, suspended_until__lt=today)
    ).select_related("candidate")
    for registration in live.iterator(chunk_size=500):
        changed += services.follow_calendar(registration=registration, today=today, known=known)
    return {"status_changed": changed, "reminded": send_renewal_reminders(today=today)}


def due_offset(registration, *, today: date, offsets: list[int]) -> int | None:
    """The nearest offset (months before the end) whose day has come, if the period has
    not ended yet."""
    if today > registration.valid_until:
        return None
    end = registration.valid_until
    due = [m for m in offsets if today >= rules.expiring_from(end, months=m)]
    return min(due) if due else None


def send_renewal_reminders(*, today: date) -> int:
    """E-mail each registration whose reminder offset has come, once per offset."""
    known = policies()
    sent = 0
    live = Registration.objects.filter(status__in=rules.BY_CALENDAR).select_related("candidate")
    for registration in live.filter(valid_until__gte=today).iterator(chunk_size=500):
        policy = policy_for(registration.framework_version_id, known)
        offset = due_offset(registration, today=today, offsets=policy.reminder_offsets)
        if offset is None:
            continue
        try:
            with transaction.atomic():
                _reminder, created = RenewalReminder.objects.get_or_create(
                    registration=registration,
                    months_before=offset,
                    valid_until=registration.valid_until,
                    defaults={"sent_on": today},
                )
                if created:
                    queue_mail(
                        template="register/email/renewal_reminder",
                        context={"registration": registration, "months": offset},
                        to=[registration.candidate.email],
                    )
        except IntegrityError:  # another run claimed it between the get and the create
            continue
        sent += created
    return sent
