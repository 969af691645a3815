"""A registered job coach: certified on a framework version through the real services (a
submitted portfolio with its sealed snapshot, a review up to the interview held, the
office's grant), as the register's tests need one."""

from assessment.enums import Decision, ReviewState
from assessment.services.decision import decide
from register.models import Registration
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review


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
