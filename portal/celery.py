"""The Celery app. Without CELERY_BROKER_URL, settings make every task run eagerly."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Celery's "current app" is per thread; without a default, a task queued from another
# thread (a threaded server, a test's racing threads) would go to a bare fallback app
# with no configuration: not eager, and publishing to amqp://localhost.
app.set_default()
