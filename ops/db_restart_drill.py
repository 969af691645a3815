#!/usr/bin/env python3
# ruff: noqa: T201, S603, S607, S310
# (an operator script: it prints, runs fixed local commands and calls 127.0.0.1 only)
"""Drill: PostgreSQL restarts, or Redis goes down, under load; the portal must cope.

`--outage postgresql` (the default): see below. `--outage redis`: the portal runs with
Redis as its cache and Celery broker; Redis is stopped for `--outage-seconds` while the
clients also log in (the throttled path that used to answer 500) and then started again.
Nothing may fail but the requests in flight at the moment Redis stops: pages, logins and
/health/ (which then says "degraded") go on.

Prepares a database (migrate, load_seed_data, seed_demo), starts gunicorn with two
workers on a loopback port, sends requests without pause from two client threads to
/health/ and to a logged-in page, restarts PostgreSQL with

    pg_ctlcluster --skip-systemctl-redirect <version> <cluster> restart

and keeps going until the portal has answered correctly for a while (or a deadline
passes). Reports how many requests failed, how long the outage lasted for the
clients, and whether gunicorn kept its master and worker processes (it is never
restarted). Everything is bounded in time and listens on 127.0.0.1 only.

Exit status 0: recovered and no request failed after PostgreSQL accepted connections
again (only requests in flight during the restart may fail). 1: not recovered, or a
failure after PostgreSQL was back. 2: the drill could not be set up.

    .venv/bin/python ops/db_restart_drill.py [--database drill_restart] [--port 18081]
        [--cluster main] [--pg-port 5432]

The database named by --database is dropped, recreated and dropped again at the end
(unless --keep): never point it at real data.
"""

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_LOGIN = ("kandidaat3@demo.registerjobcoach.nl", "jobcoach-demo-2026")
REQUEST_TIMEOUT = 5.0


@dataclass
class Result:
    started: float
    ended: float
    path: str
    ok: bool
    detail: str


def log(message: str) -> None:
    print(f"[outage-drill {time.strftime('%H:%M:%S')}] {message}", flush=True)


def redis_ready(args) -> bool:
    return (
        subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(args.redis_port), "ping"],
            capture_output=True,
            check=False,
        ).stdout.strip()
        == b"PONG"
    )


def stop_redis(args) -> None:
    subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", str(args.redis_port), "shutdown", "nosave"],
        capture_output=True,
        check=False,
    )


def start_redis(args) -> None:
    """The same command as .ci/run (and the developers' guide) uses."""
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "-::1",
            "--port",
            str(args.redis_port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            "/var/lib/redis",
            "--logfile",
            "/var/log/redis/ci.log",
        ],
        check=False,
    )


def pg_ready(args) -> bool:
    return (
        subprocess.run(
            ["pg_isready", "-q", "-h", args.pg_host, "-p", str(args.pg_port)], check=False
        ).returncode
        == 0
    )


