#!/usr/bin/env python3
# ruff: noqa: T201, E402
# (an operator script: it prints its findings; django.setup() precedes the model imports)
"""Check a restored copy of the portal end to end (used by ops/restore_drill.sh).

Run with DATABASE_URL and PRIVATE_ROOT (or S3_*) pointing at the RESTORED database and
files. Checks, and exits 1 listing every failure:

- the row counts equal those recorded from the source (`--expect counts.json`);
- every uploaded document's file exists and its SHA-256 equals the stored hash;
- every snapshot's fingerprint recomputes from its sealed content, and for every
  submitted portfolio the sealed record rebuilt from the restored rows and files equals
  the latest snapshot (texts, signatures and file hashes all came back);
- every report PDF exists, matches its hash, opens with pypdf and names the candidate;
- pages render from the restored copy: the candidate's dashboard, preview, result page,
  document downloads and report; the office queue.

`--counts-only` prints the row counts as JSON (run it against the source first).
"""

import argparse
import hashlib
import io
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from assessment.enums import ReviewState
from assessment.models import Assessment, Report, Review, Score
from audit.models import AuditEntry
from portal.enums import Role
from portal.models import User
from portfolio.enums import PortfolioState
from portfolio.models import Answer, Document, Portfolio, Signature, Snapshot
from portfolio.selectors import portfolio_content
from portfolio.services import PortfolioError, build_snapshot_content, fingerprint
from profiles.models import Criterion, FrameworkVersion

COUNTED = [
    User,
    FrameworkVersion,
    Criterion,
    Portfolio,
    Answer,
    Document,
    Signature,
    Snapshot,
    Review,
    Assessment,
    Score,
    Report,
    AuditEntry,
]


def counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in COUNTED}


def sha256_of(field_file) -> str:
    digest = hashlib.sha256()
    with field_file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


class Checker:
    def __init__(self):
        self.failures: list[str] = []
        self.passed = 0

    def check(self, condition: bool, what: str) -> bool:
        if condition:
            self.passed += 1
        else:
            self.failures.append(what)
        return condition


def check_files(c: Checker) -> None:
    for document in Document.objects.all():
        name = f"document {document.pk} ({document.file.name})"
        if c.check(document.file.storage.exists(document.file.name), f"{name}: file missing"):
            c.check(sha256_of(document.file) == document.sha256, f"{name}: SHA-256 differs")
    for report in Report.objects.select_related("review__portfolio__candidate"):
        name = f"report {report.pk} ({report.file.name})"
        if not c.check(report.file.storage.exists(report.file.name), f"{name}: file missing"):
            continue
        with report.file.open("rb") as handle:
            pdf = handle.read()
        c.check(hashlib.sha256(pdf).hexdigest() == report.sha256, f"{name}: SHA-256 differs")
        try:
            text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        except Exception as exc:  # noqa: BLE001 - any parse failure is a finding
            c.check(False, f"{name}: pypdf cannot read it ({exc})")
            continue
        candidate = report.review.portfolio.candidate.get_full_name()
        c.check(candidate in text, f"{name}: does not name {candidate}")


def check_snapshots(c: Checker) -> None:
    for snapshot in Snapshot.objects.all():
        c.check(
            fingerprint(snapshot.content) == snapshot.sha256,
            f"snapshot {snapshot.pk}: fingerprint does not recompute",
        )
    for portfolio in Portfolio.objects.filter(state=PortfolioState.SUBMITTED):
        latest = portfolio.snapshots.order_by("-round").first()
        if not c.check(latest is not None, f"portfolio {portfolio.pk}: submitted, no snapshot"):
            continue
        try:
            rebuilt = build_snapshot_content(portfolio_content(portfolio))
        except PortfolioError as exc:  # a file whose bytes differ from its recorded hash
            c.check(False, f"portfolio {portfolio.pk}: cannot rebuild the record ({exc})")
            continue
        c.check(
            fingerprint(rebuilt) == latest.sha256,
            f"portfolio {portfolio.pk}: restored rows and files differ from the sealed record",
        )


def check_pages(c: Checker) -> None:
    review = (
        Review.objects.filter(state=ReviewState.DECIDED, reports__isnull=False)
        .select_related("portfolio__candidate")
        .first()
    )
    if not c.check(review is not None, "no decided review with a report to open"):
        return
    portfolio = review.portfolio
    candidate = Client(raise_request_exception=False)
    candidate.force_login(portfolio.candidate)
    pages = [
        reverse("portfolio:dashboard", args=[portfolio.pk]),
        reverse("portfolio:preview", args=[portfolio.pk]),
        reverse("assessment:my_result"),
    ]
    for url in pages:
        response = candidate.get(url)
        c.check(response.status_code == 200, f"candidate GET {url}: {response.status_code}")
    documents = list(portfolio.documents.all())
    c.check(bool(documents), f"portfolio {portfolio.pk}: no documents to download")
    for document in documents:
        url = reverse("portfolio:download", args=[portfolio.pk, document.pk])
        response = candidate.get(url)
        c.check(
            response.status_code == 200
            and hashlib.sha256(body_of(response)).hexdigest() == document.sha256,
            f"candidate GET {url}: {response.status_code} or wrong bytes",
        )
    url = reverse("assessment:report", args=[review.pk])
    response = candidate.get(url)
    c.check(
        response.status_code == 200 and body_of(response).startswith(b"%PDF-"),
        f"candidate GET {url}: {response.status_code} or not a PDF",
    )
    office_user = User.objects.filter(role=Role.OFFICE, is_active=True).first()
    if c.check(office_user is not None, "no office user"):
        office = Client(raise_request_exception=False)
        office.force_login(office_user)
        # Filtered on its state: the oldest submissions come first, decided ones among them.
        url = reverse("assessment:queue") + f"?status={review.state}"
        response = office.get(url)
        c.check(
            response.status_code == 200
            and portfolio.candidate.get_full_name() in response.content.decode(),
            f"office GET {url}: {response.status_code} or the candidate is not listed",
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts-only", action="store_true")
    parser.add_argument("--expect", type=Path, help="row counts recorded from the source")
    args = parser.parse_args()
    if args.counts_only:
        print(json.dumps(counts(), sort_keys=True))
        return 0
    c = Checker()
    restored = counts()
    if args.expect:
        expected = json.loads(args.expect.read_text())
        for label, number in expected.items():
            c.check(restored.get(label) == number, f"{label}: {restored.get(label)} != {number}")
    c.check(Document.objects.exists(), "no documents in the restored copy")
    c.check(Report.objects.exists(), "no reports in the restored copy")
    for check in (check_files, check_snapshots, check_pages):
        try:
            check(c)
        except Exception as exc:  # noqa: BLE001 - a crash is a failed check, not a pass
            c.check(False, f"{check.__name__} crashed: {type(exc).__name__}: {exc}")
    summary = {
        "documents": restored["portfolio.Document"],
        "snapshots": restored["portfolio.Snapshot"],
        "reports": restored["assessment.Report"],
        "checks_passed": c.passed,
        "failures": len(c.failures),
    }
    print("verify_restore " + json.dumps(summary))
    for failure in c.failures:
        print(f"  FAIL {failure}")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
