"""gunicorn settings for the portal (`gunicorn -c deploy/gunicorn.conf.py portal.wsgi`).

Every value can be overridden from the environment, so the same file serves one small
machine and several larger ones behind a proxy.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: the pages are short database reads; PDFs are rendered by Celery
# workers or, for the candidate's own preview, within the timeout below.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never builds up (not too often: a
# recycled worker's first requests wait for it, see when_ready).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = 1000
# Import the application once in the master: workers fork with Django loaded (faster
# start, shared memory). WeasyPrint stays lazy (imported on the first PDF).
preload_app = True


def when_ready(server):
    """In the master, before the first worker is forked: templates compiled and the
    published framework read, so that no worker (also none forked later) starts cold."""
    from portal.warmup import warm_up  # noqa: PLC0415 - Django is set up by now (preload)

    server.log.info("warm-up: %s", warm_up())


# The proxy in front terminates TLS and sets X-Forwarded-Proto; trust it only from the
# addresses listed (loopback by default; the proxy's address on a separate machine).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
