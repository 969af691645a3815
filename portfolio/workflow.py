"""The portfolio's side of the certification workflow, declared once.

The candidate submits; the review reopens named sections for additions; the candidate
resubmits. `portfolio.services` enforces this table (`require`), and the review's own
declaration (`assessment.workflow`) refers to it, so the README's diagram shows both.
"""

from dataclasses import dataclass

import rules
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portfolio import rules as portfolio_rules
from portfolio.enums import PortfolioState


@dataclass(frozen=True)
class PortfolioTransition:
    name: str
    sources: frozenset
    target: str
    actor: rules.Predicate  # (user, portfolio): who may take the step
    who: Promise  # the actor in words (README diagram)
    label: Promise
    refused: Promise  # shown when the portfolio is not in one of `sources`
    role_refused: Promise  # shown when `actor` does not hold


SUBMIT = PortfolioTransition(
    name="submit",
    sources=frozenset({PortfolioState.DRAFT}),
    target=PortfolioState.SUBMITTED,
    actor=portfolio_rules.is_owner,
    who=_("kandidaat"),
    label=_("Portfolio indienen (compleet, privacy bevestigd)"),
    refused=_("Dit portfolio is al ingediend."),
    role_refused=_("Dit portfolio is niet van jou."),
)
RESUBMIT = PortfolioTransition(
    name="resubmit",
    sources=frozenset({PortfolioState.REOPENED}),
    target=PortfolioState.SUBMITTED,
    actor=portfolio_rules.is_owner,
    who=_("kandidaat"),
    label=_("Aanvulling indienen (compleet, privacy bevestigd)"),
    refused=_("Dit portfolio is al ingediend."),
    role_refused=_("Dit portfolio is niet van jou."),
)
REOPEN = PortfolioTransition(
    name="reopen_for_additions",
    sources=frozenset({PortfolioState.SUBMITTED}),
    target=PortfolioState.REOPENED,
    actor=portfolio_rules.is_office_or_system,
    who=_("bureau"),
    label=_("Heropenen voor aanvullingen (onderdelen en termijn)"),
    refused=_("Alleen een ingediend portfolio kan worden heropend."),
    role_refused=_("Alleen het bureau kan dit doen."),
)

CLOSE = PortfolioTransition(
    name="close_decided",
    sources=frozenset({PortfolioState.SUBMITTED}),
    target=PortfolioState.CLOSED,
    actor=portfolio_rules.is_owner,
    who=_("kandidaat"),
    label=_("Afsluiten bij de start van de hercertificering (na het besluit)"),
    refused=_("Alleen een ingediend portfolio met een besluit kan worden afgesloten."),
    role_refused=_("Dit portfolio is niet van jou."),
)

TRANSITIONS = (SUBMIT, RESUBMIT, REOPEN, CLOSE)


def step_for(portfolio, target: str) -> PortfolioTransition | None:
    """The declared step from the portfolio's state to `target`, or None."""
    return next(
        (t for t in TRANSITIONS if portfolio.state in t.sources and t.target == target), None
    )


def refusal(portfolio, target: str, *, actor) -> str | None:
    """Why `actor` may not move the portfolio to `target` now (None: allowed)."""
    step = step_for(portfolio, target)
    if step is None:
        return str(next(t.refused for t in TRANSITIONS if t.target == target))
    if not step.actor.test(actor, portfolio):
        return str(step.role_refused)
    return None
