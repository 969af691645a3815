"""A registered job coach: certified on a framework version through the real services (a
submitted portfolio with its sealed snapshot, a review up to the interview held, the
office's grant), as the register's tests need one."""

from assessment.enums import Decision, ReviewState
from assessment.services.decision import decide
from register.models import Registration
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review


def granted_registration(*, version, candidate, assessor, second_assessor, office) -> Registration:
    """The registration a grant on `version` gives `candidate` (assessed by the two)."""
    portfolio = make_portfolio(candidate=candidate, version=version, state="submitted")
    review = make_review(
        state=ReviewState.INTERVIEW_HELD,
        portfolio=portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
        overrides={},
    ).review
    decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    return Registration.objects.get(candidate=candidate)
