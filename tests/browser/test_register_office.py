"""The office's register pages in a real browser: find a registration, record a
complaint, suspend the registration from it behind the confirmation, and see the public
verification answer "geschorst"; every page axe-clean."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from register import services
from tests.browser.conftest import axe_violations, log_in


@pytest.mark.django_db(transaction=True)
def test_the_office_suspends_a_registration_after_a_complaint(
    page, seeded_version, office, candidate
):
    registration = services.register(
        candidate=candidate, version=seeded_version, starts_on=timezone.localdate(), actor=office
    )
    log_in(page, office)
    page.get_by_role("link", name="Registraties").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registraties")
    page.get_by_label("Naam, nummer of e-mailadres").fill("vries")
    page.get_by_role("button", name="Filteren").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=registration.number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(registration.number)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Klacht vastleggen").click()
    page.get_by_label("Ingediend door").fill("Werkgever De Boer")
    page.get_by_label("Ontvangen op").fill(timezone.localdate().isoformat())
    page.get_by_label("Samenvatting").fill("Afspraken met de werknemer niet nagekomen.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("De klacht is vastgelegd.")).to_be_visible()
    expect(page.locator("#complaint-state")).to_have_text("Ontvangen")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Schorsen").click()
    expect(page.get_by_label("Naar aanleiding van klacht")).not_to_have_value("")
    page.get_by_label("Reden").fill("Onderzoek naar de klacht loopt.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Registratie schorsen").click()  # unconfirmed
    registration.refresh_from_db()
    assert registration.status == "geldig"
    page.get_by_label(re.compile("Ik bevestig deze maatregel")).check()
    page.get_by_role("button", name="Registratie schorsen").click()
    expect(page.get_by_text("De registratie is geschorst.")).to_be_visible()
    expect(page.get_by_role("link", name="Schorsing opheffen")).to_be_visible()
    history = page.get_by_role("region", name="Tabel van de geschiedenis")
    expect(history).to_contain_text("Status registratie gewijzigd")
    measures = page.get_by_role("region", name="Tabel van de maatregelen")
    expect(measures).to_contain_text("Geschorst")
    assert axe_violations(page) == []

    page.goto(f"/verifieer/{registration.number}/")
    expect(page.locator("#verification")).to_have_text(
        "De registratie van Kim de Vries is geschorst."
    )
