"""The assessor's scoring page (with its autosave and submission) and the comparison with
the joint verdict: their page models are `assessment.presenters.scoring_page` and
`assessment.presenters.comparison`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import compare_rows, presenters, score_forms, score_rows, selectors, workbench
from assessment import rules as review_rules
from assessment.services import scoring
from assessment.services.transition import ReviewError
from assessment.views.common import posted_id
from portal import limits
from portfolio.selectors import privacy_override
from profiles.models import Condition, Criterion, Declaration, ScoreOption


@require_GET
@login_required
def score(request, assignment_id):
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    if not assignment.may_open_portfolio:
        return redirect("assessment:declare", assignment.pk)
    context = presenters.scoring_page(assignment, request.user)
    score_forms.attach(context, request)  # the score forms and the index, kept per scores
    score_rows.attach(context)  # the criteria's rows, from kept parts on Jinja2
    return render(request, "assessment/score.html", context)


@require_POST
@login_required
def save_score(request, assignment_id):
    """Save one score (htmx autosave or a plain form post)."""
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    kind, _sep, raw_id = request.POST.get("target", "").partition("-")
    model = {"criterion": Criterion, "condition": Condition, "declaration": Declaration}.get(kind)
    target_id = limits.parse_id(raw_id)
    if model is None or target_id is None:
        return HttpResponse(_("Ongeldige invoer; herlaad de pagina."), status=400)
    target = get_object_or_404(model, pk=target_id)
    option_id = posted_id(request, "option")
    option = ScoreOption.objects.filter(pk=option_id).first() if option_id else None
    met = {"yes": True, "no": False}.get(request.POST.get("met", ""))
    try:
        scoring.save_score(
            assignment=assignment,
            target=target,
            option=option,
            met=met,
            motivation=request.POST.get("motivation", ""),
            interview_question=request.POST.get("interview_question", ""),
            actor=request.user,
        )
    except ReviewError as exc:
        if request.htmx:
            return HttpResponse(escape(str(exc)), status=409)
        messages.error(request, str(exc))
        return redirect("assessment:score", assignment.pk)
    if request.htmx:
        # With the running count, the item's index entry and what is left, out of band.
        context = workbench.after_save(assignment, f"{kind}-{target.pk}")
        return render(request, "assessment/_saved.html", context)
    return redirect("assessment:score", assignment.pk)


@require_POST
@login_required
def submit_assessment(request, assignment_id):
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    try:
        scoring.submit_assessment(assignment=assignment, actor=request.user)
    except scoring.IncompleteAssessment as exc:
        messages.error(
            request, _("Nog niet compleet: %(items)s") % {"items": "; ".join(exc.missing)}
        )
    except ReviewError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Je beoordeling is ingediend."))
    return redirect("assessment:score", assignment.pk)


@require_http_methods(["GET", "POST"])
@login_required
def compare(request, assignment_id):
    """Side by side, only once both assessments are in; then the joint verdict."""
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    review = assignment.review
    selectors.prefetch_assignments(review)  # asked by the step predicates
    if not review_rules.may_see_other_scores(request.user, review):
        messages.info(
            request, _("De vergelijking is pas te zien als beide beoordelingen binnen zijn.")
        )
        return redirect("assessment:score", assignment.pk)
    page = presenters.comparison(review, selectors.assignment_version(assignment))
    if request.method == "POST":
        try:
            scoring.record_agreement(
                review=review,
                verdicts=_posted_verdicts(request, page),
                questions=request.POST.get("questions", ""),
                actor=request.user,
            )
        except ReviewError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Het gezamenlijke oordeel is vastgelegd."))
            return redirect("assessment:compare", assignment.pk)
    editable = review_rules.may_record_agreement(request.user, review)
    return render(
        request,
        "assessment/compare.html",
        {
            "assignment": assignment,
            "review": review,
            "assessments": page.assessments,
            # Kept per content (assessment/compare_rows.py).
            "rows_html": compare_rows.rows_html(page.rows, page.version, editable=editable),
            "prefilled_questions": page.prefilled_questions,
            "editable": editable,
            "privacy_override": privacy_override(review.portfolio, round_=review.round),
        },
    )


def _posted_verdicts(request, page: presenters.Comparison) -> dict:
    """{criterion id: (ScoreOption, reason)} for every row given a posted option of the
    version's scale (the service checks that every criterion has one)."""
    verdicts = {}
    for row in page.rows:
        pk = row["criterion"].pk
        option = page.options.get(posted_id(request, f"option-{pk}"))
        if option is not None:
            verdicts[pk] = (option, request.POST.get(f"reason-{pk}", ""))
    return verdicts
