"""A registered job coach: certified on a framework version through the real services (a
submitted portfolio with its sealed snapshot, a review up to the interview held, the
office's grant), as the register's tests need one."""

from assessment.enums import Decision, ReviewState
from assessment.models import Review
from assessment.services import assignment as assignment_service
from assessment.services.decision import decide
from register import recertification
from register.models import Registration
from tests.factories.portfolios import fill_portfolio, make_portfolio, submit
from tests.factories.reviews import make_review, score_and_submit

NOT_GRANTED_REASON = "De uren zijn niet aangetoond met bewijsstukken."


def review_to_decide(*, version, candidate, assessor, second_assessor, office):
    """`candidate`'s submitted portfolio on `version`, its review with the interview held
    (every criterion met): the office's decision is next."""
    portfolio = make_portfolio(candidate=candidate, version=version, state="submitted")
    return make_review(
        state=ReviewState.INTERVIEW_HELD,
        portfolio=portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
        overrides={},
    ).review


def granted_registration(*, version, candidate, assessor, second_assessor, office) -> Registration:
    """The registration a grant on `version` gives `candidate` (assessed by the two)."""
    review = review_to_decide(
        version=version,
        candidate=candidate,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
    )
    decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    return Registration.objects.get(candidate=candidate)


def recertification_attempt(registration, assessor, office, *, decision=None) -> Review:
    """A recertification of `registration` through the services: started, filled,
    submitted, assessed by the one `assessor`; decided when `decision` is given."""
    portfolio = recertification.start(candidate=registration.candidate)
    fill_portfolio(portfolio)
    submit(portfolio)
    review = assignment_service.assign_assessors(portfolio=portfolio, first=assessor, actor=office)
    (only,) = review.assignments.all()
    assignment_service.declare_conflict(assignment=only, conflict="", actor=assessor)
    only.refresh_from_db()
    score_and_submit(only)
    review = Review.objects.get(pk=review.pk)
    if decision is not None:
        reason = NOT_GRANTED_REASON if decision == Decision.NOT_GRANTED else ""
        decide(review=review, decision=decision, reason=reason, actor=office)
    return review
