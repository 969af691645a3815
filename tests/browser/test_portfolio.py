import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.models import User
from portfolio.enums import PortfolioState
from portfolio.models import Answer, Portfolio
from tests.browser.conftest import axe_violations
from tests.factories.files import pdf_bytes
from tests.factories.portfolios import fill_portfolio


@pytest.mark.django_db(transaction=True)
def test_a_candidate_builds_and_submits_a_portfolio(page, seeded_version, tmp_path):
    _register_and_verify_the_address(page)
    _start_and_choose_the_routes(page)
    _upload_evidence_for_a11(page, tmp_path)
    _sign_b11(page)
    _write_task_0(page)

    # Progress moved; submission is refused with the list of what is missing.
    page.get_by_role("link", name="Overzicht en voortgang").click()
    assert axe_violations(page) == []
    expect(page.get_by_role("row", name=re.compile(r"^B1\. Werkervaring"))).to_contain_text("1/2")
    page.get_by_role("link", name="Portfolio indienen").click()
    expect(page.locator("#missing-list")).to_contain_text("Onderteken verklaring B1.2.")

    portfolio = _complete_and_submit(page)

    # Locked: the text boxes are read-only and a save attempt is refused.
    page.goto(f"/portfolio/{portfolio.pk}/onderdeel/C1/")
    expect(page.get_by_text("Je portfolio is ingediend en vergrendeld")).to_be_visible()
    expect(page.locator("textarea").first).to_have_attribute("readonly", "")
    assert page.locator("button", has_text="Uploaden").count() == 0


def _register_and_verify_the_address(page) -> None:
    """Register and verify the e-mail address through the link in the mail."""
    page.goto("/accounts/signup/")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Vermeulen")
    page.get_by_label("E-mailadres").fill("noor@example.nl")
    page.locator("#id_password1").fill("een-lang-wachtwoord-42")
    page.locator("#id_password2").fill("een-lang-wachtwoord-42")
    page.get_by_role("button", name="Registreren").click()
    link = re.search(r"http://[^/]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(r"/start/$"))


def _start_and_choose_the_routes(page) -> None:
    """Start the portfolio and choose the routes (A1.1 + A2.4: the full portfolio)."""
    page.get_by_role("link", name="Mijn portfolio", exact=True).click()
    page.get_by_role("button", name="Portfolio starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A. Opleiding")
    assert axe_violations(page) == []
    page.locator("label", has_text="A1.1").click()
    page.locator("label", has_text="A2.4").click()
    page.get_by_role("button", name="Routes opslaan").click()
    expect(page.get_by_text("Je routes zijn opgeslagen.")).to_be_visible()


def _upload_evidence_for_a11(page, tmp_path) -> None:
    """Upload a PDF as evidence for A1.1."""
    pdf = tmp_path / "hbo-diploma.pdf"
    pdf.write_bytes(pdf_bytes())
    route = page.locator("section[id^='route-']").first
    route.get_by_label("Bestand (PDF, JPEG of PNG)").set_input_files(str(pdf))
    route.get_by_label("Datum van het document").fill("2019-07-01")
    route.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_text("hbo-diploma.pdf is geüpload.")).to_be_visible()


def _sign_b11(page) -> None:
    """Sign B1.1 with the thresholds."""
    page.get_by_role("link", name=re.compile(r"^B1\. Werkervaring")).click()
    declaration = page.locator("section[id^='declaration-']").first
    declaration.get_by_label("Jaren actief als uitvoerend jobcoach").fill("3")
    declaration.get_by_label("Uren beroepsgerichte werkervaring").fill("1500")
    declaration.get_by_label("Je volledige naam (als handtekening)").fill("Noor Vermeulen")
    declaration.get_by_label("Ik verklaar dat dit naar waarheid is ingevuld.").check()
    declaration.get_by_role("button", name="Ondertekenen").click()
    expect(page.get_by_text("Verklaring B1.1 is ondertekend.")).to_be_visible()


def _write_task_0(page) -> None:
    """Write task 0; the autosave survives a reload."""
    page.get_by_role("link", name=re.compile(r"^C1\. Procesbeschrijving")).click()
    assert axe_violations(page) == []
    box = page.locator("textarea").first
    box.fill("Ik sloot aan bij het tempo van mijn cliënt en stuurde bij waar nodig.")
    expect(page.get_by_text(re.compile(r"Opgeslagen om \d\d:\d\d")).first).to_be_visible()
    expect(page.locator(".word-count").first).to_have_text("14 woorden")
    expect(page.locator(".word-guide").first).to_have_text(
        "richtlijn: ongeveer 200 woorden, geen maximum"
    )
    page.reload()
    expect(page.locator("textarea").first).to_have_value(
        "Ik sloot aan bij het tempo van mijn cliënt en stuurde bij waar nodig."
    )


def _complete_and_submit(page):
    """Complete the rest (as the candidate would over weeks), then submit through the
    page. Returns the submitted portfolio."""
    user = User.objects.get(email="noor@example.nl")
    portfolio = Portfolio.objects.get(candidate=user)
    Answer.objects.filter(portfolio=portfolio).delete()
    portfolio.documents.all().delete()
    portfolio.signatures.all().delete()
    fill_portfolio(portfolio)
    page.reload()
    page.get_by_label("Ik dien mijn portfolio definitief in.").check()
    page.get_by_role("button", name="Definitief indienen").click()
    expect(page.get_by_text("Je portfolio is ingediend.")).to_be_visible()
    portfolio.refresh_from_db()
    assert portfolio.state == PortfolioState.SUBMITTED
    expect(page.locator("code.fingerprint").first).to_have_text(portfolio.snapshots.get().sha256)
    return portfolio
