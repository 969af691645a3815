from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from profiles.models import FrameworkVersion
from quality import stored


@shared_task(acks_late=True, time_limit=150, soft_time_limit=120)
def compute_figures(*, version_id: int, start: str, end: str, language: str) -> str | None:
    """Compute the quality dashboard's figures of one request and keep them (the page
    reads them, quality.stored). Time-limited here; the worker process's memory is
    limited by portal.celery (CELERY_WORKER_MEMORY_MB). Idempotent. Without a result the
    in-flight mark is released, so the next visit queues another."""
    version = FrameworkVersion.objects.filter(pk=version_id).first()
    if version is None:
        return None
    try:
        return stored.compute(version, stored.parse_period(start, end), language)
    except (SoftTimeLimitExceeded, MemoryError):
        return None
