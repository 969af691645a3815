"""The fields in which the candidate fills in a declaration's years and hours are named
by the framework (Declaration.years_label / hours_label), not by the form: a
recertification asks for other hours than the initial framework's B1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolio.forms import SignatureForm
from tests.factories.portfolios import refused_signature
from tests.portal.html_checks import controls_labelled

INITIAL_YEARS = "Jaren actief als uitvoerend jobcoach"
INITIAL_HOURS = "Uren beroepsgerichte werkervaring"
YEARS = "Jaren ingeschreven als jobcoach"
HOURS = "Uren gewerkt als jobcoach in de afgelopen 4 jaar"


def _b1(portfolio):
    return portfolio.framework_version.sections.get(code="B1").declarations.get(
        min_years__isnull=False
    )


def _b1_page(client, portfolio) -> str:
    url = reverse("portfolio:section", args=[portfolio.pk, "B1"])
    return client.get(url).content.decode()


def _names(html: str, label: str) -> list[str]:
    return [control["name"] for control in controls_labelled(html, label)]


@pytest.mark.django_db
def test_the_initial_framework_keeps_its_wording(candidate_client, portfolio):
    declaration = _b1(portfolio)
    assert (declaration.years_label, declaration.hours_label) == (INITIAL_YEARS, INITIAL_HOURS)
    html = _b1_page(candidate_client, portfolio)
    assert _names(html, INITIAL_YEARS) == ["years"]
    assert _names(html, INITIAL_HOURS) == ["hours"]


@pytest.mark.django_db
def test_a_declaration_names_its_own_fields(candidate_client, portfolio):
    before = _b1_page(candidate_client, portfolio)
    queries_before = _queries(candidate_client, portfolio)
    declaration = _b1(portfolio)
    declaration.years_label, declaration.hours_label = YEARS, HOURS
    declaration.save()  # renews the content stamp: the page reads the framework again
    html = _b1_page(candidate_client, portfolio)
    assert _names(html, YEARS) == ["years"]
    assert _names(html, HOURS) == ["hours"]
    assert controls_labelled(html, INITIAL_YEARS) == []
    assert controls_labelled(html, INITIAL_HOURS) == []
    assert controls_labelled(before, YEARS) == []
    # The names come with the declaration's row: not one query more.
    assert _queries(candidate_client, portfolio) == queries_before


def _queries(client, portfolio) -> int:
    with CaptureQueriesContext(connection) as captured:
        _b1_page(client, portfolio)
    return len(captured)


@pytest.mark.django_db
def test_a_refused_signature_shows_the_declarations_names(candidate_client, portfolio):
    declaration = _b1(portfolio)
    declaration.years_label, declaration.hours_label = YEARS, HOURS
    declaration.save()
    response = candidate_client.post(
        reverse("portfolio:sign", args=[portfolio.pk, declaration.pk]),
        refused_signature(),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert _names(html, YEARS) == ["years"]
    assert _names(html, HOURS) == ["hours"]


@pytest.mark.django_db
def test_empty_names_fall_back_to_the_generic_wording(portfolio):
    declaration = _b1(portfolio)
    declaration.years_label = declaration.hours_label = ""
    form = SignatureForm(declaration=declaration)
    assert form.fields["years"].label == INITIAL_YEARS
    assert form.fields["hours"].label == INITIAL_HOURS
    declaration.hours_label = HOURS
    assert SignatureForm(declaration=declaration).fields["hours"].label == HOURS
