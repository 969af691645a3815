"""Issue 14 item 5 where a person reads it: the office's "Verloop" names the steps in
Dutch, and a refused password says why in the portal's Dutch (with "je"). axe runs on
every page visited."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessment.enums import ReviewState
from tests.browser.conftest import axe_violations, log_in
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review


@pytest.mark.django_db(transaction=True)
def test_the_offices_history_names_the_steps_in_dutch(
    page, seeded_version, candidate, assessor, second_assessor, office
):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    make_review(
        state=ReviewState.ASSESSED,
        portfolio=portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
    )
    log_in(page, office)
    page.goto(reverse("assessment:assign", args=[portfolio.pk]))
    history = page.locator("#history")
    expect(history).to_contain_text("Assessoren toegewezen → Wordt beoordeeld")
    expect(history).to_contain_text("Wordt beoordeeld → Beide beoordelingen binnen")
    expect(history).not_to_contain_text("in_assessment")
    expect(history).not_to_contain_text("assessed")
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_refused_password_is_explained_in_dutch_with_je(page, seeded_version):
    page.goto("/accounts/signup/")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Vermeulen")
    page.get_by_label("E-mailadres").fill("noor@example.nl")
    page.locator("#id_password1").fill("abc")
    page.locator("#id_password2").fill("abc")
    page.get_by_role("button", name="Registreren").click()
    main = page.locator("main")
    expect(main).to_contain_text("Dit wachtwoord is te kort: gebruik minstens 10 tekens.")
    expect(main).to_contain_text("Je wachtwoord heeft minstens 10 tekens.")
    expect(main).not_to_contain_text("This password")
    expect(main).not_to_contain_text("Uw ")
    assert axe_violations(page) == []
