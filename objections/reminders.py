"""Objection reminders (the daily Celery beat task): the office for an objection not yet
assigned by its assignment deadline, the member for an outcome nearly due.

Local dates throughout; each reminder that goes out is an `ObjectionReminder` row, unique
per objection, kind and local day: a second run that day, or two at once, sends nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from objections import periods
from objections.enums import ObjectionReminderKind, ObjectionState
from objections.models import Objection, ObjectionReminder
from portal.mail import queue_mail


def _claim(objection: Objection, kind: str, today) -> bool:
    _row, created = ObjectionReminder.objects.get_or_create(
        objection=objection, kind=kind, sent_on=today
    )
    return created


def _due(objection: Objection, today):
    """(kind, deadline, recipients) when a reminder is due today, else None."""
    terms = periods.terms_for(objection.review.portfolio.framework_version)
    if objection.state == ObjectionState.LODGED:
        deadline = periods.assignment_deadline(objection, terms)
        kind, to = ObjectionReminderKind.ASSIGNMENT, [settings.OFFICE_EMAIL]
    else:
        deadline = periods.decision_deadline(objection, terms)
        kind, to = ObjectionReminderKind.DECISION, [objection.member.email]
    if deadline is None or today < deadline - timedelta(days=terms.reminder_days):
        return None
    return kind, deadline, to


def send_reminders(*, now) -> int:
    """One e-mail per open objection and local day once its deadline is near (or past).
    Returns the number of e-mails."""
    today = timezone.localdate(now)
    sent = 0
    objections = Objection.objects.filter(
        state__in=(ObjectionState.LODGED, ObjectionState.ASSIGNED, ObjectionState.IN_REVIEW)
    ).select_related("review__portfolio__framework_version__objection_terms", "member")
    for objection in objections:
        due = _due(objection, today)
        if due is None:
            continue
        kind, deadline, to = due
        with transaction.atomic():
            if not _claim(objection, kind, today):
                continue
            queue_mail(
                template="objections/email/reminder",
                context={"objection": objection, "deadline": deadline, "kind": kind},
                to=to,
            )
        sent += 1
    return sent
