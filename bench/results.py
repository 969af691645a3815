"""bench/run.py's results as Markdown (bench/RESULTS.md)."""

from bench.register_pages import ratio_target

P95_RATIO_TARGET = 2.5
P95_MS_TARGET = 150.0
PDF_SECONDS_TARGET = 5.0
OVERHEAD_PCT_TARGET = 20.0


def _ok(condition: bool) -> str:
    return "yes" if condition else "**no**"


def _load_table(results: dict) -> list[str]:
    load, queries = results.get("load") or {}, results.get("queries") or {}
    if not load:
        return []
    baseline = load.get("baseline", {}).get("p95_ms")
    args = results["args"]
    paired = bool(args.get("paired"))
    lines = [
        (
            f"### Pages: gunicorn ({args['workers']} sync workers, production settings, DEBUG "
            f"off) and wrk, {args['connections']} connections, {args['threads']} threads, "
            f"{args['duration']} s per page after a 2 s warm-up, loopback"
        ),
        "",
        (
            "| page | req/s | p50 ms | p95 ms | p99 ms | p95 ÷ baseline | "
            + ("p95 ÷ adjacent baselines | " if paired else "")
            + "KiB/response | queries "
            f"| errors | p95 ≤ {P95_RATIO_TARGET:g}× baseline and < 150 ms |"
        ),
        "|---|---:|---:|---:|---:|---:|" + ("---:|" if paired else "") + "---:|---:|---:|---|",
    ]
    for name, figures in load.items():
        ratio = figures["p95_ms"] / baseline if baseline else None
        adjacent = figures.get("adjacent_baseline_p95_ms")
        adjacent_ratio = figures["p95_ms"] / adjacent if adjacent else None
        target = ratio_target(name, P95_RATIO_TARGET)
        met = ratio is not None and ratio <= target
        met = met and figures["p95_ms"] < P95_MS_TARGET
        q = queries.get(name, {})
        verdict = "(baseline)" if name == "baseline" else _ok(met)
        if adjacent_ratio is not None and not met and figures["p95_ms"] < P95_MS_TARGET:
            verdict += f"; adjacent: {_ok(adjacent_ratio <= target)}"
        lines.append(
            f"| {name} | {figures['rps']:.0f} | {figures['p50_ms']:.1f} | "
            f"{figures['p95_ms']:.1f} | {figures['p99_ms']:.1f} | {ratio:.2f} | "
            + (f"{adjacent_ratio:.2f} | " if adjacent_ratio else ("– | " if paired else ""))
            + f"{figures['bytes_per_request'] / 1024:.1f} | "
            f"{q.get('queries', '–')} | {figures['errors']} | {verdict}"
            f"{f' (≤ {target:g}×)' if target != P95_RATIO_TARGET else ''} |"
        )
    lines += [
        "",
        (
            "The baseline is a view on the same stack (middleware, session, login) that runs one "
            "query and renders the base template (`/bench/baseline/`, routed only with "
            "`BENCH_BASELINE=1`); its figures are the mean of a run before and after the pages"
            + (
                " and between every two of them (`--paired`); the adjacent ratio takes each page "
                "against the mean of the two baseline runs right before and after it. "
                if paired
                else ". "
            )
            + "Query counts and sizes come from Django's test client on the same database "
            "(`bench/queries.py`); KiB/response includes the headers."
        ),
        "",
    ]
    return lines


