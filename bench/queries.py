"""Query count, status and response size of every benchmarked page (Django's test client).

Run by bench/run.py with the benchmark's environment; prints one BENCH_JSON line.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.pages import pages, session_for
from portal.celery import app as celery_app


def main() -> None:
    # The load run's gunicorn has no Celery worker: tasks run here, in the warm-up request
    # of each page, as a worker would have run them (the quality dashboard's figures,
    # quality.stored, 10-13 s at full size), so that the load run measures the page with
    # its figures and not the "being computed" page.
    celery_app.conf.task_always_eager = True
    result = {}
    for name, path, user in pages():
        client = Client(HTTP_HOST="127.0.0.1")
        if user is not None:
            client.cookies["sessionid"] = session_for(user)
        client.get(path, secure=True)  # warm: templates, the framework's caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, secure=True)
        result[name] = {
            "status": response.status_code,
            "queries": len(captured),
            "bytes": len(response.content),
        }
        print(
            f"{name:34} {response.status_code}  {len(captured):3} queries  "
            f"{len(response.content) / 1024:7.1f} KiB",
            file=sys.stderr,
        )
    print("BENCH_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
