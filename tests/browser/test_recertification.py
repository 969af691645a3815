"""Recertification end to end in a real browser: the office builds a small
recertification framework through the admin's pages (clicking, no fixture), records
its provenance and publishes it; a job coach whose registration expires in 3 months
starts it from /mijn-registratie/ and sees the development plan of the previous
certification beside the question; assessed by one assessor without an interview and
granted, the public verification page shows the new date.

Every step goes through the pages: the assessor logs in with the authenticator code,
declares no conflict of interest, scores every item of the recertification's own shape
(its declarations and its one criterion: no sections A–E, no interview question) and
submits; the office then decides on its page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from assessment.enums import ReviewState
from portfolio.models import Portfolio, Snapshot
from profiles.models import FrameworkVersion, Section
from register import rules
from register.models import Registration
from tests.browser.conftest import log_in
from tests.factories.registrations import granted_registration

NAME = "Hercertificering Register Jobcoach"
HOURS = "Ik verklaar dat ik in de afgelopen vier jaar minimaal 2.000 uur als jobcoach heb gewerkt."


def _save(page, *, stay: bool = False) -> None:
    page.locator('input[name="_continue"]' if stay else 'input[name="_save"]').click()
    expect = _expect()
    expect(page.locator(".errornote")).to_have_count(0)


def _expect():
    from playwright.sync_api import expect  # noqa: PLC0415 - optional at import

    return expect


def _add_row(page, prefix: str, values: dict) -> None:
    """Click the inline's "add another" link and fill the new row's fields."""
    rows = page.locator(f"#{prefix}-group .dynamic-{prefix}")
    index = rows.count()
    page.locator(f"#{prefix}-group .add-row a").click()
    for field, value in values.items():
        name = f"{prefix}-{index}-{field}"
        box = page.locator(f'[name="{name}"]')
        if isinstance(value, bool):
            box.set_checked(value)
        elif box.evaluate("e => e.tagName") == "SELECT":
            box.select_option(value)
        else:
            box.fill(str(value))


def _build_framework(page) -> FrameworkVersion:
    page.goto("/beheer/profiles/framework/add/")
    page.fill('input[name="name"]', NAME)
    page.fill('input[name="slug"]', "hercertificering")
    page.select_option('select[name="kind"]', "recertification")
    _save(page)
    page.goto("/beheer/profiles/frameworkversion/add/")
    page.select_option('select[name="framework"]', label=NAME)
    page.fill('input[name="number"]', "1")
    page.fill('input[name="title"]', "Hercertificering Register Jobcoach 2027")
    page.select_option('select[name="assessor_count"]', "1")
    page.uncheck('input[name="has_interview"]')
    page.fill('input[name="recertification_window_months"]', "12")
    _add_row(
        page, "score_options", {"code": "aangetoond", "label": "Aangetoond", "counts_as_met": True}
    )
    _add_row(
        page, "score_options", {"order": 1, "code": "niet_aangetoond", "label": "Niet aangetoond"}
    )
    for order, (code, title) in enumerate(
        [("U", "Werkervaring"), ("O", "Ontwikkeling"), ("E", "Verklaringen")]
    ):
        _add_row(page, "sections", {"order": order, "code": code, "title": title})
    _save(page)
    version = FrameworkVersion.objects.get(framework__name=NAME)
    sections = {s.code: s.pk for s in Section.objects.filter(version=version)}
    page.goto(f"/beheer/profiles/section/{sections['U']}/change/")
    _add_row(
        page,
        "declarations",
        {"code": "U.1", "criterion": HOURS, "statement": HOURS, "min_years": 4, "min_hours": 2000},
    )
    _save(page)
    page.goto(f"/beheer/profiles/section/{sections['O']}/change/")
    _add_row(
        page,
        "questions",
        {
            "code": "O.1",
            "shows_previous": "D.3",
            "text": "Wat heb je bereikt van de doelen in je ontwikkelplan?",
        },
    )
    _add_row(page, "criteria", {"number": 1, "title": "Professionele ontwikkeling met uren."})
    _save(page)
    page.goto(f"/beheer/profiles/section/{sections['E']}/change/")
    statement = "Ik houd mij aan de gedragscode van het Register Jobcoach."
    _add_row(page, "declarations", {"code": "E.1", "criterion": statement, "statement": statement})
    _save(page)
    for action in ("record_office_provenance", "publish"):
        page.goto("/beheer/profiles/frameworkversion/")
        page.locator(f'input[name="_selected_action"][value="{version.pk}"]').check()
        page.select_option('select[name="action"]', action)
        page.locator('button[name="index"]').click()
    page.get_by_role("button", name="Ja, publiceren").click()
    _expect()(page.locator(".messagelist")).to_contain_text("is gepubliceerd")
    version.refresh_from_db()
    return version


@pytest.fixture
def registered(seeded_version, candidate, assessor, second_assessor, office):
    """Certified on the initial framework (its sealed snapshot holds the development
    plan), the registration expiring in 3 months."""
    granted_registration(
        version=seeded_version,
        candidate=candidate,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
    )
    until = rules.add_months(timezone.localdate(), 3)
    Registration.objects.filter(candidate=candidate).update(valid_until=until)
    return Registration.objects.get(candidate=candidate)


def _sign(page, code: str, name: str, **numbers) -> None:
    declaration = page.locator("section[id^='declaration-']", has_text=code).first
    if "years" in numbers:
        declaration.get_by_label("Jaren actief als uitvoerend jobcoach").fill(numbers["years"])
        declaration.get_by_label("Uren beroepsgerichte werkervaring").fill(numbers["hours"])
    declaration.get_by_label("Je volledige naam (als handtekening)").fill(name)
    declaration.get_by_label("Ik verklaar dat dit naar waarheid is ingevuld.").check()
    declaration.get_by_role("button", name="Ondertekenen").click()
    _expect()(page.get_by_text(f"Verklaring {code} is ondertekend.")).to_be_visible()


def _complete_and_submit(page, portfolio, name: str) -> None:
    """The job coach signs, writes (autosaved) and submits through the pages."""
    expect = _expect()
    page.goto(f"/portfolio/{portfolio.pk}/onderdeel/U/")
    _sign(page, "U.1", name, years="5", hours="2400")
    page.goto(f"/portfolio/{portfolio.pk}/onderdeel/O/")
    texts = [
        "Ik volgde de scholing motiverende gespreksvoering en werk nu met intervisie.",
        "Scholing motiverende gespreksvoering (16 uur), intervisie (24 uur).",
    ]
    for box, text in zip(page.locator("textarea").all(), texts, strict=True):
        box.fill(text)
    expect(page.get_by_text(re.compile(r"Opgeslagen om \d\d:\d\d"))).to_have_count(2)
    page.goto(f"/portfolio/{portfolio.pk}/onderdeel/E/")
    _sign(page, "E.1", name)
    page.goto(f"/portfolio/{portfolio.pk}/indienen/")
    page.get_by_label("Ik dien mijn portfolio definitief in.").check()
    page.get_by_role("button", name="Definitief indienen").click()
    expect(page.get_by_text("Je portfolio is ingediend.")).to_be_visible()


def _assess_through_the_pages(chromium_browser, live_server, assessor, assignment) -> None:
    """The one assessor logs in (password, then the authenticator code), declares no
    conflict of interest, scores every item of the scoring page and submits."""
    expect = _expect()
    context = chromium_browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, assessor)
    page.get_by_role("link", name="Mijn beoordelingen", exact=True).click()
    page.get_by_role("link", name="Verklaring belangenconflict").click()
    page.get_by_label("Nee, ik heb geen belangenconflict").check()
    page.get_by_role("button", name="Verklaring vastleggen").click()
    expect(page).to_have_url(re.compile(rf"/beoordeling/toewijzing/{assignment.pk}/$"))
    # The recertification's shape: its two declarations and O's one criterion, no
    # interview to prepare (one assessor, no toetsgesprek) and no comparison to come.
    items = page.locator("[data-score-item]")
    expect(items).to_have_count(3)
    expect(page.locator('textarea[name="interview_question"]')).to_have_count(0)
    expect(page.get_by_text("vrijgestelde route")).to_have_count(0)
    for index in range(items.count()):
        item = items.nth(index)
        item.locator('textarea[name="motivation"]').fill("Aangetoond met de ingediende uren.")
        item.get_by_label(re.compile(r"^(Aangetoond|Voldaan)$")).check()
        expect(item.get_by_text("Opgeslagen")).to_be_visible()
    expect(page.locator("#missing-scores")).to_have_count(0)
    page.reload()  # the motivations autosaved too
    expect(page.locator('textarea[name="motivation"]').first).to_have_value(
        "Aangetoond met de ingediende uren."
    )
    page.get_by_role("button", name="Beoordeling indienen").click()
    expect(page.get_by_text("Je beoordeling is ingediend.")).to_be_visible()
    expect(page.get_by_role("link", name="Vergelijking en gezamenlijk oordeel")).to_have_count(0)
    context.close()


def _development_plan(registration) -> str:
    sealed = Snapshot.objects.get(portfolio=registration.review.portfolio)
    return next(
        e["text"] for s in sealed.content["sections"] for e in s["entries"] if e["code"] == "D.3"
    )


@pytest.mark.django_db(transaction=True)
def test_the_office_builds_a_recertification_and_a_coach_is_renewed(
    page, chromium_browser, live_server, registered, office, assessor
):
    expect = _expect()
    log_in(page, office)
    version = _build_framework(page)
    assert version.is_published
    assert version.assessor_count == 1
    assert not version.has_interview

    coach_context = chromium_browser.new_context(base_url=live_server.url, locale="nl-NL")
    coach_page = coach_context.new_page()
    log_in(coach_page, registered.candidate)
    coach_page.goto("/mijn-registratie/")
    coach_page.get_by_role("button", name="Hercertificering starten").click()
    expect(coach_page).to_have_url(re.compile(r"/portfolio/\d+/$"))
    portfolio = Portfolio.objects.get(framework_version=version)
    coach_page.goto(f"/portfolio/{portfolio.pk}/onderdeel/O/")
    previous = coach_page.locator('aside[data-previous="D.3"]')
    expect(previous).to_contain_text(_development_plan(registered).split("\n")[0][:60])

    _complete_and_submit(coach_page, portfolio, registered.candidate.get_full_name())
    coach_context.close()  # its connections to the live server end here

    # The office assigns the one assessor the framework asks for, on the queue's page.
    page.goto(f"/beoordeling/wachtrij/{portfolio.pk}/toewijzen/")
    expect(page.locator('select[name="second"]')).to_have_count(0)
    page.select_option('select[name="first"]', str(assessor.pk))
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_text("De assessoren zijn toegewezen en ingelicht.")).to_be_visible()
    review = portfolio.review
    (only,) = review.assignments.all()
    _assess_through_the_pages(chromium_browser, live_server, assessor, only)
    review.refresh_from_db()
    assert review.state == ReviewState.AGREED  # one assessor: no comparison, no interview
    assert only.assessments.get().scores.count() == 3  # U.1, E.1 and O's one criterion
    old_until = registered.valid_until

    # The office decides at once (no interview to plan).
    page.goto(f"/beoordeling/wachtrij/{portfolio.pk}/toewijzen/")
    expect(page.get_by_role("heading", name="Toetsgesprek plannen")).to_have_count(0)
    expect(page.get_by_text("Volgens de regel: toekennen")).to_be_visible()
    page.get_by_label("Toegekend", exact=True).check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd")).to_be_visible()
    review.refresh_from_db()
    assert review.state == ReviewState.DECIDED

    new_until = rules.valid_until(old_until + timedelta(days=1), months=48)
    page.goto(f"/verifieer/{registered.number}/")
    expect(page.locator("#verification")).to_contain_text("geldig")
    expect(page.locator("main")).to_contain_text(date_format(new_until, "j F Y"))