def wait_for(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def recreate_database(args) -> None:
    import psycopg  # noqa: PLC0415 - the project's driver, from its virtualenv

    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        raise SystemExit(f"refusing database name {args.database!r}")
    with psycopg.connect(
        host=args.pg_host,
        port=args.pg_port,
        user=args.pg_user,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.database}"')


def drop_database(args) -> None:
    import psycopg  # noqa: PLC0415

    with (
        contextlib.suppress(psycopg.Error),
        psycopg.connect(
            host=args.pg_host,
            port=args.pg_port,
            user=args.pg_user,
            dbname="postgres",
            autocommit=True,
        ) as conn,
    ):
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')


def manage(env, *command) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def login(base: str) -> str:
    """Log the demo candidate in; returns the session cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/accounts/login/", timeout=REQUEST_TIMEOUT).read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {"login": DEMO_LOGIN[0], "password": DEMO_LOGIN[1], "csrfmiddlewaretoken": csrf}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request, timeout=REQUEST_TIMEOUT).read()
    session = next((c.value for c in jar if c.name == "sessionid"), None)
    if not session:
        raise SystemExit("login failed: no session cookie")
    return session


def probe_login(base: str) -> tuple[bool, str]:
    """A whole login (the page, then the POST): correct means logged in."""
    try:
        login(base)
    except (OSError, SystemExit, StopIteration) as exc:
        return False, f"login: {type(exc).__name__} {str(exc)[:60]}"
    return True, "200"


def probe(base: str, path: str, session: str) -> tuple[bool, str]:
    """GET `path`; correct means 200 with the expected content (not a login page)."""
    if path == "login":
        return probe_login(base)
    request = urllib.request.Request(f"{base}{path}", headers={"Cookie": f"sessionid={session}"})
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            body = response.read().decode("utf-8", "replace")
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        return False, f"HTTP {exc.code}"
    except OSError as exc:  # refused, reset, timeout
        return False, type(exc).__name__
    if path == "/health/":
        ok = json.loads(body).get("database") == "ok"
        return ok, "200" if ok else body[:80]
    if "/accounts/login/" in final:
        return False, "logged out"
    return True, "200"


# allauth allows 30 logins a minute per address and the drill's clients share one: each
# client logs in at most every LOGIN_EVERY seconds (once the pages got faster, unpaced
# logins ran into that limit, a 429 that is the limit working, not the outage).
LOGIN_EVERY = 6.0


def client(base, session, results, lock, stop: threading.Event, *, paths) -> None:
    index = 0
    last_login = -LOGIN_EVERY
    while not stop.is_set():
        path = paths[index % len(paths)]
        index += 1
        if path == "login":
            if time.monotonic() - last_login < LOGIN_EVERY:
                continue
            last_login = time.monotonic()
        started = time.monotonic()
        ok, detail = probe(base, path, session)
        with lock:
            results.append(Result(started, time.monotonic(), path, ok, detail))


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True, check=False
    ).stdout
    return sorted(int(p) for p in out.split())


def main() -> int:  # noqa: PLR0911, PLR0912, PLR0915 - a drill is one story, told in order
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="drill_restart")
    parser.add_argument("--port", type=int, default=18081)
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--pg-version", default=None, help="default: the one in /etc/postgresql")
    parser.add_argument("--cluster", default="main")
    parser.add_argument("--baseline", type=float, default=3.0, help="seconds before the restart")
    parser.add_argument("--deadline", type=float, default=60.0, help="seconds to recover")
    parser.add_argument("--keep", action="store_true", help="keep the drill database")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds of success needed")
    parser.add_argument("--outage", choices=["postgresql", "redis"], default="postgresql")
    parser.add_argument("--outage-seconds", type=float, default=5.0, help="Redis down this long")
    parser.add_argument("--redis-port", type=int, default=6379)
    args = parser.parse_args()
    version = args.pg_version or sorted(os.listdir("/etc/postgresql"))[-1]

    if not pg_ready(args):
        log("PostgreSQL is not accepting connections; start it first")
        return 2
    private = tempfile.mkdtemp(prefix="drill-private-")
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{args.pg_user}@{args.pg_host}:{args.pg_port}/{args.database}"
        ),
        "PRIVATE_ROOT": private,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONN_MAX_AGE": "60",  # persistent connections: the case that must heal itself
        "PORTAL_MODE": "development",
    }
    for name in ("CELERY_BROKER_URL", "REDIS_CACHE_URL", "S3_BUCKET", "SMTP_HOST"):
        env.pop(name, None)
    if args.outage == "redis":
        if not redis_ready(args):
            log("Redis is not answering; start it first")
            return 2
        env["REDIS_CACHE_URL"] = f"redis://127.0.0.1:{args.redis_port}/13"
        env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{args.redis_port}/12"
    log(f"preparing database {args.database}: migrate, load_seed_data, seed_demo")
    recreate_database(args)
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed_data")
    manage(env, "seed_demo")

    base = f"http://127.0.0.1:{args.port}"
    gunicorn_log = Path(tempfile.mkstemp(prefix="drill-gunicorn-", suffix=".log")[1])
    with gunicorn_log.open("w") as handle:
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    results: list[Result] = []
    lock = threading.Lock()
    stop = threading.Event()
    threads = []
    try:
        if not wait_for(lambda: probe(base, "/health/", "")[0], 60):
            log("gunicorn did not come up:\n" + gunicorn_log.read_text()[-2000:])
            return 2
        session = login(base)
        workers_before = worker_pids(gunicorn.pid)
        log(f"gunicorn master {gunicorn.pid}, workers {workers_before}; firing requests")
        paths = ["/health/", "/start/"] + (["login"] if args.outage == "redis" else [])
        threads = [
            threading.Thread(
                target=client, args=(base, session, results, lock, stop), kwargs={"paths": paths}
            )
            for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.baseline)
        with lock:
            baseline = list(results)
        if not baseline or not all(r.ok for r in baseline):
            log(f"the portal was not healthy before the restart: {baseline[-3:]}")
            return 2

        restart_at = time.monotonic()
        if args.outage == "redis":
            log(f"stopping Redis for {args.outage_seconds:.0f} s")
            stop_redis(args)
            time.sleep(args.outage_seconds)
            start_redis(args)
            if not wait_for(lambda: redis_ready(args), 30):
                log("Redis did not come back")
                return 1
        else:
            log(f"restarting PostgreSQL {version}/{args.cluster}")
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, args.cluster, "restart"],
                check=True,
            )
            if not wait_for(lambda: pg_ready(args), 60):
                log("PostgreSQL did not come back")
                return 1
        pg_back_at = time.monotonic()
        log(f"{args.outage} is back after {pg_back_at - restart_at:.1f} s")

        # Keep firing until the last `settle` seconds were all correct, or the deadline.
        def settled() -> bool:
            now = time.monotonic()
            with lock:
                recent = [r for r in results if r.started >= now - args.settle]
            return now - pg_back_at >= args.settle and recent and all(r.ok for r in recent)

        recovered = wait_for(settled, args.deadline)
    finally:
        stop.set()
        for thread in threads:
            thread.join(REQUEST_TIMEOUT + 1)
        workers_after = worker_pids(gunicorn.pid) if gunicorn.poll() is None else []
        gunicorn_alive = gunicorn.poll() is None
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=20)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
        if args.outage == "redis" and not redis_ready(args):  # never leave Redis down
            start_redis(args)
            wait_for(lambda: redis_ready(args), 30)
        if not pg_ready(args):  # never leave PostgreSQL down
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, args.cluster, "start"],
                check=False,
            )
            wait_for(lambda: pg_ready(args), 60)
        shutil.rmtree(private, ignore_errors=True)
        if not args.keep:
            drop_database(args)

    after_restart = [r for r in results if r.started >= restart_at]
    failed = [r for r in after_restart if not r.ok]
    failed_after_back = [r for r in failed if r.started >= pg_back_at]
    # What the clients saw: from the first failed request to the last answer that failed.
    outage = max(r.ended for r in failed) - min(r.started for r in failed) if failed else 0.0
    # Back to normal: the first correct answer after the restart that no failure follows.
    last_failure = max((r.ended for r in failed), default=restart_at)
    healed = min((r.ended for r in after_restart if r.ok and r.started >= last_failure), default=0)
    kinds: dict[str, int] = {}
    for r in failed:
        kinds[f"{r.path} {r.detail}"] = kinds.get(f"{r.path} {r.detail}", 0) + 1
    summary = {
        "requests_total": len(results),
        "requests_before_restart": len(baseline),
        "requests_after_restart": len(after_restart),
        "failed": len(failed),
        "failed_after_dependency_back": len(failed_after_back),
        "failure_kinds": kinds,
        "dependency_down_seconds": round(pg_back_at - restart_at, 2),
        "clients_saw_errors_seconds": round(outage, 2),
        "serving_again_after_restart_began_seconds": round(healed - restart_at, 2)
        if healed
        else None,
        "gunicorn_same_master": gunicorn_alive,
        "gunicorn_same_workers": workers_before == workers_after,
        "recovered": bool(recovered),
    }
    summary["outage"] = args.outage
    log("result " + json.dumps(summary))
    ok = recovered and not failed_after_back and gunicorn_alive
    if args.outage == "redis":
        # Redis is only the cache and the broker: nothing may fail but what was in flight
        # at the moment it stopped (one request per client at most).
        ok = ok and len(failed) <= len(threads)
    log("PASS: the portal coped without restarting gunicorn" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
