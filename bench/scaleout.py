"""Scale-out check: two gunicorn instances behind a local nginx, sharing PostgreSQL,
Redis and an S3 server (moto), with a candidate's session and upload crossing both.

    .venv/bin/python bench/scaleout.py [--database bench_load] [--json]

Needs nginx (`apt-get install nginx-light`), PostgreSQL with the data of
bench/generate.py, Redis, and moto (in the dev extras). Everything listens on loopback
and stops at the end. nginx adds the header X-Upstream (which gunicorn answered) so the
check can see that consecutive requests were served by different instances:

1. log in through the proxy (the login form from one instance, the POST to the other);
2. open the dashboard through both instances with the same session cookie;
3. upload a PDF through one instance (stored in the S3 bucket);
4. download it through the other (a redirect to a presigned URL; the bytes match).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

NGINX_CONF = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream portal_web {{
        server 127.0.0.1:{port_a};
        server 127.0.0.1:{port_b};
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 20m;
        location / {{
            proxy_pass http://portal_web;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def wait_http(url: str, seconds: float = 60) -> None:
    import requests  # noqa: PLC0415

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
        except requests.RequestException:
            time.sleep(0.3)
        else:
            return
    raise RuntimeError(f"{url} did not answer within {seconds} s")


class Browser:
    """A cookie jar that also keeps Secure cookies over loopback http (production
    settings mark the session cookie Secure; TLS is the proxy's job in real use)."""

    def __init__(self, base: str):
        import requests  # noqa: PLC0415

        self.base = base
        self.http = requests.Session()
        self.cookies: dict[str, str] = {}
        self.upstreams: list[str] = []

    def request(self, method: str, path: str, **kwargs):
        headers = kwargs.pop("headers", {})
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        url = path if path.startswith("http") else self.base + path
        response = self.http.request(
            method, url, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        self.http.cookies.clear()
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        if "X-Upstream" in response.headers:
            self.upstreams.append(response.headers["X-Upstream"])
        return response

    def csrf(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default=os.environ.get("BENCH_DB", "bench_load"))
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        sys.exit("nginx is missing: apt-get install nginx-light")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    port_a, port_b, port_s3 = args.port + 1, args.port + 2, args.port + 3
    bucket = "bench-scaleout"
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "PORTAL_MODE": "production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "MFA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
            "REDIS_CACHE_URL": "redis://127.0.0.1:6379/11",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/10",
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{port_s3}",
            "S3_REGION": "eu-west-1",
            "S3_ACCESS_KEY_ID": "bench",
            "S3_SECRET_ACCESS_KEY": "bench-secret",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench-secret",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_ACCESSLOG": "",
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.update(env)
    import django  # noqa: PLC0415

    django.setup()
    import boto3  # noqa: PLC0415

    from bench.generate import BENCH_PASSWORD  # noqa: PLC0415
    from portfolio.enums import PortfolioState  # noqa: PLC0415
    from portfolio.models import Document, Portfolio  # noqa: PLC0415
    from profiles.enums import AnswerKind  # noqa: PLC0415
    from profiles.models import Question  # noqa: PLC0415
    from tests.factories.files import pdf_document  # noqa: PLC0415

    portfolio = (
        Portfolio.objects.filter(state=PortfolioState.DRAFT, candidate__email__contains="@bench.")
        .select_related("candidate")
        .order_by("pk")
        .first()
    )
    question = Question.objects.filter(
        section__version=portfolio.framework_version_id, answer_kind=AnswerKind.UPLOAD
    ).first()
    from django.db import connection  # noqa: PLC0415

    connection.close()
    tmp = Path(tempfile.mkdtemp(prefix="bench-scaleout-"))
    processes = []
    try:
        moto = subprocess.Popen(
            [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port_s3)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        processes.append(moto)
        wait_http(f"http://127.0.0.1:{port_s3}/")
        s3 = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{port_s3}",
            region_name="eu-west-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench-secret",  # noqa: S106 - moto on loopback
        )
        s3.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        for port in (port_a, port_b):
            processes.append(
                subprocess.Popen(
                    [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    cwd=ROOT,
                    start_new_session=True,
                )
            )
        for port in (port_a, port_b):
            wait_http(f"http://127.0.0.1:{port}/health/")
        (tmp / "nginx.conf").write_text(
            NGINX_CONF.format(tmp=tmp, port=args.port, port_a=port_a, port_b=port_b)
        )
        processes.append(
            subprocess.Popen(
                [nginx, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        wait_http(f"http://127.0.0.1:{args.port}/health/")

        browser = Browser(f"http://127.0.0.1:{args.port}")
        checks = {}
        login_page = browser.request("GET", "/accounts/login/")
        response = browser.request(
            "POST",
            "/accounts/login/",
            data={
                "csrfmiddlewaretoken": browser.csrf(login_page.text),
                "login": portfolio.candidate.email,
                "password": BENCH_PASSWORD,
            },
            headers={"Referer": f"http://127.0.0.1:{args.port}/accounts/login/"},
        )
        checks["login"] = response.status_code == 302
        dashboards = []
        for _ in range(4):
            page = browser.request("GET", f"/portfolio/{portfolio.pk}/")
            dashboards.append((page.status_code, browser.upstreams[-1]))
        checks["session on both instances"] = {s for s, _u in dashboards} == {200} and len(
            {u for _s, u in dashboards}
        ) == 2
        section = browser.request(
            "GET", f"/portfolio/{portfolio.pk}/onderdeel/{question.section.code}/"
        )
        data = pdf_document("cv-schaal").read()
        before = set(Document.objects.filter(portfolio=portfolio).values_list("pk", flat=True))
        upload = browser.request(
            "POST",
            f"/portfolio/{portfolio.pk}/upload/question/{question.pk}/",
            data={
                "csrfmiddlewaretoken": browser.csrf(section.text),
                "document_date": "2026-01-15",
            },
            files={"file": ("cv-schaal.pdf", data, "application/pdf")},
        )
        upload_upstream = browser.upstreams[-1]
        new = Document.objects.filter(portfolio=portfolio).exclude(pk__in=before).first()
        checks["upload stored in S3"] = (
            upload.status_code == 302
            and new is not None
            and s3.head_object(Bucket=bucket, Key=new.file.name)["ContentLength"] == len(data)
        )
        downloads = []
        for _ in range(2):
            response = browser.request("GET", f"/portfolio/{portfolio.pk}/documenten/{new.pk}/")
            served_by = browser.upstreams[-1]
            import requests  # noqa: PLC0415

            body = requests.get(response.headers["Location"], timeout=10).content
            downloads.append((response.status_code, served_by, body == data))
        checks["download through the other instance"] = (
            all(status == 302 and same for status, _u, same in downloads)
            and len({u for _s, u, _same in downloads} | {upload_upstream}) == 2
        )
        new.file.delete(save=False)
        Document.objects.filter(pk=new.pk).delete()
        result = {
            "checks": checks,
            "upstreams": sorted(set(browser.upstreams)),
            "requests": len(browser.upstreams),
        }
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                # nginx stops gracefully on SIGQUIT; gunicorn and moto on SIGTERM.
                quit_signal = signal.SIGQUIT if process.args[0] == nginx else signal.SIGTERM
                process.send_signal(quit_signal)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print("BENCH_JSON " + json.dumps(result))
    if not all(checks.values()):
        sys.exit(1)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
