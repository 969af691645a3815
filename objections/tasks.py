from celery import shared_task
from django.utils import timezone

from objections import reminders


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def deadline_reminders() -> int:
    """Daily (Celery beat): remind the office and the committee members of objection
    deadlines (idempotent per local day)."""
    return reminders.send_reminders(now=timezone.now())
