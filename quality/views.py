"""The office's quality dashboard and the CSV export of the pairs behind it."""

import csv
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.models import User
from quality import charts, report, selectors
from quality.forms import PeriodForm
from quality.models import QualitySettings
from quality.rules import can_view_quality


def _require_office(request):
    if not can_view_quality(request.user):
        raise Http404


def _filter(request):
    """The valid filter (version, period) or None, and the form to show."""
    form = PeriodForm(request.GET, versions=selectors.versions())
    if not form.is_valid():
        return None, form
    return (
        form.cleaned_data["versie"],
        selectors.Period(form.cleaned_data["van"], form.cleaned_data["tot"]),
    ), form


def _figures(version, period) -> dict:
    """Everything the dashboard shows. Queries: settings, scale, criteria, the three
    counts and the reviews per quarter, the assessors named in them — eight, whatever the
    number of portfolios."""
    office = QualitySettings.current()
    thresholds = report.Thresholds(office.coefficient, float(office.threshold), office.min_pairs)
    scale = report.Scale(selectors.version_scale(version))
    criteria = selectors.version_criteria(version)
    quarters = report.quarters_of(period.start, period.end)
    labels = [report.quarter_label(q) for q in quarters]
    counts = selectors.criterion_counts(version, period)
    pair_counts = selectors.assessor_pair_counts(version, period)
    verdicts = selectors.verdict_counts(version, period)
    ids = {r["assessment__assignment__assessor_id"] for r in verdicts}
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
    no_data = _("–")
    return {
        "office": office,
        "coefficient_label": office.get_coefficient_display(),
        "quarter_labels": labels,
        "criteria": rows,
        "flagged": [r for r in rows if r.flagged],
        "assessors": assessors,
        "pairs": report.pair_rows(pair_counts, scale, {u.pk: u for u in users}),
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


@require_GET
@login_required
def dashboard(request):
    """Agreement per criterion, per assessor and pair, and drift per quarter (office)."""
    _require_office(request)
    chosen, form = _filter(request)
    context = {"form": form, "query": request.GET.urlencode()}
    if chosen is not None:
        version, period = chosen
        context |= {"version": version, "period": period, **_figures(version, period)}
    return render(request, "quality/dashboard.html", context)


def pseudonym(kind: str, pk: int) -> str:
    """A stable pseudonym: the same candidate always gets the same code, which tells
    nothing without the server's secret key."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"quality:{kind}:{pk}".encode(), hashlib.sha256)
    return digest.hexdigest()[:12]


class _Echo:
    def write(self, value):
        return value


CSV_HEADER = (
    "kandidaat",
    "beoordeling",
    "ronde",
    "criterium",
    "datum",
    "assessor_1",
    "assessor_2",
    "score_1",
    "score_2",
)


@require_GET
@login_required
def pairs_csv(request):
    """Every pair of the filter as CSV: codes and pseudonyms, no names, no motivations."""
    _require_office(request)
    chosen, _form = _filter(request)
    if chosen is None:
        raise Http404
    version, period = chosen
    codes = {o.pk: o.code for o in selectors.version_scale(version)}
    criteria = {c.pk: c.code for c in selectors.version_criteria(version)}
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(CSV_HEADER)
        for (
            candidate,
            review,
            rnd,
            criterion,
            when,
            first,
            second,
            opt1,
            opt2,
        ) in selectors.pair_rows(version, period):
            yield writer.writerow(
                (
                    pseudonym("candidate", candidate),
                    pseudonym("review", review),
                    rnd,
                    criteria[criterion],
                    timezone.localdate(when).isoformat(),
                    pseudonym("assessor", first),
                    pseudonym("assessor", second),
                    codes[opt1],
                    codes[opt2],
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    filename = f"paren-v{version.number}-{period.start}-{period.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
