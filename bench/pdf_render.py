"""Time the portfolio PDF for the fullest demo portfolio (warm: WeasyPrint imported first).

Usage: .venv/bin/python bench/pdf_render.py   (after `make setup`)
"""

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
from pypdf import PdfReader

from assessment.enums import ReviewState
from assessment.models import Review
from assessment.selectors import report_context
from portal import reports
from portfolio import selectors
from portfolio.models import Portfolio


def main() -> None:
    import io  # noqa: PLC0415

    import weasyprint  # noqa: F401, PLC0415 - warm the import, as a worker would be

    portfolio = (
        Portfolio.objects.annotate(n=Count("answers")).order_by("-n").select_related().first()
    )
    runs = []
    pdf = b""
    for _ in range(5):
        start = time.perf_counter()
        content = selectors.portfolio_content(portfolio)
        pdf = reports.render_pdf("portfolio/preview_pdf.html", selectors.preview_context(content))
        runs.append(time.perf_counter() - start)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"portfolio {portfolio.pk} ({portfolio.n} answers): {pages} pages, {len(pdf) // 1024} KiB; "
        f"median {statistics.median(runs):.2f} s, min {min(runs):.2f} s over {len(runs)} runs"
    )
    review = Review.objects.filter(state=ReviewState.DECIDED).first()
    if review is None:
        return
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        pdf = reports.render_pdf("assessment/report_pdf.html", report_context(review))
        runs.append(time.perf_counter() - start)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"decision report of review {review.pk}: {pages} pages, {len(pdf) // 1024} KiB; "
        f"median {statistics.median(runs):.2f} s, min {min(runs):.2f} s over {len(runs)} runs"
    )


if __name__ == "__main__":
    main()
