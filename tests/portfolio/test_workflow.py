"""The portfolio's steps as `portfolio.workflow` declares them: who may submit, from
which state the review may reopen it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portfolio import workflow
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio, Snapshot
from portfolio.services import PortfolioError, reopen_for_additions, submit_portfolio


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_candidate", "assessor", "office"])
def test_only_the_owner_submits(request, complete_portfolio, who):
    with pytest.raises(PortfolioError, match="niet van jou"):
        submit_portfolio(portfolio=complete_portfolio, actor=request.getfixturevalue(who))
    complete_portfolio.refresh_from_db()
    assert complete_portfolio.state == PortfolioState.DRAFT
    assert not Snapshot.objects.exists()


@pytest.mark.django_db
def test_a_draft_is_not_reopened_and_a_submitted_one_is_reopened_once(
    complete_portfolio, candidate, office
):
    deadline = timezone.localdate() + timedelta(days=14)
    with pytest.raises(PortfolioError, match="Alleen een ingediend portfolio"):
        reopen_for_additions(portfolio=complete_portfolio, sections=["C2"], deadline=deadline)
    submit_portfolio(portfolio=complete_portfolio, actor=candidate)
    with pytest.raises(PortfolioError, match="Alleen het bureau"):
        reopen_for_additions(
            portfolio=complete_portfolio, sections=["C2"], deadline=deadline, actor=candidate
        )
    reopen_for_additions(
        portfolio=complete_portfolio, sections=["C2"], deadline=deadline, actor=office
    )
    assert Portfolio.objects.get(pk=complete_portfolio.pk).state == PortfolioState.REOPENED
    with pytest.raises(PortfolioError, match="Alleen een ingediend portfolio"):
        reopen_for_additions(portfolio=complete_portfolio, sections=["C2"], deadline=deadline)


def test_every_portfolio_state_is_reached_and_left_as_declared():
    targets = {step.target for step in workflow.TRANSITIONS}
    sources = {source for step in workflow.TRANSITIONS for source in step.sources}
    assert targets == {PortfolioState.SUBMITTED, PortfolioState.REOPENED, PortfolioState.CLOSED}
    assert sources == {PortfolioState.DRAFT, PortfolioState.SUBMITTED, PortfolioState.REOPENED}
    pairs = [(source, step.target) for step in workflow.TRANSITIONS for source in step.sources]
    assert len(pairs) == len(set(pairs))
