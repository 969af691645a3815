import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessment.models import Review
from tests.assessment.helpers import score_everything
from tests.browser.conftest import axe_violations, log_in
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import let_interview_day_come


def _login(chromium_browser, live_server, user):
    context = chromium_browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, user)  # assessors and the office: then the authenticator code
    return page


@pytest.mark.django_db(transaction=True)
def test_office_assessors_and_candidate_go_through_the_review(
    chromium_browser, live_server, seeded_version, candidate, assessor, second_assessor, office
):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    bureau = _login(chromium_browser, live_server, office)
    _office_assigns_two_assessors(bureau, assessor, second_assessor)
    first_page = _login(chromium_browser, live_server, assessor)
    review = _first_assessor_declares_and_scores(first_page, portfolio, assessor)
    second_page = _login(chromium_browser, live_server, second_assessor)
    _second_assessor_scores_and_agrees(second_page, review, second_assessor, seeded_version)
    _office_plans_the_interview(bureau)
    _first_assessor_records_the_interview(first_page)

    # The office decides; the report is made.
    bureau.reload()
    expect(bureau.get_by_text("Volgens de regel: toekennen")).to_be_visible()
    bureau.get_by_label("Toegekend", exact=True).check()
    bureau.get_by_role("button", name="Besluit vastleggen").click()
    expect(bureau.get_by_text("Het besluit is vastgelegd")).to_be_visible()

    # The candidate downloads the report.
    kandidaat = _login(chromium_browser, live_server, candidate)
    kandidaat.get_by_role("link", name="Beoordeling en uitslag").click()
    expect(kandidaat.get_by_text("Toegekend", exact=True)).to_be_visible()
    href = kandidaat.get_by_role("link", name="Rapport downloaden (PDF)").get_attribute("href")
    response = kandidaat.request.get(href)
    assert response.status == 200
    assert response.body().startswith(b"%PDF-")
    for p in (bureau, first_page, second_page, kandidaat):
        p.context.close()


def _office_assigns_two_assessors(bureau, assessor, second_assessor) -> None:
    """The office assigns two assessors from the queue."""
    bureau.get_by_role("link", name="Wachtrij", exact=True).click()
    assert axe_violations(bureau) == []
    bureau.get_by_role("link", name="Toewijzen").click()
    bureau.get_by_label("Eerste assessor").select_option(label=str(assessor))
    bureau.get_by_label("Tweede assessor").select_option(label=str(second_assessor))
    bureau.get_by_role("button", name="Toewijzen").click()
    expect(bureau.get_by_text("De assessoren zijn toegewezen en ingelicht.")).to_be_visible()


def _first_assessor_declares_and_scores(first_page, portfolio, assessor):
    """The first assessor declares no conflict and scores everything (one through the
    page), then submits. Returns the review."""
    first_page.get_by_role("link", name="Mijn beoordelingen", exact=True).click()
    first_page.get_by_role("link", name="Verklaring belangenconflict").click()
    first_page.get_by_label("Nee, ik heb geen belangenconflict").check()
    first_page.get_by_role("button", name="Verklaring vastleggen").click()
    expect(first_page.get_by_role("heading", name="Criteria")).to_be_visible()
    assert axe_violations(first_page) == []
    card = first_page.locator("article[id^='criterion-']").first
    card.get_by_label("Aangetoond", exact=True).check()
    card.get_by_label("Motivering").fill("Duidelijk beschreven hoe de cliënt regie kreeg.")
    expect(card.get_by_text("Opgeslagen")).to_be_visible()
    review = Review.objects.get(portfolio=portfolio)
    first = review.assignments.get(assessor=assessor)
    score_everything(first, assessor)
    first_page.reload()
    first_page.get_by_role("button", name="Beoordeling indienen").click()
    expect(first_page.get_by_text("Je beoordeling is ingediend.")).to_be_visible()
    return review


def _second_assessor_scores_and_agrees(second_page, review, second_assessor, version) -> None:
    """The second assessor cannot see the first's scores; scores one criterion
    differently, compares, and records the joint verdict (C3.2 to the interview)."""
    second_page.get_by_role("link", name="Mijn beoordelingen", exact=True).click()
    second_page.get_by_role("link", name="Verklaring belangenconflict").click()
    second_page.get_by_label("Nee, ik heb geen belangenconflict").check()
    second_page.get_by_role("button", name="Verklaring vastleggen").click()
    expect(second_page.get_by_text("Motivering bij C1.0:")).to_have_count(0)
    second = review.assignments.get(assessor=second_assessor)
    score_everything(second, second_assessor, overrides={"C3.2": "toelichten"})
    second_page.reload()
    second_page.get_by_role("button", name="Beoordeling indienen").click()
    second_page.get_by_role("link", name="Vergelijking en gezamenlijk oordeel").click()
    assert axe_violations(second_page) == []
    expect(second_page.locator("tr.table-warning")).to_have_count(1)
    expect(second_page.locator("#questions")).to_contain_text("C3.2")
    c32 = version.sections.get(code="C3").criteria.get(number=2)
    second_page.locator(f"#option-{c32.pk}").select_option(label="Toelichten in toetsgesprek")
    second_page.locator(f"#reason-{c32.pk}").fill("Voorbeeld vragen in het gesprek.")
    second_page.get_by_role("button", name="Gezamenlijk oordeel vastleggen").click()
    expect(second_page.get_by_text("Het gezamenlijke oordeel is vastgelegd.")).to_be_visible()


def _office_plans_the_interview(bureau) -> None:
    """The office plans the interview a week ahead."""
    bureau.reload()
    bureau.get_by_role("link", name="Details").click()
    when = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT10:00")
    bureau.get_by_label("Datum en tijd").fill(when)
    bureau.get_by_label("Plaats").fill("Utrecht")
    bureau.get_by_role("button", name="Plannen en uitnodigen").click()
    expect(bureau.get_by_text("Het toetsgesprek is gepland")).to_be_visible()
    # Recording it is refused before its day: the day comes.
    let_interview_day_come(Review.objects.get())


def _first_assessor_records_the_interview(first_page) -> None:
    """The first assessor records the interview, with the final score of C3.2."""
    first_page.reload()
    first_page.get_by_role("link", name="Toetsgesprek").click()
    first_page.get_by_label("Verslag per open vraag").fill("C3.2: overtuigend voorbeeld.")
    first_page.get_by_label(re.compile("Eindscore C3.2")).select_option(label="Aangetoond")
    first_page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(first_page.get_by_text("Het toetsgesprek is vastgelegd.")).to_be_visible()
