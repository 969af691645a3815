"""The task page's index in a real browser: an item's state follows its autosave without a
reload, an entry takes the focus to its item, sticky beside the items at 1280 px and a list
that opens on demand at 390 px, no wider than the phone, axe-clean at both widths."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, log_in
from tests.factories.portfolios import make_portfolio


@pytest.fixture
def c1_url(seeded_version, candidate):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="started")
    return reverse("portfolio:section", args=[portfolio.pk, "C1"])


def _scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.django_db(transaction=True)
def test_the_index_follows_the_autosave_and_takes_the_focus_to_an_item(page, c1_url, candidate):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, candidate)
    page.goto(c1_url)
    index = page.get_by_role("navigation", name="Op deze pagina")
    item = page.locator("section[id^='criterion-']").first
    entry = index.locator(f"a[href='#{item.get_attribute('id')}']")
    expect(entry).to_contain_text("C1.0")
    expect(entry).to_contain_text("nog niet")
    assert axe_violations(page) == []
    page.evaluate("window.notReloaded = true")

    item.locator("textarea").fill("Ik sloot aan bij het tempo van mijn cliënt.")
    expect(entry).to_contain_text("ingevuld")
    expect(page.locator("#progress-C1")).to_contain_text("1/8")
    assert page.evaluate("window.notReloaded") is True  # without a reload

    # Sticky: far down the page the index is still beside the items.
    last = page.locator("section[id^='criterion-']").last
    last.scroll_into_view_if_needed()
    expect(index).to_be_in_viewport()
    # An entry takes the focus to its item, here a product's question.
    part = page.locator("form[id^='product_question-']").nth(2)
    index.locator(f"a[href='#{part.get_attribute('id')}']").click()
    expect(part).to_be_focused()
    expect(part).to_be_in_viewport()
    page.keyboard.press("Tab")  # on into its text box
    expect(part.locator("textarea")).to_be_focused()
    assert _scroll_width(page) <= 1280
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_index_opens_on_demand_and_fits(page, c1_url, candidate):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, candidate)
    page.goto(c1_url)
    index = page.get_by_role("navigation", name="Op deze pagina")
    links = index.locator("a.page-index-link")
    expect(links.first).to_be_hidden()  # closed: one line on the page
    assert _scroll_width(page) <= 390
    assert axe_violations(page) == []

    index.get_by_text("Op deze pagina").click()
    expect(links.first).to_be_visible()
    assert _scroll_width(page) <= 390
    assert axe_violations(page) == []
    last = page.locator("section[id^='criterion-']").last
    index.locator(f"a[href='#{last.get_attribute('id')}']").focus()
    page.keyboard.press("Enter")  # by keyboard
    expect(last).to_be_focused()
    expect(last).to_be_in_viewport()
    expect(links.first).to_be_hidden()  # closed again
    assert _scroll_width(page) <= 390
