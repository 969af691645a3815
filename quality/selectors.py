"""The counts behind the quality dashboard, aggregated in SQL.

A *pair* is the two independent first scores of one criterion in one review round: the
score of the assignment with role *first* and the one with role *second* (a third
assessor, who judges only disputed criteria after seeing both, is left out, as are
withdrawn assessors, unsubmitted assessments and calibration cases). A pair is dated by
the first assessor's submission, in local time; its quarter is the local quarter.

Each query groups and counts in the database, so the page reads a few hundred rows
whatever the number of portfolios, in a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField, OuterRef, Subquery
from django.db.models.functions import TruncQuarter

from assessment.enums import AssessorRole
from assessment.models import AgreedScore, Score
from portal.dates import start_of_day
from profiles.models import Criterion, FrameworkVersion, ScoreOption

ROLES = (AssessorRole.FIRST, AssessorRole.SECOND)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive


def _first_scores(version: FrameworkVersion, period: Period, roles=ROLES):
    """Submitted option scores of the two independent assessors on the version's criteria."""
    return (
        Score.objects.filter(
            criterion__section__version=version,
            option__isnull=False,
            assessment__submitted_at__gte=start_of_day(period.start),
            assessment__submitted_at__lt=start_of_day(date.fromordinal(period.end.toordinal() + 1)),
            assessment__assignment__withdrawn_at__isnull=True,
            assessment__assignment__role__in=roles,
            assessment__assignment__review__portfolio__calibration_case__isnull=True,
        )
        .annotate(
            quarter=TruncQuarter("assessment__submitted_at", output_field=DateField()),
        )
        .order_by()
    )


def _pairs(version: FrameworkVersion, period: Period):
    """First-role scores, each with its second-role counterpart (option and assessor)."""
    counterpart = Score.objects.filter(
        assessment__assignment__review_id=OuterRef("assessment__assignment__review_id"),
        assessment__round=OuterRef("assessment__round"),
        criterion_id=OuterRef("criterion_id"),
        option__isnull=False,
        assessment__submitted_at__isnull=False,
        assessment__assignment__withdrawn_at__isnull=True,
        assessment__assignment__role=AssessorRole.SECOND,
    )
    return (
        _first_scores(version, period, roles=(AssessorRole.FIRST,))
        .annotate(
            other_option=Subquery(counterpart.values("option_id")[:1]),
            other_assessor=Subquery(counterpart.values("assessment__assignment__assessor_id")[:1]),
        )
        .filter(other_option__isnull=False)
    )


def criterion_counts(version: FrameworkVersion, period: Period) -> list[dict]:
    """One query: per criterion, quarter and (first option, second option) the count."""
    return list(
        _pairs(version, period)
        .values("criterion_id", "quarter", "option_id", "other_option")
        .annotate(n=Count("pk"))
    )


def assessor_pair_counts(version: FrameworkVersion, period: Period) -> list[dict]:
    """One query: per (first assessor, second assessor), quarter and option pair the count."""
    return list(
        _pairs(version, period)
        .values(
            "assessment__assignment__assessor_id",
            "other_assessor",
            "quarter",
            "option_id",
            "other_option",
        )
        .annotate(n=Count("pk"))
    )


def verdict_counts(version: FrameworkVersion, period: Period) -> list[dict]:
    """One query: per assessor, their first option, the agreed and the final option."""
    agreed = AgreedScore.objects.filter(
        review_id=OuterRef("assessment__assignment__review_id"),
        round=OuterRef("assessment__round"),
        criterion_id=OuterRef("criterion_id"),
    )
    return list(
        _first_scores(version, period)
        .annotate(
            agreed=Subquery(agreed.values("option_id")[:1]),
            final=Subquery(agreed.values("final_option_id")[:1]),
        )
        .values("assessment__assignment__assessor_id", "option_id", "agreed", "final")
        .annotate(n=Count("pk"))
    )


def pair_rows(version: FrameworkVersion, period: Period):
    """Every pair for the CSV export, streamed (no motivation, no names)."""
    return (
        _pairs(version, period)
        .values_list(
            "assessment__assignment__review__portfolio__candidate_id",
            "assessment__assignment__review_id",
            "assessment__round",
            "criterion_id",
            "assessment__submitted_at",
            "assessment__assignment__assessor_id",
            "other_assessor",
            "option_id",
            "other_option",
        )
        .order_by("assessment__submitted_at", "pk")
    )


def version_scale(version: FrameworkVersion) -> list[ScoreOption]:
    return list(version.score_options.all())


def version_criteria(version: FrameworkVersion) -> list[Criterion]:
    return list(
        Criterion.objects.filter(section__version=version)
        .select_related("section")
        .order_by("section__order", "order", "pk")
    )


def versions() -> list[FrameworkVersion]:
    """Every version that has scale options (a draft never has scored reviews, but a
    version that was published and since superseded still does)."""
    return list(
        FrameworkVersion.objects.filter(score_options__isnull=False)
        .select_related("framework")
        .distinct()
        .order_by("framework__name", "-number")
    )
