from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from downloads import services

TRANSIENT = (OSError, OperationalError, InterfaceError)


@shared_task(
    acks_late=True,
    autoretry_for=TRANSIENT,
    retry_backoff=5,
    max_retries=3,
    time_limit=150,
    soft_time_limit=120,
)
def build_prepared_file(*, prepared_id: int) -> int | None:
    """Make a requested file (a PDF, an export). Time-limited here; the worker process's
    memory is limited by portal.celery (CELERY_WORKER_MEMORY_MB). Idempotent."""
    try:
        prepared = services.build(prepared_id=prepared_id)
    except (SoftTimeLimitExceeded, MemoryError):
        services.fail(
            prepared_id=prepared_id,
            message=_("Het bestand is te groot of te ingewikkeld om te maken."),
        )
        return None
    return prepared.pk if prepared else None


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240)
def forget_old_files() -> int:
    """Daily (Celery beat): delete prepared files older than a day."""
    return services.forget_old_files()
