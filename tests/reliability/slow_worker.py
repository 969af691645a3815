"""A Celery worker for the crash tests, never used in production.

`python -m tests.reliability.slow_worker worker ...` starts the portal's worker with two
holding points the test controls through files in $CRASH_TEST_GATES:

- ``render``: inside PDF rendering (nothing stored yet);
- ``store``: the PDF is in storage, the Report row not yet written or committed.

At each point the process appends its pid to ``<point>.reached`` and then waits while
``<point>.gate`` exists (at most two minutes), so the test knows exactly where the
worker is when it kills it. The patches are applied before the pool forks, so the
pool's child processes inherit them.
"""

import os
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
django.setup()

from assessment.models import Report  # noqa: E402 - needs django.setup()
from portal import reports  # noqa: E402
from portal.celery import app  # noqa: E402

GATES = Path(os.environ["CRASH_TEST_GATES"])


def hold(point: str) -> None:
    with (GATES / f"{point}.reached").open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    deadline = time.monotonic() + 120
    while (GATES / f"{point}.gate").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


_render_pdf = reports.render_pdf
_report_save = Report.save


def render_pdf(template, context):
    hold("render")
    return _render_pdf(template, context)


def report_save(self, *args, **kwargs):
    hold("store")
    return _report_save(self, *args, **kwargs)


reports.render_pdf = render_pdf
Report.save = report_save

if __name__ == "__main__":
    app.worker_main(sys.argv[1:])
