"""The Celery app. Without CELERY_BROKER_URL, settings make every task run eagerly."""

import os
import resource

from celery import Celery
from celery.signals import worker_process_init
from django.conf import settings  # lazy by itself: read when a worker process starts

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Celery's "current app" is per thread; without a default, a task queued from another
# thread (a threaded server, a test's racing threads) would go to a bare fallback app
# with no configuration: not eager, and publishing to amqp://localhost.
app.set_default()


@worker_process_init.connect
def limit_worker_memory(**_kwargs) -> None:
    """Each pool process of a worker gets a hard address-space limit: a PDF or export
    that grows with what users wrote fails with a MemoryError (the task marks its file
    failed) instead of taking the machine's memory. Never in a web process (eager tasks
    run there; the limit is only set in a worker's pool process)."""
    limit = settings.CELERY_WORKER_MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
