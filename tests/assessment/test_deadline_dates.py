"""The assessment and additions deadlines are local dates ("uiterlijk 12-2-2027"): a
review is overdue from the start of the local day after, at every boundary of
tests/clock.py (also when the period spans a change of the clocks)."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.enums import ReviewState
from assessment.models import Review
from assessment.office_queue import office_dashboard
from assessment.selectors import assessment_deadline
from portal.dates import start_of_day
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio


def _overdue(what: str) -> list[tuple[int, object]]:
    rows = office_dashboard(timezone.now())["overdue"]
    return [(row["review_id"], row["deadline"]) for row in rows if row["what"] == what]


def test_the_assessment_is_overdue_from_the_local_day_after_its_deadline(
    boundary_clock, declared, office
):
    review = declared[0].review
    days = review.portfolio.framework_version.assessment_days
    # Assigned now: at 00:30 local in winter that is 23:30 UTC of the day before.
    deadline = boundary_clock.local.date() + timedelta(days=days)
    assert assessment_deadline(review) == deadline
    with time_machine.travel(start_of_day(deadline + timedelta(days=1)) - timedelta(seconds=1)):
        assert _overdue("assessment") == []  # 23:59:59 on the last day: still in time
    with time_machine.travel(start_of_day(deadline + timedelta(days=1)), tick=False):
        assert _overdue("assessment") == [(review.pk, deadline)]
        assert office_dashboard(timezone.now())["overdue_count"] == 1
        client = Client()
        client.force_login(office)  # (a session of four weeks ago has expired)
        html = client.get(reverse("assessment:queue")).content.decode()
    assert f"beoordeling was uiterlijk {deadline:%-d-%-m-%Y}" in html


def test_additions_are_overdue_from_the_local_day_after_their_deadline(boundary_clock, declared):
    review = declared[0].review
    deadline = boundary_clock.local.date() + timedelta(days=3)
    Review.objects.filter(pk=review.pk).update(state=ReviewState.ADDITIONS_REQUESTED)
    Portfolio.objects.filter(pk=review.portfolio_id).update(
        state=PortfolioState.REOPENED, additions_deadline=deadline
    )
    with time_machine.travel(start_of_day(deadline + timedelta(days=1)) - timedelta(seconds=1)):
        assert _overdue("additions") == []
    with time_machine.travel(start_of_day(deadline + timedelta(days=1)), tick=False):
        assert _overdue("additions") == [(review.pk, deadline)]


def test_the_queue_counts_waiting_days_in_local_days(boundary_clock, declared, office_client):
    portfolio = declared[0].review.portfolio
    # Submitted at 23:30 local ten days ago: ten local days, though under 240 hours.
    submitted = start_of_day(boundary_clock.local.date() - timedelta(days=9)) - timedelta(
        minutes=30
    )
    Portfolio.objects.filter(pk=portfolio.pk).update(submitted_at=submitted)
    url = reverse("assessment:queue")
    shown = {
        days: [p["pk"] for p in office_client.get(url, {"dagen": days}).context["page"]]
        for days in (10, 11)
    }
    assert shown == {10: [portfolio.pk], 11: []}
