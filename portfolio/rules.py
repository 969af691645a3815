"""Who may see and change a portfolio (django-rules predicates)."""

import rules

from portal.rules import is_candidate


@rules.predicate
def is_owner(user, portfolio) -> bool:
    return portfolio is not None and portfolio.candidate_id == user.pk


can_view_portfolio = is_candidate & is_owner

rules.add_perm("portfolio.view_portfolio", can_view_portfolio)
