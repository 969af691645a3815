"""The decision report: made once per round (the Celery task), its download audited."""

import hashlib
import posixpath

from django.core.files.base import ContentFile
from django.db import transaction

from assessment.enums import ReviewState
from assessment.models import Report, Review, report_upload_to
from assessment.selectors import report_context
from assessment.services.transition import audit_review
from audit.enums import AuditAction

# portal.reports imports WeasyPrint itself only when a PDF is rendered.
from portal import reports


def record_report_download(*, review: Review, report: Report, actor) -> None:
    """Audit that `actor` downloaded the decision report (after the access check)."""
    audit_review(review, AuditAction.REPORT_DOWNLOADED, actor=actor, target=report)


def make_report(*, review_id: int, round: int) -> "Report | None":  # noqa: A002
    """Render and store the report once (idempotent: a second call stores nothing)."""
    review = Review.objects.filter(pk=review_id, state=ReviewState.DECIDED).first()
    if review is None or Report.objects.filter(review_id=review_id, round=round).exists():
        return None
    pdf = reports.render_pdf("assessment/report_pdf.html", report_context(review))
    with transaction.atomic():
        Review.objects.select_for_update().get(pk=review_id)
        if Report.objects.filter(review_id=review_id, round=round).exists():
            return None
        _remove_orphan_report_files(review)
        report = Report(review=review, round=round, sha256=hashlib.sha256(pdf).hexdigest())
        report.file.save("rapport.pdf", ContentFile(pdf), save=False)
        report.save()
        audit_review(
            review,
            AuditAction.REPORT_GENERATED,
            actor=None,
            target=report,
            summary=f"ronde {round}, SHA-256 {report.sha256[:16]}…",
        )
    return report


def _remove_orphan_report_files(review: Review) -> None:
    """Delete files in the review's report folder that no Report row names: a worker
    killed between storing the PDF and committing the row leaves one behind, and the
    redelivered task must not add a second. Call under the review's row lock."""
    storage = Report._meta.get_field("file").storage
    folder = posixpath.dirname(report_upload_to(Report(review_id=review.pk), "rapport.pdf"))
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    known = set(Report.objects.filter(review=review).values_list("file", flat=True))
    for name in files:
        if f"{folder}/{name}" not in known:
            storage.delete(f"{folder}/{name}")
