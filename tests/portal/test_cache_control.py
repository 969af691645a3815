"""Pages with personal data are never kept by a browser or proxy (Cache-Control)."""

import pytest
from django.urls import reverse

from assessment.services import assign_assessors, declare_conflict
from portfolio.services import start_portfolio, submit_portfolio
from tests.factories.portfolios import fill_portfolio
from tests.factories.users import client_for


@pytest.fixture
def world(seeded_version, candidate, assessor, second_assessor, office):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    fill_portfolio(portfolio)
    submit_portfolio(portfolio=portfolio, actor=candidate)
    portfolio.refresh_from_db()
    review = assign_assessors(
        portfolio=portfolio, first=assessor, second=second_assessor, actor=office
    )
    assignment = review.assignments.get(assessor=assessor)
    declare_conflict(assignment=assignment, conflict="", actor=assessor)
    return portfolio, assignment


@pytest.mark.django_db
def test_every_page_with_personal_data_says_no_store(world, candidate, assessor, office):
    portfolio, assignment = world
    pages = {
        candidate: [
            reverse("portfolio:dashboard", args=[portfolio.pk]),
            reverse("portfolio:section", args=[portfolio.pk, "C1"]),
            reverse("portfolio:preview", args=[portfolio.pk]),
            reverse("assessment:my_result"),
            reverse("dataprotection:my_data"),
        ],
        assessor: [
            reverse("assessment:my_reviews"),
            reverse("assessment:score", args=[assignment.pk]),
        ],
        office: [
            reverse("assessment:queue"),
            reverse("assessment:assign", args=[portfolio.pk]),
            reverse("assessment:audit_trail", args=[portfolio.pk]),
        ],
    }
    for user, urls in pages.items():
        client = client_for(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            directives = {d.strip() for d in response["Cache-Control"].split(",")}
            assert {"no-store", "private"} <= directives, url


@pytest.mark.django_db
def test_anonymous_pages_keep_their_own_caching(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert not response.has_header("Cache-Control")
