"""The trail, the interview and the decision report show local times and dates, at every
boundary of tests/clock.py (at 00:30 CET the UTC date is still yesterday)."""

from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats

from assessment.enums import ReviewState
from assessment.models import Review
from assessment.selectors import report_context
from audit.models import AuditEntry
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_the_trail_and_the_report_show_local_dates(
    boundary_clock, seeded_version, candidate, assessor, second_assessor, office, office_client
):
    today, hour = boundary_clock.local.date(), f"{boundary_clock.local:%H}"
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    make_review(
        portfolio=portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
        state=ReviewState.DECIDED,
    )
    review = Review.objects.select_related("interview").get(portfolio=portfolio)

    entry = AuditEntry.objects.filter(portfolio_id=portfolio.pk).latest("at", "pk")
    assert str(entry).startswith(f"{today:%Y-%m-%d} {hour}:")
    scheduled = review.interview.scheduled_at.astimezone(AMSTERDAM)
    assert str(review.interview) == f"{review.pk} {scheduled:%Y-%m-%d %H:%M}"

    trail = office_client.get(reverse("assessment:audit_trail", args=[portfolio.pk]))
    assert f"{today.day}-{today.month}-{today.year} {hour}:" in trail.content.decode()

    report = render_to_string("assessment/report_pdf.html", report_context(review))
    assert f"{formats.date_format(today, 'j F Y')} {hour}:" in report  # submitted
    assert f"· {formats.date_format(today, 'j F Y')} ·" in report  # decided
