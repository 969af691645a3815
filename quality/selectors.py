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
from datetime import UTC, date, datetime, timedelta

from django.db import connection
from django.utils.dateparse import parse_datetime

from assessment.enums import AssessorRole
from assessment.models import AgreedScore, Assessment, Assignment, Review, Score
from portal.dates import start_of_day
from portfolio.models import Portfolio
from profiles.models import Criterion, FrameworkVersion, ScoreOption, Section
from quality.models import CalibrationCase
from quality.report import quarters_of


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive


# The pairs as one self-join: a first-role score and the second-role score of the same
# review, round and criterion. Written in SQL because the ORM can express the second
# score only as a correlated subquery per row, which was 40 times slower on 240 reviews
# (5 s against 0.12 s on SQLite). Table names come from the models; the quarter is
# computed from local quarter boundaries passed as parameters, so it is the same on
# SQLite and PostgreSQL and needs no time-zone function in the database.
_PAIRS_SQL = """
SELECT s1.criterion_id AS criterion_id, s1.option_id AS option_id, s2.option_id AS other_option,
       g1.assessor_id AS assessor_id, g2.assessor_id AS other_assessor, {quarter} AS quarter,
       r.id AS review_id, p.candidate_id AS candidate_id, e1.round AS round,
       e1.submitted_at AS submitted_at
FROM {score} s1
JOIN {assessment} e1 ON e1.id = s1.assessment_id
JOIN {assignment} g1 ON g1.id = e1.assignment_id
JOIN {assignment} g2 ON g2.review_id = g1.review_id
JOIN {assessment} e2 ON e2.assignment_id = g2.id AND e2.round = e1.round
JOIN {score} s2 ON s2.assessment_id = e2.id AND s2.criterion_id = s1.criterion_id
JOIN {criterion} c ON c.id = s1.criterion_id
JOIN {section} sec ON sec.id = c.section_id
JOIN {review} r ON r.id = g1.review_id
JOIN {portfolio} p ON p.id = r.portfolio_id
WHERE sec.version_id = %s AND g1.role = %s AND g2.role = %s
  AND g1.withdrawn_at IS NULL AND g2.withdrawn_at IS NULL
  AND e1.submitted_at >= %s AND e1.submitted_at < %s AND e2.submitted_at IS NOT NULL
  AND s1.option_id IS NOT NULL AND s2.option_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {case} cc WHERE cc.portfolio_id = r.portfolio_id)
"""


def _boundaries(period: Period) -> list:
    """The aware instants at which each local quarter of the period begins, and the end."""
    starts = [start_of_day(q) for q in quarters_of(period.start, period.end)]
    return [*starts, start_of_day(period.end + timedelta(days=1))]


def _tables() -> dict[str, str]:
    return {
        "score": Score._meta.db_table,
        "assessment": Assessment._meta.db_table,
        "assignment": Assignment._meta.db_table,
        "criterion": Criterion._meta.db_table,
        "section": Section._meta.db_table,
        "review": Review._meta.db_table,
        "portfolio": Portfolio._meta.db_table,
        "case": CalibrationCase._meta.db_table,
    }


def _pairs_sql(version, period: Period, select: str, group: str = "") -> tuple[str, list]:
    adapt = connection.ops.adapt_datetimefield_value
    bounds = _boundaries(period)
    # quarter i for e1.submitted_at in [bounds[i], bounds[i + 1]); the WHERE keeps it in range
    cases = " ".join(f"WHEN e1.submitted_at < %s THEN {i}" for i in range(len(bounds) - 2))
    quarter = f"CASE {cases} ELSE {len(bounds) - 2} END" if cases else "0"
    inner = _PAIRS_SQL.format(quarter=quarter, **_tables())
    params = [adapt(b) for b in bounds[1:-1]]
    params += [version.pk, AssessorRole.FIRST, AssessorRole.SECOND]
    params += [adapt(bounds[0]), adapt(bounds[-1])]
    sql = f"SELECT {select} FROM ({inner}) pairs"  # noqa: S608 (names from _meta, values as params)
    return (f"{sql} GROUP BY {group}" if group else sql), params


def _counted(version, period: Period, columns: tuple[str, ...], count="COUNT(*)") -> list[dict]:
    """One query: the pairs counted per `columns`; `quarter` becomes the quarter's date."""
    names = ", ".join(columns)
    sql, params = _pairs_sql(version, period, f"{names}, {count}", names)
    quarters = quarters_of(period.start, period.end)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [dict(zip((*columns, "n"), row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        if "quarter" in row:
            row["quarter"] = quarters[row["quarter"]]
    return rows


def pair_counts(version: FrameworkVersion, period: Period) -> list[dict]:
    """One query: per criterion, (first, second) assessor, quarter and option pair the
    count. Per criterion and per assessor are sums over these rows (quality.report)."""
    return _counted(
        version,
        period,
        ("criterion_id", "assessor_id", "other_assessor", "quarter", "option_id", "other_option"),
    )


def review_counts(version: FrameworkVersion, period: Period) -> list[dict]:
    """One query: per (first assessor, second assessor) and quarter the number of reviews
    (a review has one pair of assessors, so these add up per assessor)."""
    return _counted(
        version,
        period,
        ("assessor_id", "other_assessor", "quarter"),
        count="COUNT(DISTINCT review_id)",
    )


def pair_rows(version: FrameworkVersion, period: Period):
    """Every pair for the CSV export (no motivation, no names), in one query."""
    sql, params = _pairs_sql(
        version,
        period,
        "candidate_id, review_id, round, criterion_id, submitted_at, assessor_id, "
        "other_assessor, option_id, other_option",
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY submitted_at, review_id, criterion_id", params)
        while chunk := cursor.fetchmany(2000):
            for row in chunk:
                yield (*row[:4], _aware(row[4]), *row[5:])


def _aware(value) -> datetime:
    """SQLite hands a datetime back as naive UTC (or its text); PostgreSQL as aware."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


# Every independent first score (either role) with the agreed and the final option of
# its criterion, where recorded: a join on the agreed score's unique key.
_VERDICTS_SQL = """
SELECT g.assessor_id, s.option_id, ag.option_id, ag.final_option_id, COUNT(*)
FROM {score} s
JOIN {assessment} e ON e.id = s.assessment_id
JOIN {assignment} g ON g.id = e.assignment_id
JOIN {criterion} c ON c.id = s.criterion_id
JOIN {section} sec ON sec.id = c.section_id
JOIN {review} r ON r.id = g.review_id
LEFT JOIN {agreed} ag
  ON ag.review_id = g.review_id AND ag.round = e.round AND ag.criterion_id = s.criterion_id
WHERE sec.version_id = %s AND g.role IN (%s, %s) AND g.withdrawn_at IS NULL
  AND e.submitted_at >= %s AND e.submitted_at < %s AND s.option_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {case} cc WHERE cc.portfolio_id = r.portfolio_id)
GROUP BY g.assessor_id, s.option_id, ag.option_id, ag.final_option_id
"""


def verdict_counts(version: FrameworkVersion, period: Period) -> list[dict]:
    """One query: per assessor, their first option, the agreed and the final option."""
    adapt = connection.ops.adapt_datetimefield_value
    bounds = _boundaries(period)
    sql = _VERDICTS_SQL.format(**_tables(), agreed=AgreedScore._meta.db_table)
    params = [version.pk, AssessorRole.FIRST, AssessorRole.SECOND]
    params += [adapt(bounds[0]), adapt(bounds[-1])]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = ("assessor_id", "option_id", "agreed", "final", "n")
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


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
