"""Office queue and assignment; the assessor's declaration, scoring and comparison pages."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessment import (
    compare_rows,
    history,
    queue_rows,
    score_forms,
    sealed_render,
    selectors,
    services,
    workflow,
)
from assessment import rules as review_rules
from assessment.decision import load_outcome
from assessment.enums import Decision, ReviewState, RuleVerdict
from assessment.forms import (
    AdditionsForm,
    AssignForm,
    ConflictForm,
    DecisionForm,
    InterviewPlanForm,
    ThirdAssessorForm,
)
from assessment.models import Review
from assessment.rules import can_download_report, can_manage_reviews
from audit import selectors as audit_selectors
from portal import limits
from portal.dates import start_of_day
from portal.feedback import report_form_errors
from portal.storage import serve_private_file
from portfolio import eligibility
from portfolio import services as portfolio_services
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio
from portfolio.selectors import privacy_override
from profiles.models import Condition, Criterion, Declaration, ScoreOption
from profiles.selectors import content_stamp, version_with_content

PAGE_SIZE = 25
# The portfolios the office's queue holds and opens for assignment.
IN_QUEUE = (PortfolioState.SUBMITTED, PortfolioState.REOPENED)
AUDIT_PAGE_SIZE = 50
MAX_FILTER_DAYS = 3650  # a longer "older than" filter would overflow the date arithmetic


def _posted_id(request, name: str) -> int:
    """An id from the form, 0 when missing or not an id (a tampered form is no 500)."""
    return limits.parse_id(request.POST.get(name)) or 0


class QueuePaginator(Paginator):
    """The queue's paginator: the total of a filter is counted once per dashboard
    generation (a join over every submitted portfolio, 5 ms on 10,000) and kept for at
    most DASHBOARD_SECONDS, like the dashboard; every committed review change counts
    anew (assessment.signals)."""

    def __init__(self, object_list, per_page, *, filters: dict, generation: int):
        super().__init__(object_list, per_page)
        # Hashed: the filters are what the user typed; a key stays short and plain.
        filtered = hashlib.sha256(urlencode(sorted(filters.items())).encode()).hexdigest()
        self.count_key = f"office-queue-count:{generation}:{filtered}"

    @cached_property
    def count(self):
        return cache.get_or_set(
            self.count_key, lambda: Paginator.count.func(self), selectors.DASHBOARD_SECONDS
        )


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
    portfolios = Portfolio.objects.filter(state__in=IN_QUEUE).order_by("submitted_at", "pk")
    if state == "unassigned":
        portfolios = portfolios.filter(
            Q(review__isnull=True) | Q(review__state=ReviewState.SUBMITTED)
        )
    elif state in ReviewState.values:
        portfolios = portfolios.filter(review__state=state)
    assessor_id = _query_value(request, "assessor")
    if limits.parse_id(assessor_id) is not None:
        portfolios = portfolios.filter(
            review__assignments__assessor_id=int(assessor_id),
            review__assignments__withdrawn_at__isnull=True,
        ).distinct()
    min_days = _query_value(request, "dagen")
    if min_days.isdecimal() and int(min_days) <= MAX_FILTER_DAYS:
        # Waiting at least N local days: submitted on or before the local date N days ago.
        since = timezone.localdate() - timedelta(days=int(min_days) - 1)
        portfolios = portfolios.filter(submitted_at__lt=start_of_day(since))
    filters = {"status": state, "assessor": assessor_id, "dagen": min_days}
    generation = selectors.dashboard_generation()
    page = QueuePaginator(
        queue_rows.as_values(portfolios), PAGE_SIZE, filters=filters, generation=generation
    ).get_page(limits.parse_page(request.GET.get("pagina")))
    page.object_list = queue_rows.queue_rows(page.object_list, request.user)
    return render(
        request,
        "assessment/queue.html",
        {
            "page": page,
            "status_filter": state,
            "unassigned_selected": state == "unassigned",
            "states": ReviewState.choices,
            "assessor_options": queue_rows.assessor_options(assessor_id),
            "assessor_id": assessor_id,
            "min_days": min_days,
            "filter_query": urlencode({k: v for k, v in filters.items() if v}),
            # Computed only when the kept rendering has expired (queue.html, `cache`).
            "dashboard": SimpleLazyObject(lambda: selectors.office_dashboard(timezone.now())),
            "dashboard_generation": generation,
            "dashboard_seconds": selectors.DASHBOARD_SECONDS,
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
    form = AssignForm(request.POST or None, candidate=portfolio.candidate)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_assessors(
                portfolio=portfolio,
                first=form.cleaned_data["first"],
                second=form.cleaned_data["second"],
                actor=request.user,
            )
        except services.ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De assessoren zijn toegewezen en ingelicht."))
            return redirect("assessment:queue")
    review = Review.objects.filter(portfolio=portfolio).first()
    context = {"portfolio": portfolio, "form": form, "review": review, "may": {"assign": True}}
    if review is not None:
        rule = load_outcome(review)
        may = review_rules.permissions(request.user, review, workflow.OFFICE_STEPS)
        context.update(
            may=may,
            awaiting_additions=review_rules.additions_are_requested(request.user, review),
            decided=review_rules.is_decided(request.user, review),
            history=history.review_history(review),
            conflicts=review.assignments.exclude(conflict="").select_related("assessor"),
            plan_form=InterviewPlanForm(),
            # Preselected only with a verdict the rule reached: never "undecided" turned
            # into a choice, never a deviation.
            decision_form=DecisionForm(
                initial={"decision": str(rule.verdict)} if rule.verdict in Decision.values else {}
            ),
            rule=rule,
            rule_grants=rule.verdict == RuleVerdict.GRANTED,
            rule_refuses=rule.verdict == RuleVerdict.NOT_GRANTED,
            report=review.reports.order_by("-round").first(),
            additions_form=AdditionsForm(version=portfolio.framework_version),
            third_form=(
                ThirdAssessorForm(review=review, disputed=selectors.disputed_criteria(review))
                if may["add_third_assessor"]
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
        except services.ReviewError as exc:
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
        services.plan_interview,
        _("Het toetsgesprek is gepland; iedereen is ingelicht."),
    )


@require_POST
@login_required
def decide(request, portfolio_id):
    return _office_step(
        request,
        portfolio_id,
        DecisionForm,
        services.decide,
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
            services.request_additions(review=review, actor=request.user, **form.cleaned_data)
        except services.ReviewError as exc:
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
            services.add_third_assessor(
                review=review,
                assessor=form.cleaned_data["assessor"],
                criteria=[int(c) for c in form.cleaned_data["criteria"]],
                actor=request.user,
            )
        except services.ReviewError as exc:
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
        services.resume_review(review=review, actor=request.user)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De aanvulling is terug bij dezelfde assessoren."))
    return redirect("assessment:assign", portfolio_id)


@require_http_methods(["GET", "POST"])
@login_required
def interview(request, assignment_id):
    """An assessor records the interview and the final scores of the open criteria."""
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    review = assignment.review
    prefetch_related_objects([review], "assignments")  # asked by the step predicates
    if not review_rules.may_open_interview(request.user, review):
        raise Http404
    open_items = list(
        review.agreed_scores.filter(
            round=review.round, option__refers_to_interview=True
        ).select_related("criterion__section", "option", "final_option")
    )
    options = list(review.portfolio.framework_version.score_options.all())
    if request.method == "POST":
        try:
            services.record_interview(
                review=review,
                notes=request.POST.get("notes", ""),
                final_scores=_posted_final_scores(request),
                actor=request.user,
            )
        except services.ReviewError as exc:
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
        int(name.removeprefix("final-")): _posted_id(request, name)
        for name in request.POST
        if name.startswith("final-") and name.removeprefix("final-").isdecimal()
    }
    # An id beyond the key's range names no option (and must not overflow the query).
    options = ScoreOption.objects.in_bulk([pk for pk in posted.values() if 0 < pk < 2**63])
    return {criterion_id: options.get(pk) for criterion_id, pk in posted.items()}


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
    services.record_report_download(review=review, report=latest, actor=request.user)
    return serve_private_file(
        latest.file,
        filename=f"rapport-register-jobcoach-{review.pk}.pdf",
        content_type="application/pdf",
    )


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
        },
    )


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
            services.declare_conflict(assignment=assignment, conflict=conflict, actor=request.user)
        except services.ReviewError as exc:
            messages.error(request, str(exc))
            return redirect("assessment:my_reviews")
        if conflict:
            messages.info(request, _("Het bureau wijst een andere assessor toe. Dank je wel."))
            return redirect("assessment:my_reviews")
        return redirect("assessment:score", assignment.pk)
    return render(request, "assessment/declare.html", {"assignment": assignment, "form": form})


@dataclass
class ScoreField:
    """One autosaving score form on the scoring page, ready to print: the scoring page
    holds some 30, so the template gets plain values instead of working them out."""

    target: str  # "criterion-12": what save_score receives, and the stem of the ids
    scale: bool  # a criterion on the framework's scale; else met / not met
    name: str  # the radio buttons' name: "option" or "met"
    choices: list[dict]
    motivation: str
    question: str

    @classmethod
    def on_scale(cls, target, options, score):
        chosen = score.option_id if score else None
        return cls(
            target=target,
            scale=True,
            name="option",
            choices=[_choice(target, o.pk, o.label, f"o{o.pk}", o.pk == chosen) for o in options],
            motivation=score.motivation if score else "",
            question=score.interview_question if score else "",
        )

    @classmethod
    def met_or_not(cls, target, score):
        met = score.met if score else None
        return cls(
            target=target,
            scale=False,
            name="met",
            choices=[
                _choice(target, "yes", _("Voldaan"), "yes", met is True),
                _choice(target, "no", _("Niet voldaan"), "no", met is False),
            ],
            motivation=score.motivation if score else "",
            question="",
        )


def _choice(target, value, label, suffix, checked) -> dict:
    return {"value": value, "label": label, "id": f"{target}-{suffix}", "checked": checked}


def _scoring_context(assignment, user):
    review = assignment.review
    prefetch_related_objects([review], "assignments")  # asked by the step predicates
    version = version_with_content(review.portfolio.framework_version_id)
    items = selectors.review_items(review, version, assignment)
    assessment = selectors.own_assessment(assignment)
    scores = selectors.scores_by_target(assessment)
    from portfolio.selectors import portfolio_content  # noqa: PLC0415

    content = portfolio_content(review.portfolio, version, answers=False)
    sealed = sealed_render.sealed_round(review.portfolio, review.round)
    answers = sealed_render.sealed_answers(sealed, version)
    options = list(version.score_options.all())
    rows = []
    for criterion in items.criteria:
        score = scores.get(("criterion", criterion.pk))
        rows.append(
            {
                "criterion": criterion,
                "answer": answers.get(criterion.pk, ""),
                "field": ScoreField.on_scale(f"criterion-{criterion.pk}", options, score),
            }
        )
    return {
        "assignment": assignment,
        "review": review,
        "portfolio": review.portfolio,
        # Keys the kept criterion texts (score.html): the version, its publication and the
        # content stamp that every edit of framework or profile data replaces.
        "version_stamp": content_stamp(version),
        "conditions": [
            {
                "route": route,
                "condition": c,
                "field": ScoreField.met_or_not(
                    f"condition-{c.pk}", scores.get(("condition", c.pk))
                ),
            }
            for route, c in items.formal_conditions
        ],
        "route_checks": _route_checks(review.portfolio, version, content, items),
        "declarations": [
            {
                "declaration": d,
                "signature": (signature := content.signatures_by_declaration.get(d.pk)),
                "stated": eligibility.stated_text(signature) if signature else "",
                "field": ScoreField.met_or_not(
                    f"declaration-{d.pk}", scores.get(("declaration", d.pk))
                ),
            }
            for d in items.formal_declarations
        ],
        "rows": rows,
        # Already read with the content (in Document's order: uploaded_at, pk).
        "documents": sorted(
            [d for docs in content.documents_by_requirement.values() for d in docs]
            + [d for docs in content.documents_by_question.values() for d in docs],
            key=lambda d: (d.uploaded_at, d.pk),
        ),
        "assessment": assessment,
        "missing": selectors.missing_scores(items, scores),
        "changes": selectors.snapshot_changes(review.portfolio, review.round),
        "history": selectors.earlier_verdicts(review),
        "privacy_override": sealed and sealed.privacy_override,
        "may_see_other_scores": review_rules.may_see_other_scores(user, review),
        "may_open_interview": review_rules.may_open_interview(user, review),
    }


def _route_checks(portfolio, version, content, items) -> list:
    """The chosen routes' diploma window and document ages, with what the candidate gave,
    for whoever checks the formal requirements (not a third assessor)."""
    if not items.formal_conditions:
        return []
    by_pk = {r.pk: r for s in version.sections.all() for r in s.education_requirements.all()}
    routes = [by_pk.get(portfolio.basic_route_id), by_pk.get(portfolio.supplementary_route_id)]
    return eligibility.route_checks(portfolio, routes, content.documents_by_requirement)


@require_GET
@login_required
def score(request, assignment_id):
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    if not assignment.may_open_portfolio:
        return redirect("assessment:declare", assignment.pk)
    context = _scoring_context(assignment, request.user)
    score_forms.attach(context, request)
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
    option_id = _posted_id(request, "option")
    option = ScoreOption.objects.filter(pk=option_id).first() if option_id else None
    met = {"yes": True, "no": False}.get(request.POST.get("met", ""))
    try:
        services.save_score(
            assignment=assignment,
            target=target,
            option=option,
            met=met,
            motivation=request.POST.get("motivation", ""),
            interview_question=request.POST.get("interview_question", ""),
            actor=request.user,
        )
    except services.ReviewError as exc:
        if request.htmx:
            return HttpResponse(escape(str(exc)), status=409)
        messages.error(request, str(exc))
        return redirect("assessment:score", assignment.pk)
    if request.htmx:
        return render(request, "assessment/_saved.html")
    return redirect("assessment:score", assignment.pk)


@require_POST
@login_required
def submit_assessment(request, assignment_id):
    assignment = selectors.assignment_for_assessor(request.user, assignment_id)
    try:
        services.submit_assessment(assignment=assignment, actor=request.user)
    except services.IncompleteAssessment as exc:
        messages.error(
            request, _("Nog niet compleet: %(items)s") % {"items": "; ".join(exc.missing)}
        )
    except services.ReviewError as exc:
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
    prefetch_related_objects([review], "assignments")  # asked by the step predicates
    if not review_rules.may_see_other_scores(request.user, review):
        messages.info(
            request, _("De vergelijking is pas te zien als beide beoordelingen binnen zijn.")
        )
        return redirect("assessment:score", assignment.pk)
    version = version_with_content(review.portfolio.framework_version_id)
    items = selectors.review_items(review, version)
    options = {o.pk: o for o in version.score_options.all()}
    assessments = selectors.current_assessments(review, criteria_only=True)
    per = [selectors.scores_by_target(a) for a in assessments]
    agreed = {a.criterion_id: a for a in review.agreed_scores.filter(round=review.round)}
    rows = []
    questions = []
    for criterion in items.criteria:
        scores = [p.get(("criterion", criterion.pk)) for p in per]
        chosen = {s.option_id for s in scores if s}
        differ = len(chosen) > 1
        if differ or any(options[o].refers_to_interview for o in chosen if o in options):
            asked = [s.interview_question for s in scores if s and s.interview_question]
            questions.append(f"{criterion.code} {criterion.title}: " + (" / ".join(asked) or "…"))
        row_agreed = agreed.get(criterion.pk)
        # Preselected: the agreed score, else the assessors' common one.
        if row_agreed:
            selected = row_agreed.option_id
        else:
            selected = scores[0].option_id if scores and scores[0] and not differ else None
        rows.append(
            {
                "criterion": criterion,
                "scores": scores,
                "differ": differ,
                "agreed": row_agreed,
                "choices": [(o, o.pk == selected) for o in options.values()],
            }
        )
    if request.method == "POST":
        verdicts = {}
        for row in rows:
            pk = row["criterion"].pk
            option = options.get(_posted_id(request, f"option-{pk}"))
            if option is not None:
                verdicts[pk] = (option, request.POST.get(f"reason-{pk}", ""))
        try:
            services.record_agreement(
                review=review,
                verdicts=verdicts,
                questions=request.POST.get("questions", ""),
                actor=request.user,
            )
        except services.ReviewError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Het gezamenlijke oordeel is vastgelegd."))
            return redirect("assessment:compare", assignment.pk)
    editable = review_rules.may_record_agreement(request.user, review)
    compare_rows.attach(rows, editable=editable)
    return render(
        request,
        "assessment/compare.html",
        {
            "assignment": assignment,
            "review": review,
            "assessments": assessments,
            "rows": rows,
            "prefilled_questions": review.interview_questions or "\n".join(questions),
            "editable": editable,
            "privacy_override": privacy_override(review.portfolio, round_=review.round),
        },
    )


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
