import pytest

from portfolio.services import start_portfolio
from tests.factories.portfolios import fill_portfolio


@pytest.fixture
def portfolio(seeded_version, candidate):
    return start_portfolio(candidate=candidate, version=seeded_version)


@pytest.fixture
def complete_portfolio(portfolio):
    fill_portfolio(portfolio)
    return portfolio
