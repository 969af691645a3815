"""The task page's index ("Op deze pagina"): one link per item of the section with its code,
short title and state as the progress counts it; the autosave's answer carries the new
states of its section's items, out of band, for exactly the items the page lists."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from portfolio import fragments
from profiles.enums import AnswerKind
from profiles.models import Question

LINK = re.compile(
    r'<a class="page-index-link" href="#(?P<anchor>[\w-]+)">'
    r'<span class="page-index-text"><span class="fw-semibold">(?P<code>[^<]+)</span> [^<]*</span>'
    r'<span class="page-index-state[^"]*" id="index-state-(?P<slot>[\w-]+)">'
    r'<span aria-hidden="true">[^<]+</span><span class="visually-hidden"> — (?P<state>[^<]+)'
)
STATE = re.compile(r'id="index-state-([\w-]+)" hx-swap-oob="true">.*? — ([^<]+)</span>')


def _page(client, portfolio, code: str) -> str:
    response = client.get(reverse("portfolio:section", args=[portfolio.pk, code]))
    assert response.status_code == 200
    return response.content.decode()


def _index(html: str) -> list[tuple[str, str, str]]:
    """(anchor, code, state) of every link of the index, in order."""
    start = html.index('<nav class="page-index')
    nav = html[start : html.index("</nav>", start)]
    links = [m.groupdict() for m in LINK.finditer(nav)]
    assert nav.count("<a ") == len(links)
    assert all(link["slot"] == link["anchor"] for link in links)
    return [(link["anchor"], link["code"], link["state"]) for link in links]


def _autosave(client, portfolio, target: str, **data):
    return client.post(
        reverse("portfolio:autosave", args=[portfolio.pk]),
        {"target": target, "revision": 0, **data},
        HTTP_HX_REQUEST="true",
    )


@pytest.mark.django_db
def test_the_index_lists_every_item_of_c1_with_its_anchor_and_state(candidate_client, portfolio):
    section = portfolio.framework_version.sections.get(code="C1")
    criteria = list(section.criteria.order_by("number"))
    text, product = criteria[0], next(c for c in criteria if c.answer_kind == AnswerKind.PRODUCT)
    first_part = product.product_questions.order_by("number").first()
    saved = _autosave(candidate_client, portfolio, f"criterion-{text.pk}", text="Klaar.")
    assert saved.status_code == 200
    saved = _autosave(
        candidate_client, portfolio, f"product_question-{first_part.pk}", text="Een deel."
    )
    assert saved.status_code == 200

    html = _page(candidate_client, portfolio, "C1")
    expected = []
    for criterion in criteria:
        done = criterion == text
        expected.append((f"criterion-{criterion.pk}", criterion.code, done))
        for part in criterion.product_questions.order_by("number"):
            code = f"{criterion.code}.{part.number}"
            expected.append((f"product_question-{part.pk}", code, part == first_part))
    words = {True: "ingevuld", False: "nog niet"}
    assert _index(html) == [(anchor, code, words[done]) for anchor, code, done in expected]
    assert len(criteria) == 8
    # C1.2 has one of its eight questions answered: the product is not done yet.
    assert (f"criterion-{product.pk}", product.code, "nog niet") in _index(html)
    # Every anchor is an item on the page that takes the focus, once.
    for anchor, _code, _state in expected:
        assert html.count(f'id="{anchor}"') == 1
        tag = re.search(rf'<[^>]* id="{anchor}"[^>]*>', html).group()
        assert 'tabindex="-1"' in tag, tag
    assert html.count('aria-label="Op deze pagina"') == 1


@pytest.mark.django_db
def test_the_autosave_answers_the_new_states_of_what_it_changed(candidate_client, portfolio):
    listed = {anchor for anchor, _code, _state in _index(_page(candidate_client, portfolio, "C1"))}
    product = portfolio.framework_version.sections.get(code="C1").criteria.filter(
        answer_kind=AnswerKind.PRODUCT
    )[0]
    first, *others = product.product_questions.order_by("number")
    html = _autosave(
        candidate_client, portfolio, f"product_question-{first.pk}", text="Wie de cliënt is."
    ).content.decode()
    # Out of band: the saved question and its product, both on the page for htmx to find.
    states = dict(STATE.findall(html))
    assert states == {
        f"product_question-{first.pk}": "ingevuld",
        f"criterion-{product.pk}": "nog niet",
    }
    assert set(states) <= listed
    for part in others:
        html = _autosave(
            candidate_client, portfolio, f"product_question-{part.pk}", text="Antwoord."
        ).content.decode()
    # The last question answered: the product is filled in.
    assert dict(STATE.findall(html)) == {
        f"product_question-{others[-1].pk}": "ingevuld",
        f"criterion-{product.pk}": "ingevuld",
    }
    # And the page says the same after a reload.
    index = {a: s for a, _c, s in _index(_page(candidate_client, portfolio, "C1"))}
    assert index[f"criterion-{product.pk}"] == "ingevuld"
    assert list(index.values()).count("ingevuld") == 1 + len(others) + 1


@pytest.mark.django_db
def test_a_date_against_the_rules_is_filled_in_but_does_not_meet_them(candidate_client, portfolio):
    question = Question.objects.get(
        section__version=portfolio.framework_version, answer_kind=AnswerKind.DATE
    )
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    html = _autosave(
        candidate_client, portfolio, f"question-{question.pk}", date_value=future
    ).content.decode()
    assert dict(STATE.findall(html))[f"question-{question.pk}"] == "voldoet niet"
    index = _index(_page(candidate_client, portfolio, question.section.code))
    assert (f"question-{question.pk}", question.code, "voldoet niet") in index
    assert [code for _a, code, _s in index] == ["C.1", "C.2", "C.3"]


@pytest.mark.django_db
def test_declarations_are_listed_and_a_page_without_items_has_no_index(
    candidate_client, complete_portfolio
):
    declarations = complete_portfolio.framework_version.sections.get(code="E").declarations
    complete_portfolio.signatures.filter(declaration=declarations.get(code="E.2")).delete()
    index = _index(_page(candidate_client, complete_portfolio, "E"))
    assert [(code, state) for _a, code, state in index] == [
        ("E.1", "ingevuld"),
        ("E.2", "nog niet"),
        ("E.3", "ingevuld"),
    ]
    assert "page-index" not in _page(candidate_client, complete_portfolio, "A")


@pytest.mark.django_db
def test_the_index_and_sidebar_are_rendered_once_per_what_they_show(candidate_client, portfolio):
    # Kept per content (portal.kept): the same states give the same markup without
    # rendering; a new state, or an edit of the framework's text, renders anew.
    criterion = portfolio.framework_version.sections.get(code="C1").criteria.order_by("number")[0]
    with (
        mock.patch.object(fragments, "_index", wraps=fragments._index) as index,
        mock.patch.object(fragments, "_nav", wraps=fragments._nav) as nav,
    ):
        first = _page(candidate_client, portfolio, "C1")
        assert _index(_page(candidate_client, portfolio, "C1")) == _index(first)
        assert (index.call_count, nav.call_count) == (1, 1)
        _autosave(candidate_client, portfolio, f"criterion-{criterion.pk}", text="Klaar.")
        saved = _page(candidate_client, portfolio, "C1")
        assert (index.call_count, nav.call_count) == (2, 2)
        assert (f"criterion-{criterion.pk}", criterion.code, "ingevuld") in _index(saved)
        criterion.title = "Een nieuwe titel van het criterium"
        criterion.save()  # a framework edit replaces the content stamp
        edited = _page(candidate_client, portfolio, "C1")
    assert (index.call_count, nav.call_count) == (3, 3)
    assert "Een nieuwe titel van het criterium" in edited[edited.index('<nav class="page-index') :]
