"""PDF timings on a warm worker: the full portfolio preview and the decision report.

Usage: .venv/bin/python bench/pdf_render.py [--runs 7] [--json]
(after `make setup`, or on the database of bench/generate.py, where it takes the
decided portfolio with full texts; otherwise the demo portfolio with the most answers).

WeasyPrint is imported and one PDF rendered before anything is timed (a warm worker, as
a Celery worker or gunicorn process is after its first PDF). For each document:

- the portal's path: the selectors' queries, the template, WeasyPrint (for the report:
  the Celery task's service `make_report`, including storing the file, rolled back);
- WeasyPrint alone on the same HTML, already rendered: the baseline;
- the ratio of the two, and Django's overhead as a share of WeasyPrint's own time, in
  wall time and in this process's CPU time (steadier on a shared machine; the
  database's own work is then left out);
- the peak memory (resident set growth during the render; Linux, /proc/self/clear_refs).
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.db.models import Count
from django.template.loader import render_to_string
from pypdf import PdfReader

from assessment.enums import ReviewState
from assessment.models import Report, Review
from assessment.selectors import report_context
from assessment.services.reports import make_report
from portal import reports
from portfolio import selectors
from portfolio.models import Portfolio


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _timed(function, cleanup=None) -> tuple[float, float, float | None, object]:
    """(wall s, CPU s, resident-set growth MiB, result) of one call; `cleanup(result)`
    runs after it, outside the clock."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # reset the peak to now
        before = _rss_kib("VmRSS")
    except OSError:
        before = None
    start, start_cpu = time.perf_counter(), time.process_time()
    result = function()
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak = (_rss_kib("VmHWM") - before) / 1024 if before is not None else None
    if cleanup is not None:
        result = cleanup(result)
    return wall, cpu, peak, result


def _summary(samples) -> dict:
    walls, cpus, peaks = ([s[i] for s in samples] for i in range(3))
    peaks = [p for p in peaks if p is not None]
    return {
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "cpu_s": statistics.median(cpus),
        "peak_mib": max(peaks) if peaks else None,
        "result": samples[-1][3],
    }


def compare(portal_path, baseline, runs: int, cleanup=None) -> tuple[dict, dict]:
    """The portal's path and the baseline, alternately (a busy neighbour or a change of
    CPU clock then affects both alike)."""
    full, alone = [], []
    for _ in range(runs):
        full.append(_timed(portal_path, cleanup))
        alone.append(_timed(baseline))
    return _summary(full), _summary(alone)


def weasyprint_alone(html: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415

    return HTML(
        string=html, url_fetcher=reports.fetcher(), base_url=reports.STATIC_PREFIX
    ).write_pdf()


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def pick_portfolio() -> Portfolio:
    summary = Path(os.environ.get("BENCH_OUT", "var/bench"), "generate.json")
    if summary.exists():
        data = json.loads(summary.read_text())
        pk = (data.get("clones") or {}).get("decided_round2") or data["templates"]["decided"]
        if Portfolio.objects.filter(pk=pk).exists():
            return Portfolio.objects.select_related("candidate").get(pk=pk)
    return (
        Portfolio.objects.annotate(n=Count("answers"))
        .order_by("-n", "pk")
        .select_related("candidate")
        .first()
    )


def bench_preview(portfolio, runs: int) -> dict:
    def portal_path():
        content = selectors.portfolio_content(portfolio)
        return reports.render_pdf("portfolio/preview_pdf.html", selectors.preview_context(content))

    content = selectors.portfolio_content(portfolio)
    html = render_to_string(
        "portfolio/preview_pdf.html",
        {**selectors.preview_context(content), "static_prefix": reports.STATIC_PREFIX},
    )
    full, alone = compare(portal_path, lambda: weasyprint_alone(html), runs)
    pdf = full.pop("result")
    alone.pop("result")
    words = sum(len(a.text.split()) for a in portfolio.answers.all())
    return {
        "portfolio": portfolio.pk,
        "words": words,
        "pages": _pages(pdf),
        "kib": len(pdf) // 1024,
        "portal": full,
        "weasyprint": alone,
        "ratio": full["median_s"] / alone["median_s"],
        "overhead_pct": 100 * (full["median_s"] - alone["median_s"]) / alone["median_s"],
        "overhead_cpu_pct": 100 * (full["cpu_s"] - alone["cpu_s"]) / alone["cpu_s"],
    }


def bench_report(review, runs: int) -> dict:
    """The Celery task's service, rolled back each time (the report is made anew)."""

    def task():
        # The task's service exactly as the worker runs it: it finds no report, renders,
        # stores the file and the row. (The removal of the earlier report is not timed.)
        return make_report(review_id=review.pk, round=review.round)

    def cleanup(report):
        with report.file.open("rb") as handle:
            pdf = handle.read()
        report.file.delete(save=False)
        report.delete()
        return pdf

    html = render_to_string(
        "assessment/report_pdf.html",
        {**report_context(review), "static_prefix": reports.STATIC_PREFIX},
    )
    existing = list(Report.objects.filter(review=review, round=review.round))
    Report.objects.filter(pk__in=[r.pk for r in existing]).delete()
    try:
        full, alone = compare(task, lambda: weasyprint_alone(html), runs, cleanup=cleanup)
    finally:
        for report in existing:  # the benchmark leaves the database as it was
            report.pk = None
            report.save()
    pdf = full.pop("result")
    alone.pop("result")
    return {
        "review": review.pk,
        "pages": _pages(pdf),
        "kib": len(pdf) // 1024,
        "portal": full,
        "weasyprint": alone,
        "ratio": full["median_s"] / alone["median_s"],
        "overhead_pct": 100 * (full["median_s"] - alone["median_s"]) / alone["median_s"],
        "overhead_cpu_pct": 100 * (full["cpu_s"] - alone["cpu_s"]) / alone["cpu_s"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    import weasyprint  # noqa: F401, PLC0415 - warm the import, as a worker would be

    portfolio = pick_portfolio()
    weasyprint_alone("<p>warm</p>")  # fonts and the layout engine loaded once
    result = {"preview": bench_preview(portfolio, args.runs)}
    review = (
        Review.objects.filter(portfolio=portfolio, state=ReviewState.DECIDED).first()
        or Review.objects.filter(state=ReviewState.DECIDED).order_by("pk").first()
    )
    if review is not None:
        result["report"] = bench_report(review, args.runs)
    for name, figures in result.items():
        print(
            f"{name}: {figures['pages']} pages, {figures['kib']} KiB; portal "
            f"{figures['portal']['median_s']:.2f} s (min {figures['portal']['min_s']:.2f}), "
            f"WeasyPrint alone {figures['weasyprint']['median_s']:.2f} s; ratio "
            f"{figures['ratio']:.2f}, overhead {figures['overhead_pct']:.0f} % (CPU time "
            f"{figures['overhead_cpu_pct']:.0f} %); peak "
            f"{figures['portal']['peak_mib']} MiB",
            file=sys.stderr if args.json else sys.stdout,
        )
    if args.json:
        print("BENCH_JSON " + json.dumps(result))


if __name__ == "__main__":
    main()
