"""Issue 14's fixes in the review, as a person meets them in a browser: the interview
cannot be recorded before its planned day and is dated on it (item 8), publishing and
copying a framework version ask first (item 9), a threshold cannot drift from the text
that states it (item 3), and the candidate's result page gives the date, a congratulation
or the next step (item 11). axe runs on every page visited."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from assessment.enums import Decision, ReviewState
from assessment.models import Interview
from profiles.enums import VersionStatus
from profiles.models import Declaration, FrameworkVersion
from profiles.services import copy_version_to_draft
from tests.browser.conftest import axe_violations, log_in
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import make_review


def _dutch_date(moment) -> str:
    with translation.override("nl"):
        return date_format(timezone.localtime(moment), "j F Y")


@pytest.mark.django_db(transaction=True)
def test_the_interview_is_recorded_only_from_its_day_and_dated_on_it(
    page, seeded_version, candidate, assessor, second_assessor, office
):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    world = make_review(
        state="interview_planned",
        portfolio=portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
    )
    interview = Interview.objects.get(review=world.review)
    url = reverse("assessment:interview", args=[world.first.pk])
    log_in(page, assessor)
    page.goto(url)
    # Before its day: said in Dutch, with the planned date; nothing can be filled in.
    expect(page.locator("#interview-not-yet")).to_have_text(
        "Je kunt het toetsgesprek vastleggen vanaf de geplande datum, "
        f"{_dutch_date(interview.scheduled_at)}."
    )
    expect(page.get_by_role("button", name="Gesprek vastleggen")).to_have_count(0)
    expect(page.get_by_label("Verslag per open vraag")).to_be_disabled()
    assert axe_violations(page) == []
    # Sent anyway (a kept form, a crafted post): refused with the rule, nothing recorded.
    page.evaluate(
        """() => {
          const form = document.querySelector('form[data-once]');
          form.querySelectorAll('[disabled]').forEach(e => e.removeAttribute('disabled'));
          form.querySelector('textarea').value = 'Te vroeg vastgelegd.';
          form.submit();
        }"""
    )
    expect(page.get_by_role("alert")).to_contain_text(
        "Het toetsgesprek kun je pas vastleggen vanaf de geplande datum."
    )
    interview.refresh_from_db()
    assert interview.held_at is None
    world.review.refresh_from_db()
    assert world.review.state == ReviewState.INTERVIEW_PLANNED

    # Held two days ago, recorded today: dated on its day, not on the recording day.
    held_on = timezone.now() - timedelta(days=2)
    Interview.objects.filter(pk=interview.pk).update(scheduled_at=held_on)
    page.goto(url)
    expect(page.locator("#interview-not-yet")).to_have_count(0)
    page.get_by_label("Verslag per open vraag").fill("C3.2: overtuigend voorbeeld gegeven.")
    for select in page.get_by_label(re.compile(r"^Eindscore ")).all():
        select.select_option(label="Aangetoond")
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_text("Het toetsgesprek is vastgelegd.")).to_be_visible()
    interview.refresh_from_db()
    assert interview.held_at == held_on


@pytest.mark.django_db(transaction=True)
def test_copying_and_publishing_a_version_ask_first(page, seeded_version, office):
    log_in(page, office)
    changelist = "/beheer/profiles/frameworkversion/"

    # Copying from the list's actions: a confirmation that says what comes, then back.
    page.goto(changelist)
    assert axe_violations(page) == []
    page.locator(f"input[name='_selected_action'][value='{seeded_version.pk}']").check()
    page.get_by_role("combobox", name=re.compile("Actie")).select_option(
        label="Kopiëren naar een nieuw concept"
    )
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kopiëren naar een nieuw concept?")
    expect(page.get_by_text("Er komt een nieuwe conceptversie 2 met een kopie")).to_be_visible()
    assert axe_violations(page) == []
    assert not FrameworkVersion.objects.filter(number=2).exists()
    page.get_by_role("link", name="Nee, terug").click()
    expect(page).to_have_url(re.compile(f"{changelist}$"))
    assert not FrameworkVersion.objects.filter(number=2).exists()

    # From the version's page: the button leads to the same question; yes copies.
    page.goto(f"/beheer/profiles/frameworkversion/{seeded_version.pk}/change/")
    expect(page.get_by_role("button", name="Publiceren…")).to_have_count(0)  # published
    page.get_by_role("button", name="Kopiëren naar een nieuw concept…").click()
    page.get_by_role("button", name="Ja, kopiëren").click()
    expect(
        page.get_by_text("Versie 1 van Register Jobcoach is gekopieerd naar conceptversie 2.")
    ).to_be_visible()
    draft = FrameworkVersion.objects.get(framework=seeded_version.framework, number=2)
    assert draft.status == VersionStatus.DRAFT

    # Publishing the draft: the question says it cannot be undone; no leaves it a draft.
    page.goto(f"/beheer/profiles/frameworkversion/{draft.pk}/change/")
    page.get_by_role("button", name="Publiceren…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versie publiceren?")
    expect(page.get_by_text("Dit kan niet ongedaan worden gemaakt.")).to_be_visible()
    assert axe_violations(page) == []
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    page.get_by_role("link", name="Nee, terug").click()
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    page.goto(f"/beheer/profiles/frameworkversion/{draft.pk}/change/")
    page.get_by_role("button", name="Publiceren…").click()
    page.get_by_role("button", name="Ja, publiceren").click()
    expect(
        page.get_by_text("Versie 2 van Register Jobcoach is gepubliceerd en ligt nu vast.")
    ).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("decision", [Decision.GRANTED, Decision.NOT_GRANTED])
def test_the_result_page_gives_the_date_and_what_comes_next(
    page, decision, seeded_version, candidate, assessor, second_assessor, office, settings
):
    settings.OFFICE_EMAIL = "bureau@example.nl"
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    world = make_review(
        state=ReviewState.DECIDED,
        portfolio=portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
        decision=decision,
    )
    log_in(page, candidate)
    page.get_by_role("link", name="Beoordeling en uitslag").click()
    label = "Toegekend" if decision == Decision.GRANTED else "Niet toegekend"
    expect(page.locator("#decision")).to_have_text(
        f"Besluit: {label}, genomen op {_dutch_date(world.review.decided_at)}."
    )
    next_step = page.locator("#next-step")
    if decision == Decision.GRANTED:
        expect(next_step.get_by_role("heading")).to_have_text("Gefeliciteerd!")
        expect(next_step).to_contain_text("Het bureau neemt je op in het register")
    else:
        expect(next_step.get_by_role("heading")).to_have_text("Wat je nu kunt doen")
        expect(next_step.get_by_role("link", name="bureau@example.nl")).to_have_attribute(
            "href", "mailto:bureau@example.nl"
        )
        expect(page.get_by_text("Gefeliciteerd")).to_have_count(0)
    expect(page.get_by_role("link", name="Rapport downloaden (PDF)")).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_new_threshold_beside_the_old_text_is_refused_at_the_text(page, seeded_version, office):
    # Item 3: the office lowers B1.1's hours in a draft but leaves "1.200 uur" in the
    # text the candidate signs; the admin refuses it where the text is.
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    declaration = Declaration.objects.get(section__version=draft, code="B1.1")
    log_in(page, office)
    page.goto(f"/beheer/profiles/declaration/{declaration.pk}/change/")
    page.get_by_label("Minimaal aantal uren").fill("1000")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    said = f"De tekst noemt {declaration.min_hours} uur, maar de drempel is 1000 uur."
    expect(page.locator(".field-statement .errorlist")).to_contain_text(said)
    assert axe_violations(page) == []
    declaration.refresh_from_db()
    assert declaration.min_hours != 1000
