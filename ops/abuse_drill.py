#!/usr/bin/env python3
# ruff: noqa: S603, S310
# (an operator script: it prints, runs fixed local commands and calls 127.0.0.1 only)
"""Drill: one candidate tries to take the site down; everyone else must not notice.

The portal runs as in production on this machine (gunicorn with 4 workers, a Celery
worker on Redis, PostgreSQL). The demo candidate Kim fills every text box of her
portfolio to its limit and then, all at once, asks 4 times for its PDF and uploads 4
hostile PDFs (small files whose streams inflate to 30 MB each). Meanwhile a monitor
requests /health/ and another candidate's start page every 0.1 s and records how long
each answer took.

PASS (exit 0) when every monitored answer was correct within --limit seconds (1 s), no
gunicorn worker was killed or replaced, every hostile upload was refused, and the PDF
(asked for four times: made once, by the Celery worker) was made or refused as too
large within its time limit. Exit 1 otherwise, 2 when it could not be set up.
Everything listens on 127.0.0.1 and is bounded in time.

    .venv/bin/python ops/abuse_drill.py [--database drill_abuse] [--port 18083]
"""

import argparse
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "ops"), str(ROOT)]

import db_restart_drill as drill  # noqa: E402 - the shared drill helpers

from tests.factories.malformed import inflating_pdf  # noqa: E402

KIM = ("kandidaat@demo.registerjobcoach.nl", "jobcoach-demo-2026")
SANNE = ("kandidaat2@demo.registerjobcoach.nl", "jobcoach-demo-2026")
# Fills Kim's draft to the limits (run with `manage.py shell -c`); prints the ids needed.
FILL = """
import json
try:
    from portal.limits import ANSWER
    limit = ANSWER.max_length
except ImportError:
    limit = 100_000
from portfolio.models import Portfolio
from portfolio.selectors import portfolio_content
from portfolio.services import save_answer
from profiles.enums import AnswerKind
p = Portfolio.objects.get(candidate__email="kandidaat@demo.registerjobcoach.nl")
text = ("Een lange tekst over de casus en de cliënt. " * 3000)[:limit]
n = 0
for section in p.framework_version.sections.all():
    for c in section.criteria.filter(answer_kind=AnswerKind.TEXT):
        a = p.answers.filter(criterion=c).first()
        save_answer(portfolio=p, target=c, text=text, base_revision=a.revision if a else 0)
        n += 1
print(json.dumps({"portfolio": p.pk, "route": p.basic_route_id, "boxes": n}))
"""


class Session:
    """A logged-in browser: cookies, CSRF token, GET and POST (form or multipart)."""

    def __init__(self, base: str, account: tuple[str, str]):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.get("/accounts/login/")
        self.post("/accounts/login/", {"login": account[0], "password": account[1]})

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str, timeout: float = 30) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(f"{self.base}{path}"), timeout)

    def post(self, path: str, fields: dict, files: dict | None = None, timeout: float = 60):
        fields = {**fields, "csrfmiddlewaretoken": self.csrf()}
        if files:
            boundary = uuid.uuid4().hex
            part = '--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            body = b"".join(part.format(b=boundary, k=k, v=v).encode() for k, v in fields.items())
            for name, (filename, data) in files.items():
                body += (
                    (
                        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                        f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
                    ).encode()
                    + data
                    + b"\r\n"
                )
            body += f"--{boundary}--\r\n".encode()
            kind = f"multipart/form-data; boundary={boundary}"
        else:
            body, kind = (
                urllib.parse.urlencode(fields).encode(),
                "application/x-www-form-urlencoded",
            )
        request = urllib.request.Request(
            f"{self.base}{path}",
            data=body,
            headers={"Content-Type": kind, "Referer": f"{self.base}{path}"},
        )
        return self._open(request, timeout)

    def _open(self, request, timeout) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return (
                    response.status,
                    response.geturl(),
                    response.read().decode("utf-8", "replace"),
                )
        except urllib.error.HTTPError as exc:
            return exc.code, request.full_url, ""


def monitor(base, sanne: Session, samples: list, stop: threading.Event) -> None:
    while not stop.is_set():
        for path in ("/health/", "/start/"):
            started = time.monotonic()
            try:
                if path == "/health/":
                    with urllib.request.urlopen(f"{base}{path}", timeout=10) as response:
                        ok = json.loads(response.read()).get("database") == "ok"
                else:
                    status, url, _body = sanne.get(path, timeout=10)
                    ok = status == 200 and "/accounts/login/" not in url
            except OSError:
                ok = False
            samples.append((path, time.monotonic() - started, ok))
        time.sleep(0.1)


