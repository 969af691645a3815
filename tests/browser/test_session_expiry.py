import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from portfolio.models import Answer
from portfolio.services import start_portfolio
from tests.browser.conftest import log_in
from tests.factories.users import UserFactory


@pytest.mark.django_db(transaction=True)
def test_an_autosave_after_the_session_expired_keeps_the_text_and_saves_after_a_new_login(
    chromium_browser, live_server, seeded_version
):
    user = UserFactory(email="kim@example.nl", first_name="Kim")
    portfolio = start_portfolio(candidate=user, version=seeded_version)
    context = chromium_browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, user)
    page.goto(f"/portfolio/{portfolio.pk}/onderdeel/C1/")
    box = page.locator("textarea.answer-text").first
    status = page.locator(".save-status").first

    # The session ends (idle timeout) while the text is being written.
    Session.objects.all().delete()
    text = "Mijn cliënt kreeg de regie terug over zijn werkdag."
    box.fill(text)
    expect(status).to_contain_text("Je sessie is verlopen: dit is níet opgeslagen.")
    expect(box).to_have_value(text)
    assert not Answer.objects.filter(text=text).exists()

    # Logging in again in another tab, then coming back: the text is saved after all.
    other = context.new_page()
    log_in(other, user)
    other.close()
    page.bring_to_front()
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(status).to_contain_text(re.compile(r"Opgeslagen om \d\d:\d\d"))
    assert Answer.objects.filter(portfolio=portfolio, text=text).count() == 1
    context.close()
