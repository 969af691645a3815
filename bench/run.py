"""The benchmark harness, one command (see bench/README.md):

    .venv/bin/python bench/run.py                  # full size: 10,000 portfolios
    .venv/bin/python bench/run.py --portfolios 500 --duration 5   # a quick, small run

Steps: a fresh PostgreSQL database filled by bench/generate.py (skip with --reuse), the
query count and response size of every page (Django's test client), a load run with
gunicorn (production settings, DEBUG off, several workers) and wrk on loopback against
every page and the bare baseline view, the PDF timings (bench/pdf_render.py), the Celery
report throughput with 1 and 2 workers (bench/celery_throughput.py), the two-instance
check behind nginx (bench/scaleout.py), and the results as
Markdown in bench/RESULTS.md (with --results; otherwise printed and kept in var/bench/).

Needs PostgreSQL and Redis on loopback, and wrk (`apt-get install wrk`).
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
OUT = ROOT / "var" / "bench"


def bench_env(args) -> dict:
    """Production settings on loopback: what gunicorn, the workers and the scripts share."""
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "PORTAL_MODE": "production",
            "DEBUG": "0",
            "SECRET_KEY": env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(60),
            "MFA_ENCRYPTION_KEYS": env.get("BENCH_MFA_KEY") or Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "0",  # loopback without TLS; the proxy does TLS
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
            "REDIS_CACHE_URL": args.redis_cache,
            "CELERY_BROKER_URL": args.broker,
            "PRIVATE_ROOT": str(OUT / args.database / "private"),
            "BENCH_BASELINE": "1",
            "BENCH_OUT": str(OUT / args.database),
            "LOG_LEVEL": "ERROR",
            # The load comes from one address: the public register's scraper limit off.
            "REGISTER_PUBLIC_REQUESTS_PER_MINUTE": "1000000000",
        }
    )
    return env


def sh(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    print("$", " ".join(cmd), flush=True)
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def generate(args, env) -> None:
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q"]
    sh([*psql, "-c", f"DROP DATABASE IF EXISTS {args.database}"], env)
    sh([*psql, "-c", f"CREATE DATABASE {args.database}"], env)
    shutil.rmtree(env["PRIVATE_ROOT"], ignore_errors=True)
    sh([PYTHON, "manage.py", "migrate", "-v0"], env)
    sh([PYTHON, "manage.py", "load_seed_data"], env, stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    sh(
        [
            PYTHON,
            "bench/generate.py",
            "--portfolios",
            str(args.portfolios),
            "--assessors",
            str(args.assessors),
            "--seed",
            str(args.seed),
        ],
        env,
    )
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)
    add_registrations(args, env)


def add_registrations(args, env) -> None:
    """10,000 registrations for the public register's pages (once per database)."""
    if not (OUT / args.database / "registrations.json").exists():
        sh([PYTHON, "bench/registrations.py", "--count", str(args.portfolios)], env)


def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def start_gunicorn(env, port: int, workers: int) -> subprocess.Popen:
    gunicorn_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_ACCESSLOG": "",  # no access log: it would be measured too
    }
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        env=gunicorn_env,
        cwd=ROOT,
        start_new_session=True,
    )
    wait_http(f"http://127.0.0.1:{port}/health/")
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def wrk(url: str, cookie: str | None, args) -> dict:
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    cmd += ["--timeout", "10s", "-s", str(ROOT / "bench" / "report.lua")]
    if cookie:
        cmd += ["-H", f"Cookie: sessionid={cookie}"]
    cmd.append(url)
    output = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=300).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
    data = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = data["duration_us"] / 1e6
    return {
        "rps": data["requests"] / seconds,
        "requests": data["requests"],
        "p50_ms": data["p50"] / 1000,
        "p95_ms": data["p95"] / 1000,
        "p99_ms": data["p99"] / 1000,
        "bytes_per_request": data["bytes"] / max(data["requests"], 1),
        "errors": data["errors_status"]
        + data["errors_connect"]
        + data["errors_read"]
        + data["errors_timeout"],
    }


