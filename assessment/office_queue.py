"""The office's queue: the portfolios it holds under the office's filters, their count kept
per dashboard generation, and the dashboard above it (counts and waits per state, the
overdue reviews), kept and renewed the same way."""

import hashlib
from datetime import timedelta
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone
from django.utils.functional import cached_property

from assessment import workflow
from assessment.enums import ReviewState
from assessment.history import time_spent_per_state
from assessment.models import Assignment, Review
from portal.dates import days_after, start_of_day
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio
from profiles.models import FrameworkVersion

# The portfolios the office's queue holds and opens for assignment.
IN_QUEUE = (PortfolioState.SUBMITTED, PortfolioState.REOPENED)
MAX_FILTER_DAYS = 3650  # a longer "older than" filter would overflow the date arithmetic


def queue_portfolios(*, state: str, assessor_id: int | None, min_days: str):
    """The queue's portfolios, oldest submission first, with what each row shows (read as
    the queue's rows by assessment/queue_rows.py). `state`: a review state or
    "unassigned" (no review yet, or back with the office), anything else no filter;
    `assessor_id`: only those this assessor is actively assigned to; `min_days`: only
    those waiting at least that many local days (digits, at most MAX_FILTER_DAYS)."""
    # The rows are read as values (assessment/queue_rows.py): only the columns shown.
    portfolios = Portfolio.objects.filter(state__in=IN_QUEUE).order_by("submitted_at", "pk")
    if state == "unassigned":
        portfolios = portfolios.filter(
            Q(review__isnull=True) | Q(review__state=ReviewState.SUBMITTED)
        )
    elif state in ReviewState.values:
        portfolios = portfolios.filter(review__state=state)
    if assessor_id is not None:
        portfolios = portfolios.filter(
            review__assignments__assessor_id=assessor_id,
            review__assignments__withdrawn_at__isnull=True,
        ).distinct()
    if min_days.isdecimal() and int(min_days) <= MAX_FILTER_DAYS:
        # Waiting at least N local days: submitted on or before the local date N days ago.
        since = timezone.localdate() - timedelta(days=int(min_days) - 1)
        portfolios = portfolios.filter(submitted_at__lt=start_of_day(since))
    return portfolios


class QueuePaginator(Paginator):
    """The queue's paginator: the total of a filter is counted once per dashboard
    generation (a join over every submitted portfolio, 5 ms on 10,000) and kept for at
    most DASHBOARD_SECONDS, like the dashboard; every committed review change counts
    anew (assessment.signals)."""

    def __init__(self, object_list, per_page, *, filters: dict, generation: int):
        super().__init__(object_list, per_page)
        # Hashed: the filters are what the user typed; a key stays short and plain.
        filtered = hashlib.sha256(urlencode(sorted(filters.items())).encode()).hexdigest()
        self.count_key = f"office-queue-count:{generation}:{filtered}"

    @cached_property
    def count(self):
        return cache.get_or_set(
            self.count_key, lambda: Paginator.count.func(self), DASHBOARD_SECONDS
        )


OVERDUE_SHOWN = 20  # the queue lists the oldest overdue reviews; the rest is a count
DASHBOARD_SECONDS = 60
_DASHBOARD_GENERATION = "office-dashboard:generation"


def dashboard_generation() -> int:
    """The queue page keeps its rendered dashboard for at most DASHBOARD_SECONDS under
    this number, which `assessment.signals` raises whenever a change to a review, an
    assignment or a portfolio's state is committed: the office sees such a change at
    once; only the passing of time (a review becoming overdue) can take up to a minute
    to show. Computing and rendering it (counts, waits, the 20 oldest overdue reviews)
    was most of the queue page's time."""
    return cache.get(_DASHBOARD_GENERATION, 0)


def _state_rows(counts, average_wait, spent) -> list[dict]:
    """Per review state its count and waits."""
    return [
        {
            "value": value,
            "state": label,
            "count": counts.get(value, 0),
            "avg_days": (
                round(average_wait[value].total_seconds() / 86400, 1)
                if average_wait.get(value) is not None
                else None
            ),
            "spent_days": spent.get(value),
        }
        for value, label in ReviewState.choices
    ]


