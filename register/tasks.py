import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

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
    return counts
