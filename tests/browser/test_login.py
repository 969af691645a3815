import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.factories.users import TEST_PASSWORD, UserFactory


@pytest.mark.django_db(transaction=True)
def test_candidate_logs_in_through_the_real_login_page(page, seeded_version):
    user = UserFactory(email="kim@example.nl", first_name="Kim", last_name="de Vries")
    page.goto("/")
    page.get_by_role("link", name="Inloggen").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    assert axe_violations(page) == []

    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(re.compile(r"/start/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Kim")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Toetsingskader").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Toetsingskader")
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_shows_a_message_and_keeps_the_user_out(page):
    user = UserFactory(email="kim@example.nl")
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".alert-danger, .invalid-feedback, .alert")).not_to_have_count(0)
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
