"""Every figure of the quality dashboard (and its PDF) for a version and a period: computed
by a Celery task and kept for the page by quality.stored, never in a request."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from portal.models import User
from quality import charts, report, selectors
from quality.models import QualitySettings

# How many pairs of assessors the dashboard lists (those with the lowest agreement).
WEAKEST_PAIRS = 20


def figures(version, period, office=None) -> dict:
    """Everything the dashboard shows. Queries: settings (unless given), scale, criteria,
    the pairs counted, the first scores against the verdicts, the reviews per quarter,
    the assessors named in them — seven, whatever the number of portfolios."""
    office = office or QualitySettings.current()
    thresholds = report.Thresholds(office.coefficient, float(office.threshold), office.min_pairs)
    scale = report.Scale(selectors.version_scale(version))
    criteria = selectors.version_criteria(version)
    quarters = report.quarters_of(period.start, period.end)
    labels = [report.quarter_label(q) for q in quarters]
    pair_counts = selectors.pair_counts(version, period)
    counts = pair_counts
    verdicts = selectors.verdict_counts(version, period)
    ids = {r["assessor_id"] for r in verdicts}
    ids |= {r["other_assessor"] for r in pair_counts}
    users = list(User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))
    rows = report.criterion_rows(counts, criteria, scale, quarters, thresholds)
    assessors = report.assessor_rows(verdicts, pair_counts, scale, users)
    drift = report.drift(
        pair_counts,
        scale,
        users,
        quarters,
        min_pairs=thresholds.min_pairs,
        reviews=report.reviews_per_quarter(selectors.review_counts(version, period)),
    )
    pairs = report.pair_rows(pair_counts, scale, {u.pk: u for u in users})
    no_data = _("–")
    return {
        "office": office,
        "coefficient_label": office.get_coefficient_display(),
        "quarter_labels": labels,
        "criteria": rows,
        "flagged": [r for r in rows if r.flagged],
        "assessors": assessors,
        "pairs": pairs,
        # The dashboard shows the weakest few; every pair is on a page of its own
        # (quality.stored keeps it apart): at 50 assessors there are some 1,200.
        "weakest_pairs": report.weakest_pairs(pairs, thresholds, WEAKEST_PAIRS),
        "weakest_limit": WEAKEST_PAIRS,
        # The filter of these figures, for the link to the page of every pair.
        "pairs_query": urlencode(
            {"versie": version.pk, "van": period.start.isoformat(), "tot": period.end.isoformat()}
        ),
        "drift": drift,
        "heatmap": charts.heatmap(
            [(r.criterion.code, [(v, a.pairs) for a, v in r.cells]) for r in rows], labels, no_data
        ),
        "strictness": charts.bars([(_name(a.assessor), a.stricter) for a in assessors]),
        "drift_chart": charts.lines(
            [
                (_name(user), [p.alike for p in points], [p.warning for p in points])
                for user, points in drift
            ],
            labels,
        ),
        "warnings": [(user, p) for user, points in drift for p in points if p.warning],
    }


def _name(user) -> str:
    return user.get_full_name() or user.email
