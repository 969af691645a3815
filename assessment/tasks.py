from celery import shared_task

from assessment import services


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=10,
    retry_backoff_max=300,
    max_retries=5,
    time_limit=300,
    soft_time_limit=240,
)
def generate_report(*, review_id: int, round: int) -> str | None:  # noqa: A002
    """Make the decision report. Idempotent: returns quietly if it exists or the review
    is gone; the service re-checks under a row lock."""
    report = services.make_report(review_id=review_id, round=round)
    return report.file.name if report else None


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def deadline_reminders() -> int:
    """Daily (Celery beat): remind assessors of assessments that are nearly due."""
    from django.utils import timezone  # noqa: PLC0415

    return services.send_deadline_reminders(now=timezone.now())
