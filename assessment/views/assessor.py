"""The assessor's pages around the scoring: their reviews, the declaration of (no)
conflict of interest, the toetsgesprek and the portfolio's documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from assessment import rules as review_rules
from assessment import selectors
from assessment.forms import ConflictForm
from assessment.services.assignment import declare_conflict
from assessment.services.interview import record_interview
from assessment.services.transition import ReviewError
from assessment.views.common import PAGE_SIZE, posted_id
from portal import limits
from portal.storage import serve_private_file
from portfolio import services as portfolio_services
from profiles.models import ScoreOption


@require_GET
@login_required
def my_reviews(request):
    if not request.user.is_assessor:
        raise Http404
    page = Paginator(selectors.assignments_of(request.user), PAGE_SIZE).get_page(
        limits.parse_page(request.GET.get("pagina"))
    )
    return render(request, "assessment/my_reviews.html", {"page": page, "assignments": page})


@require_http_methods(["GET", "POST"])
@login_required
def declare(request, assignment_id):
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    if assignment.declared_at:
        return redirect("assessment:score", assignment.pk)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        conflict = (
            form.cleaned_data["conflict"] if form.cleaned_data["has_conflict"] == "yes" else ""
        )
        try:
            declare_conflict(assignment=assignment, conflict=conflict, actor=request.user)
        except ReviewError as exc:
            messages.error(request, str(exc))
            return redirect("assessment:my_reviews")
        if conflict:
            messages.info(request, _("Het bureau wijst een andere assessor toe. Dank je wel."))
            return redirect("assessment:my_reviews")
        return redirect("assessment:score", assignment.pk)
    return render(request, "assessment/declare.html", {"assignment": assignment, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def interview(request, assignment_id):
    """An assessor records the interview and the final scores of the open criteria."""
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    review = assignment.review
    prefetch_related_objects([review], "assignments")  # asked by the step predicates
    if not review_rules.may_open_interview(request.user, review):
        raise Http404
    open_items = list(selectors.referred_to_interview(review))
    options = list(review.portfolio.framework_version.score_options.all())
    if request.method == "POST":
        try:
            record_interview(
                review=review,
                notes=request.POST.get("notes", ""),
                final_scores=_posted_final_scores(request),
                actor=request.user,
            )
        except ReviewError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Het toetsgesprek is vastgelegd."))
            return redirect("assessment:score", assignment.pk)
    return render(
        request,
        "assessment/interview.html",
        {
            "assignment": assignment,
            "review": review,
            "open_items": open_items,
            "options": options,
            "may_record": review_rules.may_record_interview(request.user, review),
        },
    )


def _posted_final_scores(request) -> dict:
    """{criterion id: ScoreOption | None} for every posted `final-<criterion id>`, as
    posted: the service refuses criteria not referred to the interview and options that
    are not a definitive score of this portfolio's scale (None: no such option)."""
    posted = {
        int(name.removeprefix("final-")): posted_id(request, name)
        for name in request.POST
        if name.startswith("final-") and name.removeprefix("final-").isdecimal()
    }
    # An id beyond the key's range names no option (and must not overflow the query).
    options = ScoreOption.objects.in_bulk([pk for pk in posted.values() if 0 < pk < 2**63])
    return {criterion_id: options.get(pk) for criterion_id, pk in posted.items()}


@require_GET
@login_required
def document(request, assignment_id, document_id):
    """An uploaded document of the assigned portfolio, opened in the browser."""
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    if not assignment.may_open_portfolio:
        raise Http404
    doc = get_object_or_404(
        assignment.review.portfolio.documents.select_related("portfolio"), pk=document_id
    )
    portfolio_services.record_download(document=doc, actor=request.user)
    return serve_private_file(doc.file, filename=doc.original_name, content_type=doc.content_type)
