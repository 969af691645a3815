"""Pages with personal data are never kept by a browser or proxy (Cache-Control)."""

import pytest
from django.urls import reverse

from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import assign_two
from tests.factories.users import client_for


@pytest.fixture
def world(seeded_version, candidate, assessor, second_assessor, office):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    _review, assignment, _second = assign_two(portfolio, assessor, second_assessor, office)
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
