import pytest

from assessment.enums import Decision, ReviewState
from objections import services
from portal.enums import Role
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review
from tests.factories.users import UserFactory


def decided_review(candidate, version, assessor, second_assessor, office, *, decision):
    """A review through the whole workflow, decided `decision` (not granted: C2.1 agreed
    "niet aangetoond", so the rule agrees)."""
    overrides = {"C3.2": "toelichten"}
    if decision == Decision.NOT_GRANTED:
        overrides["C2.1"] = "niet_aangetoond"
    world = make_review(
        state=ReviewState.DECIDED,
        portfolio=make_portfolio(candidate=candidate, version=version, state="submitted"),
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
        overrides=overrides,
    )
    assert world.review.decision == decision
    return world.review


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
