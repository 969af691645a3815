import pytest

from tests.factories.portfolios import fill_portfolio, make_portfolio


@pytest.fixture
def portfolio(seeded_version, candidate):
    return make_portfolio(candidate=candidate, version=seeded_version, state="started")


@pytest.fixture
def complete_portfolio(portfolio):
    fill_portfolio(portfolio)
    return portfolio
