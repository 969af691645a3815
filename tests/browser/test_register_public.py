"""The public register in a real browser, no login: search by name, place and number, a
registration's page, the one-word verification of valid, expired and struck-off numbers,
and a consent change on /mijn-registratie/ that the public page shows at once. Every
page axe-clean (no serious or critical violations)."""

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from complaints import services as complaints
from register import services
from tests.browser.conftest import axe_violations, log_in
from tests.factories.users import UserFactory


def _registered(first, last, *, starts_on=None, version, office, **publication):
    user = UserFactory(email=f"{first.lower()}@example.nl", first_name=first, last_name=last)
    registration = services.register(
        candidate=user,
        version=version,
        starts_on=starts_on or timezone.localdate(),
        actor=office,
    )
    if publication:
        services.set_publication(registration=registration, actor=user, **publication)
    return user, registration


@pytest.fixture
def register_world(seeded_version, office):
    kw = {"version": seeded_version, "office": office}
    kim, valid = _registered("Kim", "de Vries", **kw)
    _sanne, expired = _registered("Sanne", "Jansen", starts_on=date(2020, 1, 6), **kw)
    _ahmed, _zwolle = _registered("Ahmed", "Bakker", place="Zwolle", show_place=True, **kw)
    _piet, struck = _registered("Piet", "Smit", **kw)
    complaints.strike_off(registration=struck, reason="Ernstig tekortgeschoten.", actor=office)
    return {"kim": kim, "valid": valid, "expired": expired, "struck": struck}


def _search(page, query):
    page.goto("/register/")
    page.get_by_label("Naam, plaats of registratienummer").fill(query)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()
    assert axe_violations(page) == []


def _verify(page, number, answer):
    page.goto(f"/verifieer/{number}/")
    expect(page.locator("#verification")).to_contain_text(f"is {answer}.")
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_search_a_page_and_verification_without_login(page, register_world):
    valid, expired, struck = (register_world[k] for k in ("valid", "expired", "struck"))
    page.goto("/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Het register")
    expect(page.get_by_role("heading", name="Resultaten")).to_have_count(0)  # no listing
    assert axe_violations(page) == []

    _search(page, "vries")  # by name
    results = page.locator("main li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(f"Kim de Vries · {valid.number} · geldig")

    _search(page, "zwolle")  # by the place Ahmed published
    expect(page.locator("main li")).to_have_count(1)
    expect(page.locator("main li").first).to_contain_text("Ahmed Bakker")

    _search(page, struck.number.lower())  # by number
    expect(page.locator("main li").first).to_contain_text(f"Piet Smit · {struck.number}")
    expect(page.locator("main li").first).to_contain_text("doorgehaald")

    _search(page, "vries")
    page.get_by_role("link", name="Kim de Vries").click()
    expect(page).to_have_url(re.compile(rf"/register/{valid.number}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kim de Vries")
    expect(page.locator("main dl")).to_contain_text(valid.number)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Verificatie van dit registratienummer").click()
    expect(page.locator("#verification")).to_have_text("De registratie van Kim de Vries is geldig.")
    assert axe_violations(page) == []

    _verify(page, expired.number, "verlopen")
    _verify(page, struck.number, "doorgehaald")
    response = page.goto("/verifieer/RJC-1999-00000/")
    assert response.status == 404


@pytest.mark.django_db(transaction=True)
def test_a_consent_change_shows_on_the_public_page(page, register_world):
    kim, valid = register_world["kim"], register_world["valid"]
    public = f"/register/{valid.number}/"
    page.goto(public)
    expect(page.locator("main")).not_to_contain_text("Amersfoort")

    log_in(page, kim)
    page.goto("/mijn-registratie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn registratie")
    assert axe_violations(page) == []
    page.get_by_label("Plaats", exact=True).fill("Amersfoort")
    page.get_by_label("Plaats tonen").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je keuze is opgeslagen.")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(public)
    expect(page.locator("main dl")).to_contain_text("Amersfoort")
    assert axe_violations(page) == []
    _search(page, "amersfoort")
    expect(page.locator("main li").first).to_contain_text("Kim de Vries")

    page.goto("/mijn-registratie/")
    page.get_by_label("Plaats tonen").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je keuze is opgeslagen.")).to_be_visible()
    page.goto(public)
    expect(page.locator("main")).not_to_contain_text("Amersfoort")
