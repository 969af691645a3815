import pytest

from assessment.services import assign_assessors, declare_conflict
from portfolio.services import start_portfolio, submit_portfolio
from tests.factories.portfolios import fill_portfolio


@pytest.fixture
def submitted_portfolio(seeded_version, candidate):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    fill_portfolio(portfolio)
    submit_portfolio(portfolio=portfolio, actor=candidate)
    portfolio.refresh_from_db()
    return portfolio


@pytest.fixture
def review(submitted_portfolio, assessor, second_assessor, office):
    return assign_assessors(
        portfolio=submitted_portfolio, first=assessor, second=second_assessor, actor=office
    )


@pytest.fixture
def declared(review, assessor, second_assessor):
    """Both assessors declared no conflict; returns their two assignments."""
    first = review.assignments.get(assessor=assessor)
    second = review.assignments.get(assessor=second_assessor)
    declare_conflict(assignment=first, conflict="", actor=assessor)
    declare_conflict(assignment=second, conflict="", actor=second_assessor)
    first.refresh_from_db()
    second.refresh_from_db()
    return first, second
