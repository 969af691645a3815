import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from register import certificate
from register.reminders import run_daily

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    # A database that restarted under the worker is worth another try: the run is
    # idempotent (statuses compared, reminders claimed by a unique row).
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=60,
    max_retries=3,
    time_limit=30 * 60,
    soft_time_limit=25 * 60,
)
def daily_register():
    """Statuses follow the calendar and renewal reminders go out (idempotent)."""
    counts = run_daily(today=timezone.localdate())
    logger.info("register: %(status_changed)s statuses changed, %(reminded)s reminded", counts)
    counts["certificates_queued"] = certificate.queue_missing()
    return counts


@shared_task(
    acks_late=True,
    # Storage hiccups and a database that restarted are worth another try: the task is
    # idempotent (it renders only when the stored certificate prints something else).
    autoretry_for=(OSError, OperationalError, InterfaceError),
    retry_backoff=10,
    retry_backoff_max=300,
    max_retries=5,
    # One page: seconds. The worker's address space is bounded as well
    # (portal.celery.limit_worker_memory, CELERY_WORKER_MEMORY_MB).
    time_limit=120,
    soft_time_limit=100,
)
def make_certificate(*, registration_id: int) -> str | None:
    """(Re)make the registration's certificate PDF if it is missing or out of date."""
    made = certificate.make_certificate(registration_id=registration_id)
    return made.file.name if made else None
