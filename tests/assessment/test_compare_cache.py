"""The comparison's rows are kept per content (assessment.compare_rows): reused while
nothing they show changed, rendered afresh once the joint verdict (or anything else
printed) changes, and the same markup as rendering them afresh."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from assessment import compare_rows, presenters, selectors
from assessment.models import Review
from assessment.services import scoring
from tests.assessment.helpers import agree_everything, score_everything


def _page(client, assignment) -> str:
    """The page without its CSRF tokens (masked anew on every request)."""
    html = client.get(reverse("assessment:compare", args=[assignment.pk])).content.decode()
    return re.sub(r'(content|value)="[A-Za-z0-9]{64}"', "TOKEN", html)


@pytest.fixture
def counted(monkeypatch):
    """The renderings made (not read from the cache)."""
    cache.clear()
    rendered = []
    real = compare_rows.render
    monkeypatch.setattr(
        compare_rows, "render", lambda rows, **kw: rendered.append(1) or real(rows, **kw)
    )
    return rendered


@pytest.mark.django_db
def test_the_kept_rows_are_reused_until_the_joint_verdict_changes_them(
    declared, assessor, second_assessor, counted
):
    first, second = declared
    score_everything(first, assessor, overrides={"C1.1": "niet_aangetoond"})
    scoring.submit_assessment(assignment=first, actor=assessor)
    score_everything(second, second_assessor)
    scoring.submit_assessment(assignment=second, actor=second_assessor)
    client = Client()
    client.force_login(assessor)
    before = _page(client, first)
    assert _page(client, first) == before
    assert len(counted) == 1  # the second request printed the kept rows
    other = Client()
    other.force_login(second_assessor)
    assert 'name="option-' in _page(other, second)
    assert len(counted) == 1  # nothing in the rows depends on who looks
    # The joint verdict: the rows show its reasons, and are no longer editable.
    review = Review.objects.get(pk=first.review_id)
    options = {o.code: o for o in review.portfolio.framework_version.score_options.all()}
    page = presenters.comparison(review)
    verdicts = {
        row["criterion"].pk: (options["aangetoond"], "Samen besproken") for row in page.rows
    }
    scoring.record_agreement(review=review, verdicts=verdicts, questions="", actor=assessor)
    after = _page(client, first)
    assert len(counted) == 2
    assert ">Samen besproken</textarea>" in after
    assert ">Samen besproken</textarea>" not in before
    assert " disabled>" in after


@pytest.mark.django_db
def test_the_kept_rows_are_the_rows_rendered_afresh(declared, assessor, second_assessor):
    first, second = declared
    agree_everything(
        first, second, assessor, second_assessor, overrides={"C2.1": "niet_aangetoond"}
    )
    review = Review.objects.get(pk=first.review_id)
    selectors.prefetch_assignments(review)
    page = presenters.comparison(review)
    cache.clear()
    kept = compare_rows.rows_html(page.rows, page.version, editable=False)
    again = compare_rows.rows_html(page.rows, page.version, editable=False)
    fresh = compare_rows.render(page.rows, editable=False)
    assert kept == again == fresh
    assert kept.count("<tr ") == len(page.rows) == 22
    # The names of both assessors, in the order of their assignments.
    assert [a.assessor_name for a in page.assessments] == [
        assessor.get_full_name(),
        second_assessor.get_full_name(),
    ]
    # Editable or not is another rendering (another key).
    assert compare_rows.cache_key(page.rows, page.version, editable=True) != (
        compare_rows.cache_key(page.rows, page.version, editable=False)
    )
