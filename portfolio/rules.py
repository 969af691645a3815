"""Who may see and change a portfolio (django-rules predicates)."""

import rules

from portal.rules import is_candidate


@rules.predicate
def is_owner(user, portfolio) -> bool:
    return portfolio is not None and portfolio.candidate_id == user.pk


@rules.predicate
def is_draft(user, portfolio) -> bool:
    return portfolio is not None and portfolio.is_editable


can_view_portfolio = is_candidate & is_owner
can_edit_portfolio = is_candidate & is_owner & is_draft

rules.add_perm("portfolio.view_portfolio", can_view_portfolio)
rules.add_perm("portfolio.change_portfolio", can_edit_portfolio)
