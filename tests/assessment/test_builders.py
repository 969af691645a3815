"""The tests' builders (tests/factories/portfolios.py, reviews.py) make what they say:
every state asked for is the state the services leave behind."""

import pytest

from assessment.enums import Decision, ReviewState
from portfolio.enums import PortfolioState
from tests.factories.portfolios import PORTFOLIO_STATES, make_portfolio
from tests.factories.reviews import REVIEW_STEPS, make_review, second_round


@pytest.mark.django_db
@pytest.mark.parametrize("state", PORTFOLIO_STATES)
def test_a_portfolio_in_every_state(seeded_version, candidate, state):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state=state)
    answered = portfolio.answers.exclude(text="").count()
    expected = PortfolioState.SUBMITTED if state == "submitted" else PortfolioState.DRAFT
    assert portfolio.state == expected
    assert (answered > 0) == (state != "started")
    if state == "partial":
        full = make_portfolio(version=seeded_version, state="complete")
        assert 0 < answered < full.answers.exclude(text="").count()


@pytest.mark.django_db
@pytest.mark.parametrize("state", REVIEW_STEPS)
def test_a_review_in_every_state(seeded_version, assessor, second_assessor, office, state):
    world = make_review(
        version=seeded_version,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
        state=state,
    )
    expected = ReviewState.ASSIGNED if state == "declared" else state
    assert world.review.state == expected
    declared = [a.declared_at is not None for a in (world.first, world.second)]
    assert declared == [state != "assigned"] * 2
    assert (world.assessor, world.second_assessor) == (assessor, second_assessor)
    if state == "decided":
        assert world.review.decision == Decision.GRANTED  # the rule's verdict


@pytest.mark.django_db
def test_a_second_round_after_additions(seeded_version):
    world = second_round(make_review(version=seeded_version, state="additions_requested"))
    assert (world.review.state, world.review.round) == (ReviewState.DECIDED, 2)


@pytest.mark.django_db
def test_a_decision_against_the_rule_is_given_with_a_reason(seeded_version):
    world = make_review(version=seeded_version, state="decided", decision=Decision.NOT_GRANTED)
    assert (world.review.decision, world.review.rule_verdict) == (
        Decision.NOT_GRANTED,
        "granted",
    )
    assert world.review.decision_reason
