"""The candidate's dates are local dates, at every boundary of tests/clock.py: a
declaration is signed with today's local date, a document may carry today's local date,
and additions are due on a local date after today."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.forms import AdditionsForm
from portfolio.models import Signature
from portfolio.services import (
    PortfolioError,
    choose_routes,
    reopen_for_additions,
    sign_declaration,
    submit_portfolio,
    upload_document,
)
from tests.factories.files import pdf_upload


def test_a_declaration_is_signed_with_the_local_date(
    boundary_clock, portfolio, candidate, candidate_client
):
    today = boundary_clock.local.date()
    b1 = portfolio.framework_version.sections.get(code="B1").declarations.get(code="B1.1")
    page = candidate_client.get(reverse("portfolio:section", args=[portfolio.pk, "B1"]))
    assert f'name="signed_on" value="{today:%Y-%m-%d}"' in page.content.decode()
    base = {
        "portfolio": portfolio,
        "declaration": b1,
        "actor": candidate,
        "full_name": "Kim de Vries",
        "confirmed": True,
        "years": 2,
        "hours": 1200,
    }
    for wrong in {
        today - timedelta(days=1),
        today + timedelta(days=1),
        boundary_clock.instant.date(),
    } - {today}:
        with pytest.raises(PortfolioError, match="datum van vandaag"):
            sign_declaration(**base, signed_on=wrong)
    assert not Signature.objects.exists()
    signature = sign_declaration(**base, signed_on=today)
    assert timezone.localdate(signature.signed_at) == signature.signed_on == today
    preview = candidate_client.get(reverse("portfolio:preview", args=[portfolio.pk]))
    assert f"Ondertekend door Kim de Vries op {today:%-d-%-m-%Y}" in preview.content.decode()


def test_a_document_may_carry_todays_local_date(boundary_clock, portfolio, candidate):
    today = boundary_clock.local.date()
    routes = portfolio.framework_version.sections.get(code="A").education_requirements
    route = routes.get(level="basic", number=1)
    supplementary = routes.get(level="supplementary", number=5)
    choose_routes(portfolio=portfolio, basic_route=route, supplementary_route=supplementary)
    upload = {"portfolio": portfolio, "target": route, "study_hours": None, "actor": candidate}
    with pytest.raises(PortfolioError, match="in de toekomst"):
        upload_document(**upload, uploaded=pdf_upload(), document_date=today + timedelta(days=1))
    document = upload_document(**upload, uploaded=pdf_upload(), document_date=today)
    assert document.document_date == today


def test_additions_are_due_on_a_local_date_after_today(
    boundary_clock, complete_portfolio, candidate, office
):
    today = boundary_clock.local.date()
    submit_portfolio(portfolio=complete_portfolio, actor=candidate)
    version = complete_portfolio.framework_version
    form = AdditionsForm(version=version)
    assert form.initial["deadline"] == today + timedelta(days=version.additions_days)
    with pytest.raises(PortfolioError, match="in de toekomst"):
        reopen_for_additions(portfolio=complete_portfolio, sections=["C2"], deadline=today)
    reopened = reopen_for_additions(
        portfolio=complete_portfolio, sections=["C2"], deadline=today + timedelta(days=1)
    )
    assert reopened.additions_deadline == today + timedelta(days=1)
