"""Reads of the review: access-checked fetching, what must be scored, comparisons."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db import models
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.http import Http404
from django.utils import timezone

from assessment import workflow
from assessment.decision import load_outcome
from assessment.enums import AssessorRole, ReviewState
from assessment.history import time_spent_per_state
from assessment.models import Assessment, Assignment, Review, Score
from portal.dates import days_after, start_of_day
from portfolio.eligibility import compute_requirements
from portfolio.enums import PortfolioState


def assignment_for_assessor(user, assignment_id: int) -> Assignment:
    """The assessor's own active assignment; 404 for anything else (also for others)."""
    assignment = (
        Assignment.objects.select_related(
            "review__portfolio__candidate",
            "review__portfolio__framework_version__framework",
            "review__portfolio__basic_route",
            "review__portfolio__supplementary_route",
        )
        .filter(pk=assignment_id, assessor_id=user.pk, withdrawn_at__isnull=True)
        .first()
    )
    if assignment is None or not user.is_assessor:
        raise Http404
    return assignment


def assignments_of(user):
    return (
        Assignment.objects.filter(assessor_id=user.pk, withdrawn_at__isnull=True)
        .select_related("review__portfolio__candidate", "review__portfolio__framework_version")
        .order_by("-created_at")
    )


@dataclass
class ReviewItems:
    """What an assessor scores on this portfolio, from the framework and the routes."""

    formal_conditions: list = field(default_factory=list)  # (route, condition)
    formal_declarations: list = field(default_factory=list)
    criteria: list = field(default_factory=list)


def review_items(review: Review, version, assignment: Assignment | None = None) -> ReviewItems:
    """`version` must come from `version_with_content()` (everything prefetched).

    A third assessor scores only the disputed criteria of their assignment.
    """
    portfolio = review.portfolio
    by_pk = {r.pk: r for s in version.sections.all() for r in s.education_requirements.all()}
    basic = by_pk.get(portfolio.basic_route_id)
    supplementary = by_pk.get(portfolio.supplementary_route_id)
    required = set(
        compute_requirements(
            version=version, basic_route=basic, supplementary_route=supplementary
        ).required_sections
    )
    items = ReviewItems()
    if assignment is not None and assignment.role == AssessorRole.THIRD:
        disputed = set(assignment.criteria)
        for section in version.sections.all():
            items.criteria.extend(c for c in section.criteria.all() if c.pk in disputed)
        return items
    for route in (basic, supplementary):
        if route is not None:
            items.formal_conditions.extend((route, c) for c in route.conditions.all())
    for section in version.sections.all():
        if section.code not in required:
            continue
        items.formal_declarations.extend(section.declarations.all())
        if section.counts_for_assessment:
            items.criteria.extend(section.criteria.all())
    return items


def scores_by_target(assessment: Assessment | None) -> dict:
    """{('criterion'|'condition'|'declaration', id): Score} for one assessment."""
    if assessment is None:
        return {}
    result = {}
    for score in assessment.scores.all():
        if score.criterion_id:
            result[("criterion", score.criterion_id)] = score
        elif score.condition_id:
            result[("condition", score.condition_id)] = score
        else:
            result[("declaration", score.declaration_id)] = score
    return result


def own_assessment(assignment: Assignment) -> Assessment | None:
    """The assessor's own assessment of the current round with its scores (the scoring
    page: not the other assessor's, and no score's target loaded: they come with the
    framework)."""
    return (
        Assessment.objects.filter(assignment=assignment, round=assignment.review.round)
        .prefetch_related("scores")
        .first()
    )


def current_assessments(review: Review, *, criteria_only: bool = False) -> list[Assessment]:
    """The submitted-or-not assessments of this round, with their scores prefetched
    (`criteria_only`: only the criteria's scores, with their options: the comparison)."""
    if criteria_only:
        scores = Score.objects.filter(criterion__isnull=False).select_related("option")
    else:
        scores = Score.objects.select_related("option", "condition", "declaration")
    return list(
        Assessment.objects.filter(
            assignment__review=review, assignment__withdrawn_at__isnull=True, round=review.round
        )
        .select_related("assignment__assessor")
        .prefetch_related(Prefetch("scores", queryset=scores))
        .order_by("assignment__created_at")
    )


def missing_scores(items: ReviewItems, scores: dict) -> list[str]:
    """Exactly what an assessor still has to fill before submitting."""
    missing = []
    for route, condition in items.formal_conditions:
        score = scores.get(("condition", condition.pk))
        if score is None or score.met is None:
            missing.append(f"{route.code}: {condition.text}")
    for declaration in items.formal_declarations:
        score = scores.get(("declaration", declaration.pk))
        if score is None or score.met is None:
            missing.append(f"{declaration.code}: {declaration.statement}")
    for criterion in items.criteria:
        score = scores.get(("criterion", criterion.pk))
        if score is None or score.option_id is None or not score.motivation.strip():
            missing.append(f"{criterion.code} {criterion.title}")
    return missing


