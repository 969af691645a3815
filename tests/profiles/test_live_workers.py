"""A running gunicorn with several workers (deploy/gunicorn.conf.py: the app is loaded and
the published framework read in the master, before forking) shows an edit of a profile
item and of the framework's name on the very next request of every worker.

Real processes on loopback: gunicorn with 3 sync workers against a throw-away SQLite file
(or the shared cache of the environment, REDIS_CACHE_URL, when CI sets one), prepared
and edited by `tests.profiles.live_site` in processes of their own. Every worker is seen
to answer (the access log names its pid) before and after the edit. Bounded in time;
the server is always stopped.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.profiles import live_site

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3
PAGE = "/kader/register-jobcoach/v1/"
OLD_TITLE = "Competentieprofiel Leercoach 1</a>: Inlevingsvermogen</li>"
NEW_TITLE = f"Competentieprofiel Leercoach 1</a>: {live_site.NEW_TITLE}</li>"
MAX_ROUNDS = 10  # of 2 × WORKERS concurrent requests, to meet every worker


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(env, *args) -> str:
    done = subprocess.run(  # noqa: S603 - fixed command, our own module
        [sys.executable, "-m", "tests.profiles.live_site", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


class Server:
    def __init__(self, env, port, log: Path, access: Path):
        self.port, self.log, self.access = port, log, access
        with log.open("w") as handle:
            self.process = subprocess.Popen(  # noqa: S603 - fixed command, our own config
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "deploy/gunicorn.conf.py",
                    "--access-logfile",
                    str(access),
                    "--access-logformat",
                    "%(p)s %(q)s %(s)s",
                    "portal.wsgi",
                ],
                cwd=ROOT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the workers stop with it
            )

    def wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            booted = self.log.read_text().count("Booting worker")
            if booted >= WORKERS and self.status("/health/") == 200:
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        pytest.fail(f"gunicorn did not start\n{self.log.read_text()[-3000:]}")

    def status(self, path: str) -> int | None:
        try:
            return self.get(path, cookie="")[0]
        except OSError:
            return None

    def get(self, path: str, *, cookie: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            connection.request("GET", path, headers={"Cookie": cookie, "Connection": "close"})
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()

    def workers_seen(self, phase: str) -> set[str]:
        lines = self.access.read_text().splitlines() if self.access.exists() else []
        return {line.split()[0] for line in lines if f"phase={phase}" in line}

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)


@pytest.fixture
def server(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "PRIVATE_ROOT": str(tmp_path / "private"),
        "PORTAL_MODE": "development",
        "PYTHONPATH": str(ROOT),
        "GUNICORN_WORKERS": str(WORKERS),
        "GUNICORN_LOGLEVEL": "info",
        "GUNICORN_TIMEOUT": "30",
    }
    env["SESSION"] = _run(env, "prepare")
    port = _free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    running = Server(env, port, tmp_path / "gunicorn.log", tmp_path / "access.log")
    try:
        running.wait_until_ready()
        yield running, env
    finally:
        running.stop()


def _every_worker_answers(server, env, phase: str) -> list[str]:
    """Concurrent rounds of requests until every worker has answered in this phase."""
    cookie = env["SESSION"]
    pages = []
    with ThreadPoolExecutor(max_workers=2 * WORKERS) as pool:
        for n in range(MAX_ROUNDS):
            urls = [f"{PAGE}?phase={phase}&n={n}-{i}" for i in range(2 * WORKERS)]
            for status, html in pool.map(lambda url: server.get(url, cookie=cookie), urls):
                assert status == 200, html[-2000:]
                pages.append(html)
            if len(server.workers_seen(phase)) == WORKERS:
                return pages
    pytest.fail(f"only workers {server.workers_seen(phase)} answered in {MAX_ROUNDS} rounds")


def test_an_edit_shows_on_every_worker_at_the_next_request(server):
    running, env = server
    before = _every_worker_answers(running, env, "before")  # every worker keeps it now
    assert all(OLD_TITLE in html and "Register Jobcoach · versie 1" in html for html in before)

    assert _run(env, "edit") == "edited"

    after = _every_worker_answers(running, env, "after")
    assert len(running.workers_seen("after")) == WORKERS
    for html in after:
        assert NEW_TITLE in html
        assert f"{live_site.NEW_NAME} · versie 1" in html
        assert OLD_TITLE not in html
        assert "Register Jobcoach · versie 1" not in html
