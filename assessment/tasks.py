from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.db.models import Exists, OuterRef
from django.utils import timezone

from assessment.enums import ReviewState
from assessment.models import Report, Review
from assessment.services.reminders import send_deadline_reminders
from assessment.services.reports import make_report

# Storage hiccups (OSError) and a database that restarted or failed over under the
# worker (OperationalError/InterfaceError) are worth another try; the task is idempotent.
TRANSIENT = (OSError, OperationalError, InterfaceError)


@shared_task(
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=10,
    retry_backoff_max=300,
    max_retries=5,
    time_limit=300,
    soft_time_limit=240,
)
def generate_report(*, review_id: int, round: int) -> str | None:  # noqa: A002
    """Make the decision report. Idempotent: returns quietly if it exists or the review
    is gone; the service re-checks under a row lock."""
    report = make_report(review_id=review_id, round=round)
    return report.file.name if report else None


@shared_task(acks_late=True, autoretry_for=TRANSIENT, retry_backoff=60, max_retries=3)
def queue_missing_reports() -> int:
    """Hourly (Celery beat): queue the report of every decided review that has none for
    its round. Makes up for a report task that was lost (the broker was down when the
    decision was taken); queueing twice is harmless."""
    has_report = Report.objects.filter(review=OuterRef("pk"), round=OuterRef("round"))
    missing = Review.objects.filter(state=ReviewState.DECIDED).filter(~Exists(has_report))
    queued = 0
    for review_id, round_ in missing.values_list("pk", "round"):
        generate_report.delay(review_id=review_id, round=round_)
        queued += 1
    return queued


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def deadline_reminders() -> int:
    """Daily (Celery beat): remind assessors of assessments that are nearly due."""
    return send_deadline_reminders(now=timezone.now())
