"""A Celery worker killed (SIGKILL) in the middle of a report: after a restart the report
exists exactly once (one Report row, one file in storage, a valid PDF).

Real processes: a Redis broker (TEST_CELERY_BROKER) and the test database on PostgreSQL,
which the workers reach over their own connections. The worker is
`tests.reliability.slow_worker`: the portal's worker with holding points (see there).

Three ways to die:
1. the pool child dies (OOM killer): the worker's main process sees the loss and,
   with acks_late + reject_on_worker_lost, requeues the message at once;
2. the whole worker dies (host lost): the message stays "unacked" in Redis and comes
   back after the broker's visibility_timeout (short here, an hour in production);
3. the whole worker dies after the PDF was stored but before the row was committed: the
   next attempt removes the orphan file before storing its own.
"""

import contextlib
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from kombu import pools as kombu_pools
from pypdf import PdfReader

from assessment.enums import Decision
from assessment.models import Report
from assessment.services.decision import decide
from portal.celery import app
from portal.enums import Role
from tests.factories.users import UserFactory

BROKER = os.environ.get("TEST_CELERY_BROKER")
ROOT = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 5  # seconds; production: an hour

pytestmark = [
    pytest.mark.skipif(
        not BROKER or connection.vendor != "postgresql",
        reason="needs TEST_CELERY_BROKER (Redis) and PostgreSQL (CI's service run)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _wait(condition, *, timeout: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    tail = log.read_text()[-3000:] if log and log.exists() else ""
    pytest.fail(f"timed out waiting for {what}\n{tail}")


def _lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


class Workers:
    """Starts slow workers, each in its own process group, and stops them all."""

    def __init__(self, tmp_path, storage_root):
        self.tmp_path = tmp_path
        self.gates = tmp_path / "gates"
        self.gates.mkdir()
        db = connection.settings_dict
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": BROKER,
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            "PRIVATE_ROOT": storage_root,
            "CRASH_TEST_GATES": str(self.gates),
            "PYTHONPATH": str(ROOT),
        }
        self.processes = []

    def start(self, *, visibility_timeout: int = VISIBILITY_TIMEOUT):
        log = self.tmp_path / f"worker{len(self.processes) + 1}.log"
        env = {**self.env, "CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout)}
        with log.open("w") as handle:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.reliability.slow_worker",
                    "worker",
                    "--pool=prefork",
                    "--concurrency=1",
                    "--loglevel=INFO",
                    "-Q",
                    "celery",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killpg hits the pool too
            )
        process.log = log
        self.processes.append(process)
        _wait(lambda: "ready." in log.read_text(), timeout=90, what="worker ready", log=log)
        return process

    def kill(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=30)


def _point_producers_at(url: str) -> None:
    """Publish to `url` from now on. Celery caches its connection pool on first use and
    kombu keeps producer pools per broker URL in a global registry; both are dropped."""
    app.conf.broker_url = url or None
    kombu_pools.reset()
    app._pool = None  # no public API resets the cached pool
    app.amqp._producer_pool = None


def _clear_broker() -> None:
    import redis  # noqa: PLC0415

    client = redis.Redis.from_url(BROKER)
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")
    client.close()


@pytest.fixture
def workers(tmp_path, settings):
    _clear_broker()
    pool = Workers(tmp_path, settings.STORAGES["default"]["OPTIONS"]["location"])
    yield pool
    app.conf.task_always_eager = True
    _point_producers_at("")
    pool.stop_all()
    _clear_broker()


def _decide_on_the_broker(review):
    """The office decides; on commit the report task goes to the broker."""
    _point_producers_at(BROKER)
    app.conf.task_always_eager = False
    office = UserFactory(email="bureau.besluit@example.nl", role=Role.OFFICE)
    # The grant's certificate task stays off the broker: the report's message must be the
    # only one, or the worker reserves it while rendering the certificate first and its
    # visibility timeout runs out early (the redelivery timing below is the report's).
    with mock.patch("register.certificate.queue"):
        decide(review=review, decision=Decision.GRANTED, reason="", actor=office)


def _report_files(review) -> list[str]:
    folder = f"reports/{review.pk}"
    with contextlib.suppress(FileNotFoundError):
        return sorted(f"{folder}/{name}" for name in default_storage.listdir(folder)[1])
    return []


def _assert_made_once(review, log: Path):
    _wait(
        lambda: Report.objects.filter(review=review).exists(),
        timeout=120,
        what="the report",
        log=log,
    )
    time.sleep(2)  # a duplicate, if any, would land now
    reports = list(Report.objects.filter(review=review))
    assert len(reports) == 1, log.read_text()[-3000:]
    report = reports[0]
    assert _report_files(review) == [report.file.name]
    with report.file.open("rb") as handle:
        pdf = handle.read()
    assert hashlib.sha256(pdf).hexdigest() == report.sha256
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    assert "Kim Kras" in "".join(page.extract_text() for page in reader.pages)


def test_pool_child_killed_mid_render_is_requeued_at_once(workers, agreed_review):
    (workers.gates / "render.gate").touch()
    # A visibility timeout far longer than the test: only the requeue can bring it back.
    worker = workers.start(visibility_timeout=3600)
    _decide_on_the_broker(agreed_review)
    reached = workers.gates / "render.reached"
    (child,) = _wait(lambda: _lines(reached), timeout=90, what="rendering", log=worker.log)
    assert int(child) != worker.pid  # the pool's child process, not the main process
    os.kill(int(child), signal.SIGKILL)
    # The main process requeues (reject_on_worker_lost) and a new child takes it: within
    # the minute waited here, not after the hour's visibility timeout this worker has.
    _wait(lambda: len(_lines(reached)) == 2, timeout=60, what="the retry", log=worker.log)
    assert _lines(reached)[1] != child
    assert _report_files(agreed_review) == []
    (workers.gates / "render.gate").unlink()
    _assert_made_once(agreed_review, worker.log)
    assert worker.poll() is None
    assert "WorkerLostError" in worker.log.read_text()


def test_whole_worker_killed_mid_render_redelivers_after_visibility_timeout(workers, agreed_review):
    (workers.gates / "render.gate").touch()
    first = workers.start()
    _decide_on_the_broker(agreed_review)
    reached = workers.gates / "render.reached"
    _wait(lambda: _lines(reached), timeout=90, what="rendering", log=first.log)
    workers.kill(first)
    killed_at = time.monotonic()
    (workers.gates / "render.gate").unlink()
    second = workers.start()
    _wait(lambda: len(_lines(reached)) == 2, timeout=90, what="redelivery", log=second.log)
    redelivered_after = time.monotonic() - killed_at
    _assert_made_once(agreed_review, second.log)
    assert redelivered_after >= VISIBILITY_TIMEOUT


def test_whole_worker_killed_after_storing_the_file_leaves_no_orphan(workers, agreed_review):
    (workers.gates / "store.gate").touch()
    first = workers.start()
    _decide_on_the_broker(agreed_review)
    stored = workers.gates / "store.reached"
    _wait(lambda: _lines(stored), timeout=90, what="the stored PDF", log=first.log)
    workers.kill(first)
    orphans = _report_files(agreed_review)
    assert len(orphans) == 1  # the PDF is in storage, the row never committed
    assert not Report.objects.filter(review=agreed_review).exists()
    (workers.gates / "store.gate").unlink()
    second = workers.start()
    _assert_made_once(agreed_review, second.log)
    assert _report_files(agreed_review) != orphans
