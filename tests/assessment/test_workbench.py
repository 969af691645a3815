"""The assessor's workbench on the scoring page: the index of the items with the state of
each score and the running count, printed with the page and answered by every autosave
(out of band), with a fixed number of queries."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessment import selectors, workbench
from profiles.selectors import version_with_content


def _save(client, assignment, target, **data):
    response = client.post(
        reverse("assessment:save_score", args=[assignment.pk]),
        {"target": target, **data},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    return response.content.decode()


def _entry(html, target) -> str:
    return re.search(rf'<li id="index-{target}"[^>]*>.*?</li>', html, re.S).group(0)


@pytest.fixture
def scoring(declared, assessor):
    first, _second = declared
    client = Client()
    client.force_login(assessor)
    version = first.review.portfolio.framework_version
    return {
        "assignment": first,
        "client": client,
        "criterion": version.sections.get(code="C3").criteria.first(),
        "option": version.score_options.get(code="aangetoond"),
    }


@pytest.mark.django_db
def test_the_index_lists_every_item_in_page_order_grouped_by_section(declared):
    first, _second = declared
    review = first.review
    version = version_with_content(review.portfolio.framework_version_id)
    items = selectors.review_items(review, version, first)
    index = workbench.score_index(items, {}, version.sections.all())
    assert index.total == (
        len(items.formal_conditions) + len(items.formal_declarations) + len(items.criteria)
    )
    assert (index.done, index.complete) == (0, False)
    assert index.groups[0].title == "Formele toets"
    assert [g.title.split(".")[0] for g in index.groups[1:]] == ["C1", "C2", "C3", "C4"]
    targets = [e.target for g in index.groups[1:] for e in g.entries]
    assert targets == [f"criterion-{c.pk}" for c in items.criteria]
    assert not any(e.done or e.started for e in index.entries)


@pytest.mark.django_db
def test_the_page_prints_the_index_with_the_count_and_each_item_as_its_anchor(scoring):
    client, assignment = scoring["client"], scoring["assignment"]
    html = client.get(reverse("assessment:score", args=[assignment.pk])).content.decode()
    assert re.search(r"0 van 31 gescoord", html)
    entries = re.findall(r'<li id="index-([a-z]+-\d+)"', html)
    assert len(entries) == 31
    for target in entries:  # every entry leads to its item, a stop for the keyboard
        assert f'href="#{target}"' in _entry(html, target)
        assert re.search(rf'id="{target}" tabindex="-1" data-score-item', html), target
        assert "nog niet" in _entry(html, target)
    assert "js/workbench.js" in html


@pytest.mark.django_db
def test_an_autosave_answers_the_count_and_the_item_state_out_of_band(scoring):
    client, assignment = scoring["client"], scoring["assignment"]
    target = f"criterion-{scoring['criterion'].pk}"
    # A score without its motivation: saved, not yet scored.
    html = _save(client, assignment, target, option=scoring["option"].pk)
    assert "Opgeslagen" in html
    assert 'id="score-count" hx-swap-oob="true"' in html
    assert "0 van 31 gescoord" in html
    assert 'hx-swap-oob="true"' in _entry(html, target)
    assert "onvolledig" in _entry(html, target)
    # With the motivation it counts, and leaves the list of what is still to do.
    html = _save(client, assignment, target, option=scoring["option"].pk, motivation="Sterk")
    assert "1 van 31 gescoord" in html
    assert "opgeslagen" in _entry(html, target)
    missing = re.search(r'<div id="score-missing" hx-swap-oob="true">.*?</div></div>', html, re.S)
    assert scoring["criterion"].title not in missing.group(0)
    assert missing.group(0).count("<li>") == 30
    # The page itself shows the same afterwards.
    page = client.get(reverse("assessment:score", args=[assignment.pk])).content.decode()
    assert "1 van 31 gescoord" in page
    assert "opgeslagen" in _entry(page, target)


@pytest.mark.django_db
def test_an_autosave_costs_a_fixed_number_of_queries(scoring, django_assert_num_queries):
    client, assignment = scoring["client"], scoring["assignment"]
    target = f"criterion-{scoring['criterion'].pk}"
    _save(client, assignment, target, option=scoring["option"].pk)  # the assessment exists
    # The save itself (session, user, assignment, target with its version, option, the
    # review locked, the assignments, the assessment, the old score, its update, the audit
    # entry with its savepoints: 19; the quality figures' check whether the score's
    # assessment is submitted: 1), then the workbench's answer: the scores with their
    # assessment (one query: own_scores; the version's tree is found by the version's row
    # and the content stamp read with the assignment).
    with django_assert_num_queries(21):
        _save(client, assignment, target, option=scoring["option"].pk, motivation="Sterk")