def _pdf_table(results: dict) -> list[str]:
    pdf = results.get("pdf") or {}
    if not pdf or "error" in pdf:
        return [f"PDF: {pdf.get('error', 'not run')}", ""] if pdf else []
    lines = [
        (
            "### PDFs on a warm worker (median of 7, alternating with the baseline; WeasyPrint "
            "imported and used once before)"
        ),
        "",
        (
            "| document | pages | KiB | portal s (min) | WeasyPrint alone s | ratio | Django "
            "overhead | peak memory | target |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    preview = pdf.get("preview")
    if preview:
        lines.append(
            f"| portfolio preview ({preview['words']} words) | {preview['pages']} | "
            f"{preview['kib']} | {preview['portal']['median_s']:.2f} "
            f"({preview['portal']['min_s']:.2f}) | {preview['weasyprint']['median_s']:.2f} | "
            f"{preview['ratio']:.2f} | {preview['overhead_pct']:.0f} % / "
            f"{preview['overhead_cpu_pct']:.0f} % | "
            f"{preview['portal']['peak_mib']:.0f} MiB | under 5 s: "
            f"{_ok(preview['portal']['median_s'] < PDF_SECONDS_TARGET)} |"
        )
    report = pdf.get("report")
    if report:
        lines.append(
            f"| decision report (task `make_report`, stored) | {report['pages']} | "
            f"{report['kib']} | {report['portal']['median_s']:.2f} "
            f"({report['portal']['min_s']:.2f}) | {report['weasyprint']['median_s']:.2f} | "
            f"{report['ratio']:.2f} | {report['overhead_pct']:.0f} % / "
            f"{report['overhead_cpu_pct']:.0f} % | "
            f"{report['portal']['peak_mib']:.0f} MiB | overhead under 20 %: "
            f"{_ok(report['overhead_pct'] < OVERHEAD_PCT_TARGET)} |"
        )
    lines += [
        "",
        (
            "Peak memory is the growth of the worker's resident set during one render "
            "(`/proc/self/clear_refs`, VmHWM)."
        ),
        "",
    ]
    return lines


def _celery_table(results: dict) -> list[str]:
    celery = results.get("celery") or {}
    if not celery:
        return []
    if "error" in celery:
        return [f"Celery: {celery['error']}", ""]
    lines = [
        (
            f"### Celery: {celery['reports']} decision reports queued at once, time until all "
            "are stored"
        ),
        "",
        "| workers | seconds | reports/minute |",
        "|---:|---:|---:|",
    ]
    for count in (1, 2):
        figures = celery.get(f"workers_{count}")
        if figures:
            lines.append(
                f"| {count} | {figures['seconds']:.1f} | {figures['reports_per_minute']:.1f} |"
            )
    return [*lines, ""]


def _scaleout_table(results: dict) -> list[str]:
    scaleout = results.get("scaleout") or {}
    if not scaleout:
        return []
    if "error" in scaleout:
        return [f"Scale-out: {scaleout['error']}", ""]
    lines = [
        (
            "### Scale-out: two gunicorn instances behind nginx (round robin), one PostgreSQL, "
            "one Redis, one S3 server (moto)"
        ),
        "",
        "| check | passed |",
        "|---|---|",
    ]
    lines += [f"| {name} | {_ok(ok)} |" for name, ok in scaleout["checks"].items()]
    lines += [
        "",
        f"{scaleout['requests']} requests through the proxy, answered by "
        + " and ".join(f"`{u}`" for u in scaleout["upstreams"])
        + " (`bench/scaleout.py`).",
        "",
    ]
    return lines


def markdown(results: dict) -> str:
    generated = results.get("generate", {})
    counts = generated.get("counts", {})
    lines = [
        "# Benchmark results",
        "",
        (
            f"Measured {results['date']} on {results['machine']}; PostgreSQL, Redis, the "
            "load generator and the servers all on this machine"
            + (
                f" (load average {results['load_before']:.2f} before the run)."
                if results.get("load_before") is not None
                else "."
            )
        ),
        "",
    ]
    if results.get("label"):
        lines += [f"**{results['label']}**", ""]
    lines += [
        "Data (`bench/generate.py`, seed "
        f"{generated.get('seed')}, {generated.get('seconds')} s): "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
        + ".",
        "",
    ]
    lines += _load_table(results) + _pdf_table(results) + _celery_table(results)
    lines += _scaleout_table(results)
    return "\n".join(lines) + "\n"
