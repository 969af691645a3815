"""The office queue's selector and its count, kept per dashboard generation and filter
(assessment.office_queue): moved out of the queue view, tested here as units."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from assessment.enums import ReviewState
from assessment.office_queue import IN_QUEUE, QueuePaginator, queue_portfolios
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio

ALL = {"state": "", "assessor_id": None, "min_days": ""}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _ids(**filters):
    return [p.pk for p in queue_portfolios(**{**ALL, **filters})]


@pytest.mark.django_db
def test_the_queue_filters_by_state_assessor_and_waiting_days(review, assessor, office):
    portfolio = review.portfolio
    assert _ids() == [portfolio.pk]
    assert _ids(state=ReviewState.ASSIGNED) == [portfolio.pk]
    assert _ids(state=ReviewState.DECIDED) == []
    assert _ids(state="unassigned") == []  # assigned: no longer the office's to assign
    assert _ids(state="no such state") == [portfolio.pk]  # an unknown state filters nothing
    assert _ids(assessor_id=assessor.pk) == [portfolio.pk]
    assert _ids(assessor_id=office.pk) == []
    assert _ids(min_days="1") == []  # submitted today: waiting less than one local day
    Portfolio.objects.filter(pk=portfolio.pk).update(
        submitted_at=timezone.now() - timedelta(days=3)
    )
    assert _ids(min_days="2") == [portfolio.pk]
    assert _ids(min_days="99999") == [portfolio.pk]  # beyond the bound: no filter


@pytest.mark.django_db
def test_a_portfolio_without_review_is_unassigned(submitted_portfolio):
    assert _ids(state="unassigned") == [submitted_portfolio.pk]
    assert _ids(state=ReviewState.SUBMITTED) == []  # no review yet, so no review state


@pytest.mark.django_db
def test_the_queue_count_is_kept_per_generation_and_filter(
    submitted_portfolio, django_assert_num_queries
):
    def count(generation, **filters):
        paginator = QueuePaginator(
            Portfolio.objects.filter(state__in=IN_QUEUE), 25, filters=filters, generation=generation
        )
        return paginator.count

    with django_assert_num_queries(1):
        assert count(1, status="") == 1
    Portfolio.objects.filter(pk=submitted_portfolio.pk).update(state=PortfolioState.DRAFT)
    with django_assert_num_queries(0):  # kept: the same generation and filters
        assert count(1, status="") == 1
    with django_assert_num_queries(1):  # another filter counts anew
        assert count(1, status="assigned") == 0
    with django_assert_num_queries(1):  # a committed change starts a new generation
        assert count(2, status="") == 0


def test_the_count_key_is_short_whatever_the_filters_typed():
    key = QueuePaginator([], 25, filters={"status": "x" * 10_000}, generation=7).count_key
    assert key.startswith("office-queue-count:7:")
    assert len(key) == len("office-queue-count:7:") + 64
