"""The office queue's rows read as values (assessment.queue_rows)."""

import pytest
from django.urls import reverse

from assessment.queue_rows import full_name
from portal.models import User


@pytest.mark.parametrize(
    ("first", "last"), [("Anna", "de Vries"), ("", "de Vries"), ("Anna", ""), ("", "")]
)
def test_full_name_prints_as_the_user_model_does(first, last):
    assert full_name(first, last) == User(first_name=first, last_name=last).get_full_name()


@pytest.mark.django_db
def test_the_queue_shows_each_portfolio_its_state_assessors_and_step(
    office_client, review, submitted_portfolio, assessor, second_assessor
):
    html = office_client.get(reverse("assessment:queue")).content.decode()
    candidate = submitted_portfolio.candidate
    assert candidate.get_full_name() in html
    assert candidate.email in html
    assert str(review.get_state_display()) in html
    names = sorted([assessor, second_assessor], key=lambda u: (u.last_name, u.first_name, u.email))
    assert f"{assessor.get_full_name()}, {second_assessor.get_full_name()}" in html or (
        f"{second_assessor.get_full_name()}, {assessor.get_full_name()}" in html
    )
    assign = reverse("assessment:assign", args=[submitted_portfolio.pk])
    assert f'href="{assign}">Details</a>' in html  # assigned: no longer "Toewijzen"
    # The filter offers every active assessor, the chosen one selected.
    for person in names:
        assert f'<option value="{person.pk}">{person.get_full_name()}</option>' in html
    chosen = office_client.get(reverse("assessment:queue") + f"?assessor={assessor.pk}")
    assert f'<option value="{assessor.pk}" selected>' in chosen.content.decode()


@pytest.mark.django_db
def test_an_unassigned_portfolio_offers_the_assignment(office_client, submitted_portfolio):
    html = office_client.get(reverse("assessment:queue")).content.decode()
    assign = reverse("assessment:assign", args=[submitted_portfolio.pk])
    assert f'href="{assign}">Toewijzen</a>' in html
    assert "Nog toe te wijzen" in html