def report_context(review: Review) -> dict:
    """Everything the decision report prints (one fixed set of queries)."""
    from profiles.selectors import version_with_content  # noqa: PLC0415

    portfolio = review.portfolio
    version = version_with_content(portfolio.framework_version_id)
    items = review_items(review, version)
    assessments = current_assessments(review)
    per = [scores_by_target(a) for a in assessments]
    agreed = {
        a.criterion_id: a
        for a in review.agreed_scores.filter(round=review.round).select_related(
            "option", "final_option"
        )
    }
    formal = [
        {
            "label": f"{route.code}: {condition.text}",
            "scores": [p.get(("condition", condition.pk)) for p in per],
        }
        for route, condition in items.formal_conditions
    ] + [
        {
            "label": f"{d.code}: {d.statement}",
            "scores": [p.get(("declaration", d.pk)) for p in per],
        }
        for d in items.formal_declarations
    ]
    criteria = [
        {
            "criterion": c,
            "agreed": agreed.get(c.pk),
            "motivations": [
                (a.assignment.assessor, p.get(("criterion", c.pk)))
                for a, p in zip(assessments, per, strict=True)
            ],
        }
        for c in items.criteria
    ]
    return {
        "review": review,
        "portfolio": portfolio,
        "candidate": portfolio.candidate,
        "version": version,
        # The fingerprint, not the sealed texts (tens of kilobytes of JSON).
        "snapshot": portfolio.snapshots.defer("content").order_by("-round").first(),
        "assessments": assessments,
        "formal": formal,
        "criteria": criteria,
        "interview": getattr(review, "interview", None),
        # What the rule's verdict rests on where it did not grant (the decided round's
        # evidence, which no step changes after the decision).
        "rule_open_items": load_outcome(review).open_items,
    }


def assessment_deadline(review: Review) -> date | None:
    """The last local day of the assessors' scoring period ("uiterlijk"): the local date
    of the first active assignment plus the version's assessment_days; overdue from the
    local day after. None when the review is not being scored."""
    if review.state not in workflow.SCORING:
        return None
    first_assigned = min(
        (a.created_at for a in review.assignments.all() if a.withdrawn_at is None), default=None
    )
    if first_assigned is None:
        return None
    return days_after(first_assigned, review.portfolio.framework_version.assessment_days)


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
    from profiles.models import FrameworkVersion  # noqa: PLC0415

    # One condition per distinct assessment period (a handful of framework versions).
    # Overdue once the local day after the last day has begun: assigned before the start
    # of the local day `days` days ago (local days, whatever the hour or the season).
    periods = set(
        FrameworkVersion.objects.values_list("assessment_days", flat=True).order_by().distinct()
    )
    today = timezone.localdate(now)
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
    assessment_overdue = (
        Review.objects.filter(state__in=workflow.SCORING)
        .annotate(first_assigned=Subquery(first_assigned))
        .filter(late_assessment)
    )
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


def _overdue_row(review, deadline, what: str, since) -> dict:
    return {
        "review_id": review.pk,
        "portfolio_id": review.portfolio_id,
        "name": review.portfolio.candidate.get_full_name(),
        "deadline": deadline,
        "what": what,
        "since": since,
    }


def snapshot_changes(portfolio, round_: int) -> list[dict]:
    """Per entry, what changed between the sealed snapshot of `round_` and the one before."""
    if round_ <= 1:
        return []
    snapshots = {
        s.round: s.content for s in portfolio.snapshots.filter(round__in=[round_ - 1, round_])
    }
    if len(snapshots) < 2:
        return []

    def entries(content):
        return {
            (section["code"], entry["code"], entry["kind"]): entry
            for section in content["sections"]
            for entry in section["entries"]
        }

    before, after = entries(snapshots[round_ - 1]), entries(snapshots[round_])
    changes = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        changes.append(
            {
                "section": key[0],
                "code": key[1],
                "kind": key[2],
                "before": _entry_text(old),
                "after": _entry_text(new),
            }
        )
    return changes


def _entry_text(entry) -> str:
    if entry is None:
        return ""
    if entry["kind"] == "document":
        return f"{entry['name']} (SHA-256 {entry['sha256'][:12]}…)"
    if entry["kind"] == "signature":
        return f"{entry['full_name']}, {entry['signed_on']}"
    return entry.get("text") or entry.get("date") or ""


def earlier_verdicts(review: Review) -> list:
    """The agreed scores of earlier rounds (history, read-only)."""
    if review.round <= 1:
        return []
    return list(
        review.agreed_scores.filter(round__lt=review.round)
        .select_related("criterion__section", "option", "final_option")
        .order_by("round", "criterion__section__order", "criterion__order")
    )


def disputed_criteria(review: Review) -> list:
    """The criteria on which the assessors of the current round differ."""
    from profiles.models import Criterion  # noqa: PLC0415

    per = [scores_by_target(a) for a in current_assessments(review)]
    ids = {
        key[1]
        for scores in per
        for key in scores
        if key[0] == "criterion" and len({p[key].option_id for p in per if key in p}) > 1
    }
    return list(
        Criterion.objects.filter(pk__in=ids)
        .select_related("section")
        .order_by("section__order", "order")
    )
