"""The scoring page's assessor half (score forms, the workbench's index, what is left) is
kept per content of the scores (assessment.score_forms): reused while nothing changed,
never after a save, never for another assessor, and with each request's CSRF token."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from assessment import score_forms
from assessment.services.scoring import save_score


def _page(client, assignment) -> str:
    return client.get(reverse("assessment:score", args=[assignment.pk])).content.decode()


@pytest.fixture
def scoring(declared, assessor):
    first, second = declared
    client = Client()
    client.force_login(assessor)
    criterion = first.review.portfolio.framework_version.sections.get(code="C2").criteria.first()
    return first, second, client, criterion


@pytest.mark.django_db
def test_the_kept_half_is_reused_until_a_save_changes_its_content(scoring, assessor, monkeypatch):
    first, _second, client, criterion = scoring
    cache.clear()
    rendered = []
    real = score_forms.render_half
    monkeypatch.setattr(score_forms, "render_half", lambda c: rendered.append(1) or real(c))
    _page(client, first)
    html = _page(client, first)
    assert len(rendered) == 1  # the second request printed the kept half
    assert "0 van 31 gescoord" in html
    option = first.review.portfolio.framework_version.score_options.get(code="aangetoond")
    save_score(assignment=first, target=criterion, option=option, motivation="Goed", actor=assessor)
    html = _page(client, first)
    assert len(rendered) == 2  # a save is another content: rendered afresh
    assert "1 van 31 gescoord" in html
    assert ">Goed</textarea>" in html
    # A change of the motivation alone is another content too.
    save_score(
        assignment=first, target=criterion, option=option, motivation="Beter", actor=assessor
    )
    assert ">Beter</textarea>" in _page(client, first)
    assert len(rendered) == 3


@pytest.mark.django_db
def test_each_request_gets_its_own_csrf_token_and_another_assessor_never_the_kept_half(
    scoring, second_assessor
):
    first, second, client, _criterion = scoring
    one, two = _page(client, first), _page(client, first)
    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', h) for h in (one, two)]
    assert len(tokens[0]) > 31  # every score form, and the page's own forms
    assert score_forms.CSRF_SLOT not in one
    assert set(tokens[0]).isdisjoint(tokens[1])  # masked anew on every request
    other = Client()
    other.force_login(second_assessor)
    html = _page(other, second)
    save = reverse("assessment:save_score", args=[second.pk])
    assert html.count(f'action="{save}"') == 31
    assert reverse("assessment:save_score", args=[first.pk]) not in html
