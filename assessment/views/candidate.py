"""The candidate's result page, and the decision report (for the candidate and the office)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from assessment import rules as review_rules
from assessment.models import Review
from assessment.rules import can_download_report
from assessment.services.reports import record_report_download
from portal.storage import serve_private_file


@require_GET
@login_required
def report(request, review_id):
    """The decision report, for the office and for the candidate it is about."""
    review = get_object_or_404(Review.objects.select_related("portfolio"), pk=review_id)
    if not can_download_report(request.user, review):
        raise Http404
    latest = review.reports.order_by("-round").first()
    if latest is None:
        raise Http404
    record_report_download(review=review, report=latest, actor=request.user)
    return serve_private_file(
        latest.file,
        filename=f"rapport-register-jobcoach-{review.pk}.pdf",
        content_type="application/pdf",
    )


@require_GET
@login_required
def my_result(request):
    """The candidate's review status, decision and report."""
    if not request.user.is_candidate:
        raise Http404
    review = (
        Review.objects.filter(portfolio__candidate=request.user)
        .select_related("portfolio")
        .prefetch_related("reports")
        .order_by("-created_at")
        .first()
    )
    return render(
        request,
        "assessment/my_result.html",
        {
            "review": review,
            "interview_planned": review_rules.interview_is_planned(request.user, review),
            "decided": review_rules.is_decided(request.user, review),
            "granted": review_rules.is_granted(request.user, review),
            "not_granted": review_rules.is_not_granted(request.user, review),
            "office_email": settings.OFFICE_EMAIL,
        },
    )