def office_dashboard_changed() -> None:
    try:
        cache.incr(_DASHBOARD_GENERATION)
    except ValueError:  # not there yet (or evicted): any new value leaves the old entries
        cache.set(_DASHBOARD_GENERATION, 1, None)


def office_dashboard(now) -> dict:
    """Counts per state, average days in the current state, and overdue reviews.

    Aggregated in the database (a fixed handful of queries whatever the number of
    reviews); only the `OVERDUE_SHOWN` oldest overdue reviews are loaded as rows; the
    time spent per state comes from the cache (at most five minutes old).
    """
    counts = dict(Review.objects.values_list("state").annotate(n=Count("pk")).order_by())
    waited = ExpressionWrapper(
        Value(now, output_field=models.DateTimeField()) - F("state_changed_at"),
        output_field=DurationField(),
    )
    average_wait = dict(
        Review.objects.exclude(state=ReviewState.DECIDED)
        .values_list("state")
        .annotate(avg=Avg(waited))
        .order_by()
    )
    # An average over the whole history (a scan of every event): shared by the office's
    # web processes for a few minutes instead of recomputed on every queue page.
    spent = cache.get_or_set("office-dashboard:time-spent", time_spent_per_state, 300)
    overdue, overdue_count = _overdue_reviews(now)
    return {
        "rows": _state_rows(counts, average_wait, spent),
        "overdue": overdue,
        "overdue_count": overdue_count,
    }


def _overdue_reviews(now) -> tuple[list[dict], int]:
    """Reviews past the assessment deadline (first active assignment + the version's
    period) or past the additions deadline: the oldest few as rows, and the total.

    Narrow queries: the first assignment is a correlated subquery on the assignments'
    review index (not a GROUP BY over the joined rows), and only the rows shown are
    loaded with their candidate.
    """
    today = timezone.localdate(now)
    assessment_overdue = _assessment_overdue(today)
    additions_overdue = Review.objects.filter(
        state=ReviewState.ADDITIONS_REQUESTED,
        portfolio__state=PortfolioState.REOPENED,
        portfolio__additions_deadline__lt=today,
    )
    oldest = dict(
        assessment_overdue.order_by("first_assigned", "pk").values_list("pk", "first_assigned")[
            :OVERDUE_SHOWN
        ]
    )
    shown = []
    for review in (
        Review.objects.filter(pk__in=oldest)
        .select_related("portfolio__candidate", "portfolio__framework_version")
        .order_by()
    ):
        review.first_assigned = oldest[review.pk]
        deadline = days_after(
            review.first_assigned, review.portfolio.framework_version.assessment_days
        )
        shown.append(_overdue_row(review, deadline, "assessment", review.first_assigned))
    shown.sort(key=lambda row: (row["since"], row["review_id"]))
    for review in additions_overdue.select_related("portfolio__candidate").order_by(
        "portfolio__additions_deadline", "pk"
    )[:OVERDUE_SHOWN]:
        deadline = review.portfolio.additions_deadline
        shown.append(_overdue_row(review, deadline, "additions", deadline))
    shown = shown[:OVERDUE_SHOWN]
    total = assessment_overdue.count() + additions_overdue.count()
    return shown, total


def _assessment_overdue(today):
    """The reviews being scored past their assessment deadline, annotated with the
    first active assignment (`first_assigned`)."""
    # One condition per distinct assessment period (a handful of framework versions).
    # Overdue once the local day after the last day has begun: assigned before the start
    # of the local day `days` days ago (local days, whatever the hour or the season).
    periods = set(
        FrameworkVersion.objects.values_list("assessment_days", flat=True).order_by().distinct()
    )
    late_assessment = Q(pk__in=[])
    for days in periods:
        late_assessment |= Q(
            portfolio__framework_version__assessment_days=days,
            first_assigned__lt=start_of_day(today - timedelta(days=days)),
        )
    first_assigned = (
        Assignment.objects.filter(review=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return (
        Review.objects.filter(state__in=workflow.SCORING)
        .annotate(first_assigned=Subquery(first_assigned))
        .filter(late_assessment)
    )


def _overdue_row(review, deadline, what: str, since) -> dict:
    return {
        "review_id": review.pk,
        "portfolio_id": review.portfolio_id,
        "name": review.portfolio.candidate.get_full_name(),
        "deadline": deadline,
        "what": what,
        "since": since,
    }
