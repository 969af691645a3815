"""Celery throughput: N decision reports queued, the time until all are stored, with 1 and
with 2 worker processes (each `celery worker --concurrency 1`, as on separate machines).

Usage (the benchmark's environment: PostgreSQL with decided reviews, CELERY_BROKER_URL):
    .venv/bin/python bench/celery_throughput.py --reports 20 [--json]

Each worker first makes one report of its own (the import of WeasyPrint and the first
layout are paid there, as on a worker that has been running); then the existing reports
of the N reviews are removed, the N tasks queued at once, and the clock runs until the
N reports are stored.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.conf import settings

from assessment.enums import ReviewState
from assessment.models import Report, Review
from assessment.tasks import generate_report
from portal.celery import app


def clear_reports(review_ids) -> None:
    for report in Report.objects.filter(review_id__in=review_ids):
        report.file.delete(save=False)
    Report.objects.filter(review_id__in=review_ids).delete()


def wait_for(review_ids, timeout: float) -> float:
    start = time.perf_counter()
    while Report.objects.filter(review_id__in=review_ids).count() < len(review_ids):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"reports not stored within {timeout} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def queue(reviews) -> None:
    for review in reviews:
        generate_report.delay(review_id=review.pk, round=review.round)


def start_workers(count: int) -> list[subprocess.Popen]:
    celery = str(Path(sys.executable).parent / "celery")
    workers = [
        subprocess.Popen(
            [
                celery,
                "-A",
                "portal",
                "worker",
                "--concurrency",
                "1",
                "--hostname",
                f"bench{n}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            start_new_session=True,
        )
        for n in range(count)
    ]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=0.5) or []) >= count:
            return workers
    raise RuntimeError("the workers did not start")


def stop_workers(workers) -> None:
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not settings.CELERY_BROKER_URL:
        sys.exit("Set CELERY_BROKER_URL (a Redis database of its own).")
    decided = list(
        Review.objects.filter(state=ReviewState.DECIDED).order_by("pk")[: args.reports + 2]
    )
    if len(decided) < args.reports + 2:
        sys.exit(f"Needs {args.reports + 2} decided reviews; found {len(decided)}.")
    warm, measured = decided[:2], decided[2:]
    app.control.purge()
    result = {"reports": args.reports}
    for count in (1, 2):
        workers = start_workers(count)
        try:
            clear_reports([r.pk for r in warm])
            queue(warm[:count] if count == 1 else warm)  # one warm-up report per worker
            wait_for([r.pk for r in (warm[:count] if count == 1 else warm)], timeout=300)
            clear_reports([r.pk for r in measured])
            start = time.perf_counter()
            queue(measured)
            wait_for([r.pk for r in measured], timeout=1500)
            seconds = time.perf_counter() - start
        finally:
            stop_workers(workers)
        result[f"workers_{count}"] = {
            "seconds": seconds,
            "reports_per_minute": 60 * args.reports / seconds,
        }
        print(
            f"{count} worker(s): {args.reports} reports in {seconds:.1f} s "
            f"({60 * args.reports / seconds:.1f}/min)",
            file=sys.stderr if args.json else sys.stdout,
        )
    if args.json:
        print("BENCH_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
