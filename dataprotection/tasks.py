from celery import shared_task
from django.conf import settings
from django.utils import timezone

from dataprotection import services


@shared_task(acks_late=True, time_limit=1800, soft_time_limit=1700)
def erase_expired_candidates() -> int:
    """Daily (Celery beat): anonymise every candidate past the retention period, with the
    same service as `manage.py erase_expired_candidates`. Idempotent: an erased candidate
    is never picked again. Off when RETENTION_AUTO_ERASE=0."""
    if not settings.RETENTION_AUTO_ERASE:
        return 0
    return len(services.erase_expired(now=timezone.now()))
