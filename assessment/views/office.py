"""The office's pages: the queue, a review with its steps (assign, plan the interview,
decide, ask for additions, resume, add a third assessor) and a portfolio's audit trail."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import office_queue, presenters, queue_rows, selectors
from assessment.enums import ReviewState
from assessment.forms import (
    AdditionsForm,
    AssignForm,
    DecisionForm,
    InterviewPlanForm,
    ThirdAssessorForm,
)
from assessment.models import Review
from assessment.office_queue import IN_QUEUE, QueuePaginator
from assessment.rules import can_manage_reviews
from assessment.services import assignment, decision, interview
from assessment.services.transition import ReviewError
from assessment.views.common import PAGE_SIZE
from audit import selectors as audit_selectors
from portal import limits
from portal.feedback import report_form_errors
from portfolio.models import Portfolio
from profiles.selectors import version_with_content

AUDIT_PAGE_SIZE = 50


def _query_value(request, name: str) -> str:
    """A filter value from the query string, cut to its bound: it is echoed in the page
    and, through the paginator's count key, in a cache key."""
    return request.GET.get(name, "")[: limits.QUERY_VALUE]


def _require_office(request):
    if not can_manage_reviews(request.user):
        raise Http404


@require_GET
@login_required
def queue(request):
    """The office's queue of submitted portfolios, filterable and paginated."""
    _require_office(request)
    state = _query_value(request, "status")
    assessor_id = _query_value(request, "assessor")
    min_days = _query_value(request, "dagen")
    portfolios = office_queue.queue_portfolios(
        state=state, assessor_id=limits.parse_id(assessor_id), min_days=min_days
    )
    filters = {"status": state, "assessor": assessor_id, "dagen": min_days}
    generation = office_queue.dashboard_generation()
    page = QueuePaginator(
        queue_rows.as_values(portfolios), PAGE_SIZE, filters=filters, generation=generation
    ).get_page(limits.parse_page(request.GET.get("pagina")))
    return render(
        request,
        "assessment/queue.html",
        {
            "page": page,
            "rows_html": queue_rows.rows_html(page.object_list),  # kept per content
            "status_filter": state,
            "unassigned_selected": state == "unassigned",
            "states": ReviewState.choices,
            "assessor_options": queue_rows.assessor_options(assessor_id),
            "assessor_id": assessor_id,
            "min_days": min_days,
            "filter_query": urlencode({k: v for k, v in filters.items() if v}),
            # Computed only when the kept rendering has expired (queue.html, `cache`).
            "dashboard": SimpleLazyObject(lambda: office_queue.office_dashboard(timezone.now())),
            "dashboard_generation": generation,
            "dashboard_seconds": office_queue.DASHBOARD_SECONDS,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def assign(request, portfolio_id):
    _require_office(request)
    portfolio = get_object_or_404(
        Portfolio.objects.select_related("candidate", "basic_route", "supplementary_route"),
        pk=portfolio_id,
        state__in=IN_QUEUE,
    )
    form = AssignForm(
        request.POST or None,
        candidate=portfolio.candidate,
        assessor_count=portfolio.framework_version.assessor_count,
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment.assign_assessors(
                portfolio=portfolio,
                first=form.cleaned_data["first"],
                second=form.cleaned_data.get("second"),
                actor=request.user,
            )
        except ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De assessoren zijn toegewezen en ingelicht."))
            return redirect("assessment:queue")
    review = Review.objects.filter(portfolio=portfolio).first()
    context = {
        "portfolio": portfolio,
        "version": version_with_content(portfolio.framework_version_id),
        "form": form,
        "review": review,
        "may": {"assign": True},
    }
    if review is not None:
        page = presenters.office_review(request.user, review)
        context.update(
            page,
            plan_form=InterviewPlanForm(),
            decision_form=DecisionForm(initial=presenters.decision_initial(page["rule"])),
            additions_form=AdditionsForm(version=portfolio.framework_version),
            third_form=(
                ThirdAssessorForm(review=review, disputed=selectors.disputed_criteria(review))
                if page["may"]["add_third_assessor"]
                else None
            ),
        )
    return render(request, "assessment/assign.html", context)


def _office_step(request, portfolio_id, form_class, service, success: str):
    """POST of an office form on a review: validate, call one service, report back."""
    _require_office(request)
    review = get_object_or_404(Review, portfolio_id=portfolio_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(review=review, actor=request.user, **form.cleaned_data)
        except ReviewError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, success)
    else:
        report_form_errors(request, form)
    return redirect("assessment:assign", portfolio_id)


@require_POST
@login_required
def plan_interview(request, portfolio_id):
    return _office_step(
        request,
        portfolio_id,
        InterviewPlanForm,
        interview.plan_interview,
        _("Het toetsgesprek is gepland; iedereen is ingelicht."),
    )


@require_POST
@login_required
def decide(request, portfolio_id):
    return _office_step(
        request,
        portfolio_id,
        DecisionForm,
        decision.decide,
        _("Het besluit is vastgelegd; het rapport wordt gemaakt."),
    )


@require_POST
@login_required
def request_additions(request, portfolio_id):
    _require_office(request)
    review = get_object_or_404(
        Review.objects.select_related("portfolio"), portfolio_id=portfolio_id
    )
    form = AdditionsForm(request.POST, version=review.portfolio.framework_version)
    if form.is_valid():
        try:
            decision.request_additions(review=review, actor=request.user, **form.cleaned_data)
        except ReviewError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("De aanvullingen zijn gevraagd; de kandidaat is ingelicht.")
            )
    else:
        report_form_errors(request, form)
    return redirect("assessment:assign", portfolio_id)


@require_POST
@login_required
def add_third(request, portfolio_id):
    _require_office(request)
    review = get_object_or_404(
        Review.objects.select_related("portfolio"), portfolio_id=portfolio_id
    )
    form = ThirdAssessorForm(
        request.POST, review=review, disputed=selectors.disputed_criteria(review)
    )
    if form.is_valid():
        try:
            assignment.add_third_assessor(
                review=review,
                assessor=form.cleaned_data["assessor"],
                criteria=[int(c) for c in form.cleaned_data["criteria"]],
                actor=request.user,
            )
        except ReviewError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("De derde assessor is toegevoegd en ingelicht."))
    else:
        report_form_errors(request, form)
    return redirect("assessment:assign", portfolio_id)


@require_POST
@login_required
def resume(request, portfolio_id):
    _require_office(request)
    review = get_object_or_404(Review, portfolio_id=portfolio_id)
    try:
        decision.resume_review(review=review, actor=request.user)
    except ReviewError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De aanvulling is terug bij dezelfde assessoren."))
    return redirect("assessment:assign", portfolio_id)


@require_GET
@login_required
def audit_trail(request, portfolio_id):
    """The office reads a portfolio's audit trail (read-only; nobody can change it)."""
    _require_office(request)
    portfolio = get_object_or_404(Portfolio.objects.select_related("candidate"), pk=portfolio_id)
    page = Paginator(audit_selectors.entries_for_portfolio(portfolio.pk), AUDIT_PAGE_SIZE).get_page(
        limits.parse_page(request.GET.get("pagina"))
    )
    return render(
        request,
        "assessment/audit_trail.html",
        {"portfolio": portfolio, "page": page, "in_queue": portfolio.state in IN_QUEUE},
    )
