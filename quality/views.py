"""The office's quality dashboard and the CSV export of the pairs behind it."""

import csv
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from downloads.services import request_file
from downloads.views import answer_request
from quality import selectors, stored
from quality.forms import PeriodForm
from quality.models import QualitySettings
from quality.prepared import QUALITY_REPORT, subject_of
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


@require_GET
@login_required
def dashboard(request):
    """Agreement per criterion, per assessor and pair, and drift per quarter (office).
    The figures come from quality.stored (a Celery task computes them); until there are
    any for this filter, a waiting page that htmx polls."""
    _require_office(request)
    chosen, form = _filter(request)
    context = {"form": form, "query": request.GET.urlencode()}
    if chosen is None:
        return render(request, "quality/dashboard.html", context)
    version, period = chosen
    kept = _kept_figures(version, period)
    if kept is None:
        template = "quality/_waiting.html" if request.htmx else "quality/waiting.html"
        return render(request, template, context | {"version": version, "period": period})
    if request.htmx:
        return HttpResponseClientRefresh()  # the waiting page: the figures are there now
    key, kept, stale = kept
    context |= {"version": version, "period": period, "stale": stale}
    context |= {
        "computed_at": kept.computed_at,
        "figures_html": mark_safe(kept.html),  # noqa: S308 (rendered by the task)
        # The figures behind the rendering, read only when asked (tests; not the page).
        "figures": SimpleLazyObject(lambda: stored.read_figures(key)),
    }
    return render(request, "quality/dashboard.html", context)


@require_GET
@login_required
def pairs(request):
    """Every pair of assessors of the filter (the dashboard lists the weakest few), as
    the same task rendered and kept them. Not computed yet: the dashboard, which waits."""
    _require_office(request)
    chosen, _form = _filter(request)
    if chosen is None:
        raise Http404
    version, period = chosen
    kept = _kept_figures(version, period, part=stored.pairs_key)
    if kept is None:
        return redirect(f"{reverse('quality:dashboard')}?{request.GET.urlencode()}")
    _key, kept, stale = kept
    context = {
        "version": version,
        "period": period,
        "stale": stale,
        "computed_at": kept.computed_at,
        "query": request.GET.urlencode(),
        "pairs_html": mark_safe(kept.html),  # noqa: S308 (rendered by the task)
    }
    return render(request, "quality/pairs.html", context)


def _kept_figures(version, period, *, part=None):
    """The key, the kept rendering of this filter (the dashboard's, or `part(key)`'s) and
    whether it is stale, or None. Stale or missing: one recomputation queued (eager
    Celery has stored it on return)."""
    office = QualitySettings.current()
    key = stored.request_key(version.pk, period, office, translation.get_language())
    where = part(key) if part else key
    kept = stored.read(where)
    stamp = stored.data_stamp()
    if kept is None or kept.stamp != stamp:
        stored.queue(version.pk, period, key)
        kept = stored.read(where) or kept
    return None if kept is None else (key, kept, kept.stamp != stamp)


@require_POST
@login_required
def quarterly_report(request):
    """Ask for the quarterly PDF of the version and the quarter of the filter's end date:
    made by a Celery task (downloads), never in this request."""
    _require_office(request)
    form = PeriodForm(request.POST, versions=selectors.versions())
    if not form.is_valid():
        raise Http404
    subject_id = subject_of(form.cleaned_data["versie"].pk, form.cleaned_data["tot"])
    prepared = request_file(owner=request.user, kind=QUALITY_REPORT, subject_id=subject_id)
    return answer_request(request, prepared, subject_id=subject_id)


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
