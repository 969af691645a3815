"""The office opens the quality dashboard: three labelled SVG charts, each with its table,
no script of its own, axe-clean."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from profiles.models import Criterion
from quality import demo
from tests.browser.conftest import axe_violations, log_in


@pytest.mark.django_db(transaction=True)
def test_office_sees_the_charts_and_their_tables(
    page, seeded_version, office, assessor, second_assessor
):
    options = {o.code: o for o in seeded_version.score_options.all()}
    criteria = list(seeded_version.sections.get(code="C1").criteria.order_by("number")[:2])
    for i, candidate in enumerate(demo.candidates("b", 6)):
        demo.scored_review(
            version=seeded_version,
            candidate=candidate,
            first=assessor,
            second=second_assessor,
            when=timezone.now(),
            scorings=[
                demo.Scoring(
                    c,
                    options["aangetoond"],
                    options["toelichten" if i % 2 else "aangetoond"],
                    options["aangetoond"],
                )
                for c in criteria
            ],
        )
    log_in(page, office)
    page.goto("/beoordeling/kwaliteit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kwaliteit van het beoordelen")
    for chart, table in (
        ("heatmap", "heatmap-table"),
        ("strictness", "assessor-table"),
        ("drift", "drift-table"),
    ):
        svg = page.locator(f"svg#{chart}")
        expect(svg).to_be_visible()
        expect(svg).to_have_attribute("role", "img")
        assert svg.locator("title").first.text_content().strip()
        # Labelled: its accessible name is its title and description (aria-labelledby).
        expect(svg).to_have_accessible_name(re.compile(r"\w{3,}.*\w{3,}", re.S))
        figure = page.locator(f"#{chart}-figure")
        expect(figure.locator("figcaption")).not_to_be_empty()
        expect(page.locator(f"table#{table} caption")).not_to_be_empty()
    # The numbers are drawn (a cell per criterion and quarter) and tabled alike.
    expect(page.locator("svg#heatmap rect")).not_to_have_count(0)
    criteria_count = Criterion.objects.filter(section__version=seeded_version).count()
    expect(page.locator("table#heatmap-table tbody tr")).to_have_count(criteria_count)
    # The table alternative holds the same rows as the chart: one per assessor.
    expect(page.locator("table#assessor-table tbody tr")).to_have_count(2)
    expect(page.locator("table#drift-table tbody tr")).to_have_count(2)
    expect(page.locator("svg#drift polyline")).to_have_count(2)
    assert page.locator("main script").count() == 0
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_an_assessor_scores_a_calibration_case_as_a_review(page, seeded_version, office, assessor):
    """The review's scoring page (autosave as there), submitted, then the reference."""
    from portfolio.models import Snapshot  # noqa: PLC0415 - test-local
    from quality.models import CalibrationCase, CalibrationReference  # noqa: PLC0415 - test-local

    candidate = demo.candidates("kal", 1)[0]
    portfolio = demo.scored_review(
        version=seeded_version,
        candidate=candidate,
        first=office,
        second=assessor,
        when=timezone.now(),
        scorings=[],
    ).portfolio
    criteria = list(seeded_version.sections.get(code="C1").criteria.order_by("order", "pk")[:2])
    Snapshot.objects.filter(portfolio=portfolio).update(
        content={
            "sections": [
                {
                    "code": "C1",
                    "entries": [
                        {
                            "code": criteria[0].code,
                            "kind": "answer",
                            "text": f"Ik, {candidate.get_full_name()}, bel 06-12345678.",
                        }
                    ],
                }
            ]
        }
    )
    case = CalibrationCase.objects.create(
        portfolio=portfolio, title="Casus A", consent_note="Demodata", created_by=office
    )
    met = seeded_version.score_options.get(code="aangetoond")
    for criterion in criteria:
        CalibrationReference.objects.create(
            case=case, criterion=criterion, option=met, motivation="Zo staat het er."
        )
    log_in(page, assessor)
    page.goto(f"/beoordeling/kwaliteit/kalibratie/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalibratieronde: Casus A")
    expect(page.get_by_text("Ik, [naam], bel [telefoonnummer].")).to_be_visible()
    assert axe_violations(page) == []
    for card in page.locator("article[id^='criterion-']").all():
        card.get_by_label("Motivering").fill("Het voorbeeld laat het zien.")
        card.get_by_label("Aangetoond", exact=True).check()  # saves the form, both fields
        expect(card.get_by_text("Opgeslagen")).to_be_visible()
    page.get_by_role("button", name="Kalibratieronde indienen").click()
    expect(page.get_by_text("Je kalibratieronde is ingediend.")).to_be_visible()
    expect(page.locator("table#calibration-result tbody tr")).to_have_count(2)
    expect(page.get_by_text("Zo staat het er.").first).to_be_visible()
    assert axe_violations(page) == []
