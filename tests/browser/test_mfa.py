import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from portal.enums import Role
from tests.browser.conftest import axe_violations, log_in
from tests.factories.users import TEST_PASSWORD, UserFactory, totp_code


@pytest.mark.django_db(transaction=True)
def test_an_assessor_must_set_up_the_app_before_anything_else(page, seeded_version):
    user = UserFactory(
        email="pieter@example.nl", first_name="Pieter", role=Role.ASSESSOR, totp=False
    )
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    # Sent on to the setup, which first asks the password again and says why.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    expect(page.get_by_role("alert").filter(has_text="verplicht")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.locator("#mfa-required")).to_contain_text(
        "Verplicht voor assessoren en het bureau."
    )
    qr = page.get_by_role("img", name="QR-code voor je authenticator-app")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the data: image loads under the CSP
    assert axe_violations(page) == []

    # Any other page leads back here until the app is set up.
    page.goto("/beoordeling/mijn/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))

    # The phone app, given the key shown on the page, produces the code.
    secret = page.get_by_label("Geheime sleutel").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herstelcodes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ik heb ze bewaard: verder naar de startpagina").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Pieter")
    assert Authenticator.objects.filter(user=user, type="totp").count() == 1


@pytest.mark.django_db(transaction=True)
def test_login_with_the_app_asks_for_the_code_and_refuses_a_wrong_one(page, seeded_version):
    user = UserFactory(email="bureau@example.nl", role=Role.OFFICE)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    assert axe_violations(page) == []
    wrong = "000000" if totp_code() != "000000" else "111111"
    page.get_by_label("Code").fill(wrong)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Deze code klopt niet.")).to_be_visible()
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/start/$"))
    page.get_by_role("link", name="Beheer").click()
    expect(page).to_have_url(re.compile(r"/beheer/$"))


@pytest.mark.django_db(transaction=True)
def test_a_candidate_switches_two_factor_on_from_the_start_page(page, seeded_version):
    user = UserFactory(email="kim@example.nl", first_name="Kim")
    log_in(page, user)
    page.get_by_role("link", name="Tweestapsverificatie aanzetten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Tweestapsverificatie aanzetten").click()
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("#mfa-required")).to_have_count(0)
    secret = page.get_by_label("Geheime sleutel").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herstelcodes")
    assert Authenticator.objects.filter(user=user, type="totp").exists()
