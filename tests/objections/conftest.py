import pytest

from assessment.enums import Decision
from assessment.services.assignment import assign_assessors, declare_conflict
from assessment.services.decision import decide
from objections import services
from portal.enums import Role
from portfolio.demo import fill_portfolio
from portfolio.services import start_portfolio, submit_portfolio
from tests.assessment.helpers import agree_everything, hold_interview
from tests.factories.users import UserFactory


def decided_review(candidate, version, assessor, second_assessor, office, *, decision):
    """A review through the whole workflow, decided `decision` (not granted: one
    criterion agreed "niet aangetoond", so the rule agrees)."""
    portfolio = start_portfolio(candidate=candidate, version=version)
    fill_portfolio(portfolio)
    submit_portfolio(portfolio=portfolio, actor=candidate)
    portfolio.refresh_from_db()
    review = assign_assessors(
        portfolio=portfolio, first=assessor, second=second_assessor, actor=office
    )
    first = review.assignments.get(assessor=assessor)
    second = review.assignments.get(assessor=second_assessor)
    declare_conflict(assignment=first, conflict="", actor=assessor)
    declare_conflict(assignment=second, conflict="", actor=second_assessor)
    first.refresh_from_db()
    second.refresh_from_db()
    overrides = {"C3.2": "toelichten"}
    if decision == Decision.NOT_GRANTED:
        overrides["C2.1"] = "niet_aangetoond"
    review = agree_everything(first, second, assessor, second_assessor, overrides=overrides)
    review = hold_interview(review, office, assessor)
    return decide(review=review, decision=decision, reason="", actor=office)


@pytest.fixture
def member(db):
    return UserFactory(
        email="bezwaar@example.nl",
        first_name="Henk",
        last_name="de Graaf",
        role=Role.OBJECTION_MEMBER,
    )


@pytest.fixture
def other_member(db):
    return UserFactory(
        email="bezwaar2@example.nl",
        first_name="Ria",
        last_name="Kok",
        role=Role.OBJECTION_MEMBER,
    )


@pytest.fixture
def not_granted(seeded_version, candidate, assessor, second_assessor, office):
    return decided_review(
        candidate, seeded_version, assessor, second_assessor, office, decision=Decision.NOT_GRANTED
    )


@pytest.fixture
def lodged(not_granted, candidate):
    return services.lodge_objection(
        review=not_granted, reasons="Criterium C2.1 is wel aangetoond.", actor=candidate
    )


@pytest.fixture
def in_review(lodged, member, office):
    services.assign_member(objection=lodged, member=member, actor=office)
    return services.declare(objection=lodged, conflict="", actor=member)
