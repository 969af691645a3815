"""The office queue's rows read as values (assessment.queue_rows)."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from assessment import queue_rows
from assessment.enums import ReviewState
from assessment.models import Review
from assessment.queue_rows import full_name
from portal.models import User
from portfolio.models import Portfolio


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


@pytest.mark.django_db
def test_the_kept_rows_are_reused_until_what_they_show_changes(
    office_client, review, submitted_portfolio, monkeypatch
):
    cache.clear()
    rendered = []
    real = queue_rows.render
    monkeypatch.setattr(queue_rows, "render", lambda rows: rendered.append(1) or real(rows))
    url = reverse("assessment:queue")
    first = office_client.get(url).content.decode()
    assert office_client.get(url).content.decode().count("Details</a>") == 1
    assert len(rendered) == 1  # the second request printed the kept rows
    # Another state of the review is another content: rendered afresh, and it shows.
    Review.objects.filter(pk=review.pk).update(state=ReviewState.SUBMITTED)
    html = office_client.get(url).content.decode()
    assert len(rendered) == 2
    assign = reverse("assessment:assign", args=[submitted_portfolio.pk])
    assert f'href="{assign}">Details</a>' in first
    assert f'href="{assign}">Toewijzen</a>' in html


@pytest.mark.django_db
def test_the_kept_rows_are_the_rows_rendered_afresh(review, submitted_portfolio):
    values = list(queue_rows.as_values(Portfolio.objects.filter(pk=submitted_portfolio.pk)))
    names = queue_rows.assessor_names(values)
    cache.clear()
    kept = queue_rows.rows_html(values)
    assert (
        kept
        == queue_rows.rows_html(values)
        == queue_rows.render(queue_rows.queue_rows(values, names))
    )
    day = timezone.localdate(submitted_portfolio.submitted_at)
    assert f"<td>{day:%-d-%-m-%Y}</td>" in kept  # as Django's date:"j-n-Y" prints it
    assert kept.count("<tr>") == 1
    assert "Geen portfolio" in queue_rows.render([])
