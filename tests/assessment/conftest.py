import pytest

from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import assign_two, declare_both


@pytest.fixture
def submitted_portfolio(seeded_version, candidate):
    return make_portfolio(candidate=candidate, version=seeded_version, state="submitted")


@pytest.fixture
def review(submitted_portfolio, assessor, second_assessor, office):
    return assign_two(submitted_portfolio, assessor, second_assessor, office, declare=False)[0]


@pytest.fixture
def declared(review, assessor, second_assessor):
    """Both assessors declared no conflict; returns their two assignments."""
    return declare_both(review, assessor, second_assessor)
