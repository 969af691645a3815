"""The scoring page's sealed half: the candidate's answers as sealed at submission,
rendered once per snapshot fingerprint, language and code version (sealed_render)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from assessment import sealed_render
from portal.release import release
from portfolio.models import Answer, Snapshot
from profiles.selectors import version_with_content


def _sealed(assignment):
    review = assignment.review
    version = version_with_content(review.portfolio.framework_version_id)
    return sealed_render.sealed_round(review.portfolio, review.round), version


def _a_criterion_answer(portfolio):
    return (
        Answer.objects.filter(portfolio=portfolio, criterion__isnull=False)
        .exclude(text="")
        .select_related("criterion")
        .first()
    )


@pytest.mark.django_db
def test_the_kept_answers_equal_a_fresh_rendering_and_cost_no_query(declared):
    first, _second = declared
    sealed, version = _sealed(first)
    content = Snapshot.objects.get(pk=sealed.pk).content
    fresh = sealed_render.render_answers(content, version)
    rendered = sealed_render.sealed_answers(sealed, version)  # rendered and kept
    with CaptureQueriesContext(connection) as captured:
        kept = sealed_render.sealed_answers(sealed, version)
    assert len(captured) == 0
    assert kept == rendered == fresh
    answer = _a_criterion_answer(first.review.portfolio)
    assert escape(answer.text) in kept[answer.criterion_id]
    # Every criterion of the version has its block, product questions included.
    criteria = [c for s in version.sections.all() for c in s.criteria.all()]
    assert set(kept) == {c.pk for c in criteria}
    product = next(c for c in criteria if c.answer_kind == "product")
    question = product.product_questions.all()[0]
    assert f"{question.number}. {escape(question.text)}" in kept[product.pk]


@pytest.mark.django_db
def test_another_fingerprint_or_language_never_reuses_a_kept_rendering(declared):
    first, _second = declared
    sealed, version = _sealed(first)
    key = sealed_render.cache_key(sealed.sha256, version)
    cache.set(key, dict.fromkeys(sealed_render.render_answers({}, version), "KEPT"))
    # The kept rendering is what is shown for exactly this address…
    assert set(sealed_render.sealed_answers(sealed, version).values()) == {"KEPT"}
    # …and never for another snapshot's content or in another language.
    other = sealed_render.SealedRound(sealed.pk, "0" * 64, None)
    assert "KEPT" not in sealed_render.sealed_answers(other, version).values()
    with translation.override("en"):
        assert sealed_render.cache_key(sealed.sha256, version) != key
        assert "KEPT" not in sealed_render.sealed_answers(sealed, version).values()
    assert release() in key


@pytest.mark.django_db
def test_the_scoring_page_shows_the_sealed_text_not_a_later_edit(declared, assessor):
    first, _second = declared
    answer = _a_criterion_answer(first.review.portfolio)
    sealed_text = answer.text
    # Not through the services (a submitted portfolio is locked): as if the candidate
    # edited after sealing, e.g. while additions are requested.
    Answer.objects.filter(pk=answer.pk).update(text="Later gewijzigd")
    client = Client()
    client.force_login(assessor)
    url = reverse("assessment:score", args=[first.pk])
    for _request in range(2):  # rendered, then kept
        html = client.get(url).content.decode()
        assert escape(sealed_text) in html
        assert "Later gewijzigd" not in html


@pytest.mark.django_db
def test_without_a_snapshot_no_unsealed_text_is_shown(declared):
    first, _second = declared
    _sealed_round, version = _sealed(first)
    blocks = sealed_render.sealed_answers(None, version)
    assert blocks
    assert all("—" in html for html in blocks.values())