def attack(kim: Session, ids: dict, outcomes: dict) -> None:
    pdf_url = f"/portfolio/{ids['portfolio']}/voorbeeld.pdf"
    upload_url = f"/portfolio/{ids['portfolio']}/upload/route/{ids['route']}/"
    bomb = inflating_pdf(30, streams=10)

    def preview(index):
        outcomes[f"preview {index}"] = kim.post(pdf_url, {})[:2]

    def upload(index):
        status, _url, body = kim.post(
            upload_url, {"document_date": "2020-06-30"}, {"file": (f"bom-{index}.pdf", bomb)}
        )
        refused = "te complex" in body or "nog een ander bestand" in body
        outcomes[f"upload {index}"] = (status, "refused" if refused else "ACCEPTED?")

    threads = [threading.Thread(target=preview, args=(i,)) for i in range(4)]
    threads += [threading.Thread(target=upload, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)


def start(env, command, log_path: Path) -> subprocess.Popen:
    with log_path.open("w") as handle:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)


def main() -> int:  # noqa: PLR0915 - a drill is one story, told in order
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="drill_abuse")
    parser.add_argument("--port", type=int, default=18083)
    parser.add_argument("--limit", type=float, default=1.0, help="seconds per monitored answer")
    args = parser.parse_args()
    args.pg_host, args.pg_port, args.pg_user = "127.0.0.1", 5432, "postgres"
    private = tempfile.mkdtemp(prefix="drill-abuse-")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "REDIS_CACHE_URL": "redis://127.0.0.1:6379/11",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/10",
        "PRIVATE_ROOT": private,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_MODE": "development",
    }
    for name in ("S3_BUCKET", "SMTP_HOST"):
        env.pop(name, None)
    drill.log(f"preparing {args.database}: migrate, fixtures, demo data, Kim's texts to the limit")
    drill.recreate_database(args)
    for command in (["migrate", "--noinput"], ["load_seed_data"], ["seed_demo"]):
        drill.manage(env, *command)
    filled = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", FILL],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    ids = json.loads(filled.stdout.strip().splitlines()[-1])
    base = f"http://127.0.0.1:{args.port}"
    logs = Path(private)
    gunicorn = start(
        env,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--timeout",
            "60",
        ],
        logs / "gunicorn.log",
    )
    worker = start(
        env,
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "-c", "1", "-l", "warning"],
        logs / "celery.log",
    )
    samples: list = []
    outcomes: dict = {}
    stop = threading.Event()
    try:
        if not drill.wait_for(lambda: drill.probe(base, "/health/", "")[0], 60):
            drill.log("gunicorn did not come up")
            return 2
        kim, sanne = Session(base, KIM), Session(base, SANNE)
        workers_before = drill.worker_pids(gunicorn.pid)
        watcher = threading.Thread(target=monitor, args=(base, sanne, samples, stop))
        watcher.start()
        time.sleep(2)
        drill.log(f"Kim ({ids['boxes']} boxes at the limit): 4 PDFs and 4 hostile uploads at once")
        attack(kim, ids, outcomes)
        status_page = outcomes_status(outcomes)
        finished = drill.wait_for(lambda: _finished(kim.get(status_page)[2]), 200)
        pdf = _finished(kim.get(status_page)[2]) if finished else "still being made"
        time.sleep(2)
        stop.set()
        watcher.join(15)
        workers_after = drill.worker_pids(gunicorn.pid)
    finally:
        stop.set()
        for process in (gunicorn, worker):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        drill.drop_database(args)
    slowest = max((s[1] for s in samples), default=0.0)
    wrong = [s for s in samples if not s[2]]
    refused = all(v[1] == "refused" for k, v in outcomes.items() if k.startswith("upload"))
    summary = {
        "monitored_requests": len(samples),
        "slowest_answer_seconds": round(slowest, 3),
        "wrong_answers": len(wrong),
        "over_limit": sum(1 for s in samples if s[1] > args.limit),
        "outcomes": outcomes,
        "pdf": pdf,
        "gunicorn_workers_unchanged": workers_before == workers_after,
        "uploads_refused": refused,
    }
    drill.log("result " + json.dumps(summary))
    ok = (
        samples
        and not wrong
        and slowest <= args.limit
        and refused
        and pdf in {"made", "refused as too large"}
        and workers_before == workers_after
    )
    drill.log("PASS: nobody else noticed" if ok else "FAIL")
    return 0 if ok else 1


def _finished(page: str) -> str:
    """What became of the PDF: made, refused as too large (its time or memory ran out,
    which is bounded too), or "" while it is being made."""
    if "Het bestand is klaar" in page:
        return "made"
    if "Het bestand kon niet worden gemaakt" in page:
        return "refused as too large"
    return ""


def outcomes_status(outcomes: dict) -> str:
    """The waiting page the PDF requests were sent to (the same one for all four)."""
    url = next(v[1] for k, v in outcomes.items() if k.startswith("preview"))
    match = re.search(r"/bestanden/\d+/", url)
    return match.group(0) if match else "/bestanden/0/"


if __name__ == "__main__":
    sys.exit(main())
