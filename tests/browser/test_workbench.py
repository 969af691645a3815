"""The assessor's workbench in a real browser: the index with the running count follows
each autosave without a reload, the keyboard moves between the items, the candidate's
text beside the indicators on a wide screen, and nothing wider than a 390 px phone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, log_in
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import assign_two


@pytest.fixture
def scoring_url(seeded_version, candidate, assessor, second_assessor, office):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    _review, first, _second = assign_two(portfolio, assessor, second_assessor, office)
    return reverse("assessment:score", args=[first.pk])


def _scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _box(locator) -> dict:
    return locator.bounding_box()


@pytest.mark.django_db(transaction=True)
def test_the_index_and_the_count_follow_each_autosave(page, scoring_url, assessor):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, assessor)
    page.goto(scoring_url)
    count = page.locator("#score-count")
    expect(count).to_contain_text(re.compile(r"^\s*0 van 31 gescoord"))
    index = page.get_by_role("navigation", name="Te scoren")
    card = page.locator("article[id^='criterion-']").first
    entry = index.locator(f"a[href='#{card.get_attribute('id')}']")
    expect(entry).to_contain_text("nog niet")
    assert axe_violations(page) == []
    page.evaluate("window.notReloaded = true")

    # A score without its motivation is saved, not yet complete.
    card.get_by_label("Aangetoond", exact=True).check()
    expect(entry).to_contain_text("onvolledig")
    expect(count).to_contain_text("0 van 31 gescoord")
    # With the motivation it counts.
    card.get_by_label("Motivering").fill("De intake is helder beschreven.")
    expect(entry).to_contain_text("opgeslagen")
    expect(count).to_contain_text("1 van 31 gescoord")
    missing = page.locator("#missing-scores")
    expect(missing).not_to_contain_text(card.locator("h3").inner_text())
    # A formal check counts as soon as it is met or not.
    condition = page.locator("[id^='condition-'][data-score-item]").first
    condition.get_by_label("Voldaan", exact=True).check()
    expect(count).to_contain_text("2 van 31 gescoord")
    expect(index.locator(f"a[href='#{condition.get_attribute('id')}']")).to_contain_text(
        "opgeslagen"
    )
    assert page.evaluate("window.notReloaded") is True  # all of it without a reload
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_the_keyboard_moves_between_the_items(page, scoring_url, assessor):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, assessor)
    page.goto(scoring_url)
    items = page.locator("[data-score-item]")
    first_id, second_id = items.nth(0).get_attribute("id"), items.nth(1).get_attribute("id")
    page.keyboard.press("j")
    expect(items.nth(0)).to_be_focused()
    page.keyboard.press("j")
    expect(items.nth(1)).to_be_focused()
    current = page.locator(".score-index-link[aria-current]")
    expect(current).to_have_attribute("href", f"#{second_id}")
    page.keyboard.press("k")
    expect(items.nth(0)).to_be_focused()
    expect(current).to_have_attribute("href", f"#{first_id}")

    # In a text box j is a letter; Alt+↓ still moves on.
    box = items.nth(0).locator("textarea").first
    box.focus()
    page.keyboard.press("j")
    expect(box).to_be_focused()
    expect(box).to_have_value("j")
    page.keyboard.press("Alt+ArrowDown")
    expect(items.nth(1)).to_be_focused()

    # An entry of the index takes the focus to its item.
    last = items.last
    page.get_by_role("navigation", name="Te scoren").locator(
        f"a[href='#{last.get_attribute('id')}']"
    ).click()
    expect(last).to_be_focused()
    page.keyboard.press("Alt+ArrowUp")
    expect(items.nth(items.count() - 2)).to_be_focused()


@pytest.mark.django_db(transaction=True)
def test_text_beside_the_indicators_when_wide_and_no_overflow_at_390_px(
    page, scoring_url, assessor
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, assessor)
    page.goto(scoring_url)
    card = page.locator("article[id^='criterion-']").first
    answer, aside = _box(card.locator(".score-answer")), _box(card.locator("aside"))
    assert aside["x"] >= answer["x"] + answer["width"] - 1  # side by side
    assert abs(aside["y"] - answer["y"]) < 5
    index = _box(page.locator("#score-index"))
    assert index["x"] + index["width"] <= answer["x"]  # the index beside the items
    assert _scroll_width(page) <= 1280

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    answer, aside = _box(card.locator(".score-answer")), _box(card.locator("aside"))
    assert aside["y"] >= answer["y"] + answer["height"] - 1  # stacked
    assert _scroll_width(page) <= 390
    # The count stays in view while scrolling; the list opens on demand.
    card.scroll_into_view_if_needed()
    count = page.locator("#score-count")
    expect(count).to_be_in_viewport()
    summary = page.get_by_text("Alle items")
    summary.click()
    page.get_by_role("navigation", name="Te scoren").locator("a").nth(3).click()
    expect(page.locator("[data-score-item]").nth(3)).to_be_focused()
    assert _scroll_width(page) <= 390
    assert axe_violations(page) == []
