"""The office's dossier of a portfolio in review: everything it decides from on one page.

The portfolio as sealed at submission (read-only, from the round's snapshot: an edit
after sealing does not show), its documents, both assessments, the comparison with the
joint verdict, the interview and the rule's verdict with the points it rests on. Only
the office; anyone else gets the same 404 as for a portfolio that does not exist.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from assessment.decision import load_outcome
from assessment.enums import RuleVerdict
from assessment.models import Review
from assessment.rules import can_manage_reviews
from assessment.sealed_dossier import sealed_portfolio
from assessment.selectors import report_context
from portal import limits
from portal.storage import serve_private_file
from portfolio import services as portfolio_services
from portfolio.models import Document


def _review_for_office(user, portfolio_id: int) -> Review:
    # An id beyond the column's range is no portfolio (and no query: SQLite would overflow).
    if not can_manage_reviews(user) or not 0 < portfolio_id <= limits.MAX_ID:
        raise Http404
    return get_object_or_404(
        Review.objects.select_related(
            "portfolio__candidate",
            "portfolio__basic_route",
            "portfolio__supplementary_route",
            "decided_by",
        ),
        portfolio_id=portfolio_id,
    )


@require_GET
@login_required
def dossier(request, portfolio_id):
    review = _review_for_office(request.user, portfolio_id)
    context = report_context(review)
    rule = load_outcome(review)
    return render(
        request,
        "assessment/dossier.html",
        {
            **context,
            # The round as sealed at submission, never the live rows (sealed_dossier).
            "sealed": sealed_portfolio(review, context["version"]),
            "rule": rule,
            "rule_grants": rule.verdict == RuleVerdict.GRANTED,
            "rule_refuses": rule.verdict == RuleVerdict.NOT_GRANTED,
            "comparison": [
                {
                    "criterion": row["criterion"],
                    "agreed": row["agreed"],
                    "scores": [score for _assessor, score in row["motivations"]],
                }
                for row in context["criteria"]
            ],
        },
    )


@require_GET
@login_required
def document(request, portfolio_id, document_id):
    """A document of the portfolio, opened by the office (audited, like the assessors')."""
    review = _review_for_office(request.user, portfolio_id)
    doc = get_object_or_404(
        Document.objects.select_related("portfolio"), pk=document_id, portfolio=review.portfolio
    )
    portfolio_services.record_download(document=doc, actor=request.user)
    return serve_private_file(doc.file, filename=doc.original_name, content_type=doc.content_type)
