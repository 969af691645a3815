"""Who may do what in the review, and when (django-rules predicates).

Roles and guards are named predicates here; `may_<step>` for every step declared in
`assessment.workflow` combines the step's states, its role and its guards. Services
enforce them (`assessment.services.transition`: `transition` / `require`), views and templates only
ask them. Every predicate takes (user, review).
"""

import rules
from django.utils import timezone

from assessment.enums import Decision, ReviewState
from assessment.workflow import STEPS, Step
from portal.rules import is_office
from portfolio import rules as portfolio_rules

# --- who ------------------------------------------------------------------------------------


@rules.predicate
def is_candidate_of(user, review) -> bool:
    return review is not None and user is not None and review.portfolio.candidate_id == user.pk


def _assignments(user, review):
    if review is None or user is None or not user.is_authenticated:
        return []
    return [a for a in review.assignments.all() if a.assessor_id == user.pk]


@rules.predicate
def is_assigned_assessor(user, review) -> bool:
    """An assessor of the review now (not withdrawn)."""
    return any(a.withdrawn_at is None for a in _assignments(user, review))


@rules.predicate
def is_cleared_assessor(user, review) -> bool:
    """An assessor of the review who declared no conflict of interest: may open and score."""
    return any(a.may_open_portfolio for a in _assignments(user, review))


@rules.predicate
def was_assigned_assessor(user, review) -> bool:
    """Assigned now or earlier: the assessor whose declared conflict just withdrew them."""
    return bool(_assignments(user, review))


# --- guards ---------------------------------------------------------------------------------


@rules.predicate
def portfolio_awaits_review(user, review) -> bool:
    return portfolio_rules.is_submitted(user, review.portfolio)


@rules.predicate
def all_assessments_in(_user, review) -> bool:
    """Every active assessor (at least as many as the framework asks) submitted the
    assessment of this round."""
    active = [a for a in review.assignments.all() if a.withdrawn_at is None]
    submitted = [
        a
        for a in active
        if any(s.round == review.round and s.submitted_at for s in a.assessments.all())
    ]
    return len(active) >= max(review.assessor_count, 1) and len(submitted) == len(active)


@rules.predicate
def has_single_assessor(_user, review) -> bool:
    """The framework asks one assessor: that assessment is the agreed verdict."""
    return review is not None and review.assessor_count == 1


@rules.predicate
def compares_assessments(_user, review) -> bool:
    """Two (or more) independent assessments: compared, then a joint verdict."""
    return review is not None and review.assessor_count >= 2


@rules.predicate
def interview_is_required(_user, review) -> bool:
    return review.interview_required


@rules.predicate
def is_ready_to_decide(_user, review) -> bool:
    """The review is where the office decides: after the interview, or after the joint
    verdict on a route without one."""
    ready = ReviewState.INTERVIEW_HELD if review.interview_required else ReviewState.AGREED
    return review.state == ready


@rules.predicate
def additions_resubmitted(user, review) -> bool:
    """The candidate resubmitted the portfolio after the additions were requested."""
    portfolio = review.portfolio
    latest = portfolio.snapshots.order_by("-round").values_list("round", flat=True).first()
    return (
        portfolio_rules.is_submitted(user, portfolio)
        and latest is not None
        and latest > review.round
    )


@rules.predicate
def is_decided(_user, review) -> bool:
    return review is not None and review.state == ReviewState.DECIDED


@rules.predicate
def is_granted(_user, review) -> bool:
    """Decided, and the certificate is granted."""
    return is_decided(_user, review) and review.decision == Decision.GRANTED


@rules.predicate
def is_not_granted(_user, review) -> bool:
    """Decided, and the certificate is not granted."""
    return is_decided(_user, review) and review.decision == Decision.NOT_GRANTED


@rules.predicate
def interview_is_planned(_user, review) -> bool:
    return review is not None and review.state == ReviewState.INTERVIEW_PLANNED


@rules.predicate
def interview_day_has_come(_user, review) -> bool:
    """The planned interview's (local) date is today or past: it can have been held."""
    interview = getattr(review, "interview", None) if review is not None else None
    return interview is not None and (
        timezone.localdate(interview.scheduled_at) <= timezone.localdate()
    )


@rules.predicate
def additions_are_requested(_user, review) -> bool:
    """The review waits for the candidate's additions."""
    return review is not None and review.state == ReviewState.ADDITIONS_REQUESTED


@rules.predicate
def awaits_assessors(_user, review) -> bool:
    """No review yet, or one that (again) waits for the office to assign assessors."""
    return not review or review.state == ReviewState.SUBMITTED


# --- every declared step as a predicate -----------------------------------------------------


def step_predicate(step: Step) -> rules.Predicate:
    """May `user` take `step` on `review` now: its state, its role, its guards."""
    role = globals()[step.actor]
    guards = [globals()[name] for name in step.guards]

    def may(user, review) -> bool:
        return (
            review is not None
            and review.state in step.sources
            and role.test(user, review)
            and all(guard.test(user, review) for guard in guards)
        )

    return rules.Predicate(may, name=f"may_{step.name}")


MAY = {name: step_predicate(step) for name, step in STEPS.items()}
may_assign = MAY["assign"]
may_score = MAY["score"]
may_submit_assessment = MAY["submit_assessment"]
may_see_other_scores = MAY["see_other_scores"]
may_record_agreement = MAY["record_agreement"]
may_add_third_assessor = MAY["add_third_assessor"]
may_plan_interview = MAY["plan_interview"]
may_open_interview = MAY["open_interview"]
may_record_interview = MAY["record_interview"]
may_request_additions = MAY["request_additions"]
may_resume = MAY["resume"]
may_decide = MAY["decide"]
may_decide_without_agreement = MAY["decide_without_agreement"]


def permissions(user, review, names) -> dict:
    """{step: allowed?} for the named steps: what a view passes to its template."""
    return {name: MAY[name].test(user, review) for name in names}


can_manage_reviews = is_office
can_download_report = is_office | is_candidate_of

rules.add_perm("assessment.manage_reviews", can_manage_reviews)
rules.add_perm("assessment.download_report", can_download_report)
rules.add_perm("assessment.awaits_assessors", is_office & awaits_assessors)
for _name, _predicate in MAY.items():
    rules.add_perm(f"assessment.{_name}", _predicate)
