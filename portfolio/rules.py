"""Who may see and change a portfolio (django-rules predicates)."""

import rules

from portal.rules import is_candidate, is_office
from portfolio.enums import PortfolioState


@rules.predicate
def is_owner(user, portfolio) -> bool:
    return portfolio is not None and user is not None and portfolio.candidate_id == user.pk


@rules.predicate
def is_system(user) -> bool:
    """A step taken by the portal itself (a task, the review's service), not a person."""
    return user is None


is_office_or_system = is_system | is_office


@rules.predicate
def is_submitted(_user, portfolio) -> bool:
    """Submitted and waiting for (or in) review: not a draft, not reopened."""
    return portfolio is not None and portfolio.state == PortfolioState.SUBMITTED


@rules.predicate
def is_awaiting_additions(user, portfolio) -> bool:
    """The review reopened named sections of the portfolio for additions."""
    return portfolio is not None and portfolio.state == PortfolioState.REOPENED


can_view_portfolio = is_candidate & is_owner

rules.add_perm("portfolio.view_portfolio", can_view_portfolio)
