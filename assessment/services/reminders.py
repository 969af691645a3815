"""Deadline reminders (the daily Celery beat task): assessors whose assessment is nearly
due, candidates whose additions are nearly due.

Every comparison is on local dates (Europe/Amsterdam, `timezone.localdate`), and each
reminder that goes out is a `Reminder` row, unique per review, kind, round and local
day: a second run on the same day, or two runs at once, send nothing more.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assessment import workflow
from assessment.enums import ReminderKind, ReviewState
from assessment.models import Reminder, Review
from assessment.selectors import assessment_deadline
from portal.mail import queue_mail
from portfolio.enums import PortfolioState


def _claim(review: Review, kind: str, today) -> bool:
    """Record today's reminder; False if this review already had it today (this run or
    another one at the same time: the unique constraint decides)."""
    _reminder, created = Reminder.objects.get_or_create(
        review=review, kind=kind, round=review.round, sent_on=today
    )
    return created


def send_deadline_reminders(*, now) -> int:
    """E-mail assessors whose assessment is due within the framework's reminder period
    and not yet submitted, once per local day; then the candidates' additions. Returns
    the number of e-mails' recipients."""
    today = timezone.localdate(now)
    sent = 0
    reviews = Review.objects.filter(state__in=workflow.SCORING).select_related(
        "portfolio__framework_version", "portfolio__candidate"
    )
    for review in reviews.prefetch_related("assignments__assessor", "assignments__assessments"):
        deadline = assessment_deadline(review)
        version = review.portfolio.framework_version
        if deadline is None:
            continue
        if today < deadline - timedelta(days=version.reminder_days):
            continue
        late = [
            a.assessor
            for a in review.assignments.all()
            if a.withdrawn_at is None
            and not any(s.round == review.round and s.submitted_at for s in a.assessments.all())
        ]
        if not late:
            continue
        with transaction.atomic():
            if not _claim(review, ReminderKind.ASSESSMENT, today):
                continue
            queue_mail(
                template="assessment/email/reminder",
                context={"review": review, "deadline": deadline, "site_url": settings.SITE_URL},
                to=[a.email for a in late],
            )
        sent += len(late)
    return sent + _remind_additions(today=today)


def _remind_additions(*, today) -> int:
    """Candidates whose additions are due within the reminder period: one e-mail a day."""
    sent = 0
    reviews = Review.objects.filter(
        state=ReviewState.ADDITIONS_REQUESTED, portfolio__state=PortfolioState.REOPENED
    ).select_related("portfolio__framework_version", "portfolio__candidate")
    for review in reviews:
        portfolio = review.portfolio
        deadline = portfolio.additions_deadline
        version = portfolio.framework_version
        if deadline is None or today < deadline - timedelta(days=version.reminder_days):
            continue
        with transaction.atomic():
            if not _claim(review, ReminderKind.ADDITIONS, today):
                continue
            queue_mail(
                template="assessment/email/additions_reminder",
                context={"portfolio": portfolio, "site_url": settings.SITE_URL},
                to=[portfolio.candidate.email],
            )
        sent += 1
    return sent
