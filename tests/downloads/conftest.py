from tests.portfolio.conftest import complete_portfolio, portfolio  # noqa: F401 - shared fixtures
