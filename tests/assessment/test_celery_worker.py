"""The report task on a real Celery worker with a Redis broker (CI's service run).

Skipped unless TEST_CELERY_BROKER is set and the database is PostgreSQL (the worker is a
separate process and must see the test database).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from assessment.enums import Decision
from assessment.models import Report
from assessment.services.decision import decide
from portal.celery import app
from tests.assessment.helpers import agree_everything, hold_interview

BROKER = os.environ.get("TEST_CELERY_BROKER")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not BROKER or connection.vendor != "postgresql",
    reason="needs TEST_CELERY_BROKER and PostgreSQL (CI's service run)",
)


@pytest.fixture
def worker(tmp_path, settings):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": BROKER,
        "PRIVATE_ROOT": settings.STORAGES["default"]["OPTIONS"]["location"],
    }
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed in teardown
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "-Q",
            "celery",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    _point_producers_at(BROKER)
    app.conf.task_always_eager = False
    settings.CELERY_BROKER_URL = BROKER
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "ready." not in (tmp_path / "worker.log").read_text():
        time.sleep(0.5)
    process.log_path = tmp_path / "worker.log"
    yield process
    app.conf.task_always_eager = True
    _point_producers_at("")
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    log.close()


def _point_producers_at(url: str) -> None:
    """Publish to `url` from now on. Celery caches its connection pools on first use (an
    earlier test may have made them for the default broker), so they are dropped here, as
    Celery itself does after a fork."""
    app.conf.broker_url = url or None
    if app._pool is not None:  # no public API resets the cached pool
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_the_report_is_made_once_by_a_real_worker(
    worker, declared, assessor, second_assessor, office
):
    first, second = declared
    review = hold_interview(
        agree_everything(first, second, assessor, second_assessor), office, assessor
    )
    decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    from assessment.tasks import generate_report  # noqa: PLC0415

    generate_report.delay(review_id=review.pk, round=review.round)  # a duplicate: still one
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not Report.objects.filter(review=review).exists():
        time.sleep(0.5)
    time.sleep(3)  # let the duplicate run too
    reports = list(Report.objects.filter(review=review))
    assert len(reports) == 1, worker.log_path.read_text()[-3000:]
    with reports[0].file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert worker.poll() is None  # the worker is still alive