def load_run(args, env) -> dict:
    """Every page under wrk, the baseline first and last (its p95 is their mean); with
    --paired also between every two pages (its p95 is the mean of all its runs, and each
    page keeps the mean of the two right around it: `adjacent_baseline_p95_ms`)."""
    os.environ.update(env)
    import django  # noqa: PLC0415

    django.setup()
    from bench.pages import BASELINE, pages, session_for  # noqa: PLC0415

    targets = pages()
    if args.pages:  # a subset (the baseline is always measured, first and last)
        wanted = {name.strip() for name in args.pages.split(";")} | {BASELINE}
        targets = [t for t in targets if t[0] in wanted]
    sessions = {}
    for _name, _path, user in targets:
        if user is not None and user.pk not in sessions:
            sessions[user.pk] = session_for(user)
    from django.db import connection  # noqa: PLC0415

    connection.close()  # the sessions are stored; this process holds no connection
    server = start_gunicorn(env, args.port, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    results = {}
    try:
        baseline = next(t for t in targets if t[0] == BASELINE)
        chosen = [t for t in targets if t[0] != BASELINE and t[0].startswith(args.only)]
        if args.paired:  # the baseline before every page and after the last
            order = [step for page in chosen for step in (baseline, page)] + [baseline]
        else:
            order = [baseline, *chosen, baseline]
        baselines = []  # the baseline's p95 of each of its runs, in order
        for name, path, user in order:
            cookie = sessions.get(user.pk) if user is not None else None
            # A short warm-up: every worker has loaded its templates and connections.
            warm = argparse.Namespace(**{**vars(args), "duration": 2})
            wrk(base + path, cookie, warm)
            figures = wrk(base + path, cookie, args)
            print(
                f"{name:34} {figures['rps']:7.1f} req/s  p50 {figures['p50_ms']:6.1f}  "
                f"p95 {figures['p95_ms']:6.1f}  p99 {figures['p99_ms']:6.1f} ms  "
                f"{figures['bytes_per_request'] / 1024:6.1f} KiB  errors {figures['errors']}",
                flush=True,
            )
            if name == BASELINE:
                baselines.append(figures)
                figures = _mean_of(baselines)
            results[name] = {**figures, "path": path}
        if args.paired:  # page i ran between the baseline's runs i and i + 1
            for i, (name, _path, _user) in enumerate(chosen):
                around = (baselines[i]["p95_ms"] + baselines[i + 1]["p95_ms"]) / 2
                results[name]["adjacent_baseline_p95_ms"] = around
    finally:
        stop(server)
    return results


def _mean_of(runs: list[dict]) -> dict:
    """The baseline's figures over its runs: the mean of each, the errors summed."""
    mean = {key: sum(run[key] for run in runs) / len(runs) for key in runs[0]}
    mean["errors"] = sum(run["errors"] for run in runs)
    return mean


def run_json(cmd: list[str], env: dict, timeout: int) -> dict:
    print("$", " ".join(cmd), flush=True)
    output = subprocess.run(
        cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False, timeout=timeout
    )
    sys.stderr.write(output.stderr[-3000:])
    line = next((x for x in output.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        print(output.stdout[-3000:])
        return {"error": f"exit {output.returncode}"}
    return json.loads(line.removeprefix("BENCH_JSON "))


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark harness (see bench/README.md)")
    parser.add_argument("--portfolios", type=int, default=10_000)
    parser.add_argument("--assessors", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default="bench_load")
    parser.add_argument("--reuse", action="store_true", help="keep the generated database")
    parser.add_argument("--generate-only", action="store_true", help="only fill the database")
    parser.add_argument("--port", type=int, default=8181)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", type=int, default=15, help="seconds per page")
    parser.add_argument("--reports", type=int, default=20, help="reports for the Celery run")
    parser.add_argument("--redis-cache", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/10")
    parser.add_argument("--skip", default="", help="comma-separated: load,pdf,celery,scaleout")
    parser.add_argument(
        "--pages", default="", help="page names (bench/pages.py) separated by ';': only these"
    )
    parser.add_argument("--results", action="store_true", help="write bench/RESULTS.md")
    parser.add_argument(
        "--only", default="", help="load-run only the pages whose name starts with this"
    )
    parser.add_argument("--label", default="", help="a note printed above the results")
    parser.add_argument(
        "--paired",
        action="store_true",
        help="measure the baseline before every page too: each page's ratio is then also "
        "taken against the two baselines measured right before and after it",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    (OUT / args.database).mkdir(parents=True, exist_ok=True)
    env = bench_env(args)
    skip = set(filter(None, args.skip.split(",")))
    started = datetime.now(UTC)
    if not args.reuse:
        generate(args, env)
    else:  # a kept database follows the code's migrations
        sh([PYTHON, "manage.py", "migrate", "-v0"], env)
        add_registrations(args, env)
    if args.generate_only:
        return
    sh([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    results = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_before": os.getloadavg()[0],
        "args": vars(args),
        "label": args.label,
        "generate": json.loads((OUT / args.database / "generate.json").read_text()),
    }
    results["queries"] = run_json([PYTHON, "bench/queries.py"], env, timeout=600)
    if "load" not in skip:
        results["load"] = load_run(args, env)
    if "pdf" not in skip:
        results["pdf"] = run_json([PYTHON, "bench/pdf_render.py", "--json"], env, timeout=900)
    if "celery" not in skip:
        results["celery"] = run_json(
            [PYTHON, "bench/celery_throughput.py", "--reports", str(args.reports), "--json"],
            env,
            timeout=1800,
        )
    if "scaleout" not in skip:
        results["scaleout"] = run_json(
            [PYTHON, "bench/scaleout.py", "--database", args.database, "--json"], env, timeout=300
        )
    (OUT / args.database / "results.json").write_text(json.dumps(results, indent=2, default=str))
    from bench.results import markdown  # noqa: PLC0415

    text = markdown(results)
    print(text)
    if args.results:
        (ROOT / "bench" / "RESULTS.md").write_text(text)
        print("written to bench/RESULTS.md")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
