"""Every number of the framework the candidate meets, set differently in a new version:
a portfolio on the new version obeys the new number, one on the old version the old.

The new version is made as the office makes it: copy to a draft, edit, publish.
"""

import io
import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from portfolio.selectors import portfolio_content, portfolio_progress
from portfolio.services import (
    PortfolioError,
    choose_routes,
    save_answer,
    sign_declaration,
    start_portfolio,
    upload_document,
)
from profiles.enums import DocumentAgeSeverity
from tests.factories.files import pdf_upload, upload
from tests.factories.versions import (
    publish_edited_copy,
    requirement,
    restate_case,
    restate_route,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A fixed local noon: every date below is measured from it.
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def on_two_versions(seeded_version, office, candidate, other_candidate):
    """`make(edit)` → (portfolio on v1, portfolio on the edited and published v2)."""

    def make(edit):
        old = start_portfolio(candidate=candidate, version=seeded_version)
        new_version = publish_edited_copy(seeded_version, actor=office, edit=edit)
        new = start_portfolio(candidate=other_candidate, version=new_version)
        return old, new

    return make


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _b1(portfolio):
    return portfolio.framework_version.sections.get(code="B1").declarations.get(code="B1.1")


def _sign_b1(portfolio, *, years, hours):
    user = portfolio.candidate
    return sign_declaration(
        portfolio=portfolio,
        declaration=_b1(portfolio),
        full_name=user.get_full_name(),
        signed_on=timezone.localdate(),
        confirmed=True,
        years=years,
        hours=hours,
        actor=user,
    )


def _edit_b1(**thresholds):
    def edit(draft):
        # The texts say what the thresholds say: publishing refuses a text that states
        # another number (profiles.stated_numbers).
        years, hours = thresholds.get("min_years"), thresholds.get("min_hours")
        parts = [f"Tenminste {years} jaar werkzaam als uitvoerend jobcoach" if years else ""]
        parts.append(f"{hours} uur beroepsgerichte werkervaring als jobcoach" if hours else "")
        text = " en ".join(p for p in parts if p) + "."
        draft.sections.get(code="B1").declarations.filter(code="B1.1").update(
            **thresholds, statement=text, criterion=text
        )

    return edit


def _page(portfolio, code) -> str:
    url = reverse("portfolio:section", args=[portfolio.pk, code])
    return _client(portfolio.candidate).get(url).content.decode()


@pytest.mark.django_db
def test_b1_min_years_is_obeyed_per_version(on_two_versions):
    old, new = on_two_versions(_edit_b1(min_years=3, min_hours=None))
    with pytest.raises(PortfolioError, match="minimaal 3 jaar"):
        _sign_b1(new, years=2, hours=None)
    signature = _sign_b1(new, years=3, hours=None)
    assert (signature.years, signature.hours) == (3, None)
    with pytest.raises(PortfolioError, match="minimaal 1200 uur"):
        _sign_b1(old, years=2, hours=None)
    assert _sign_b1(old, years=2, hours=1200).years == 2


@pytest.mark.django_db
def test_b1_min_hours_is_obeyed_per_version(on_two_versions):
    old, new = on_two_versions(_edit_b1(min_years=None, min_hours=1600))
    with pytest.raises(PortfolioError, match="minimaal 1600 uur"):
        _sign_b1(new, years=None, hours=1500)
    assert _sign_b1(new, years=None, hours=1600).hours == 1600
    assert _sign_b1(old, years=2, hours=1500).hours == 1500


@pytest.mark.django_db
def test_b1_thresholds_are_worded_from_the_numbers_present(on_two_versions):
    old, new = on_two_versions(_edit_b1(min_years=3, min_hours=None))
    new_page, old_page = _page(new, "B1"), _page(old, "B1")
    assert "Drempel: minimaal 3 jaar." in new_page
    assert "None" not in new_page
    assert "Drempel: minimaal 2 jaar en 1200 uur." in old_page
    _sign_b1(new, years=4, hours=None)
    assert "Opgegeven: 4 jaar." in _page(new, "B1")


def _case_problem(portfolio, start) -> list[str]:
    """The section-C to-dos after stating `start` as the case's start date."""
    question = portfolio.framework_version.sections.get(code="C").questions.get(code="C.2")
    answer = portfolio.answers.filter(question=question).first()
    save_answer(
        portfolio=portfolio,
        target=question,
        date_value=start,
        base_revision=answer.revision if answer else 0,
    )
    portfolio.refresh_from_db()
    progress = portfolio_progress(portfolio_content(portfolio))
    section = next(s for s in progress.sections if s.section.code == "C")
    return [m.text for m in section.missing if m.anchor == f"question-{question.pk}"]


@pytest.mark.django_db
def test_case_start_within_months_is_obeyed_per_version(on_two_versions):
    with time_machine.travel(NOON, tick=False):
        old, new = on_two_versions(
            lambda d: (
                type(d).objects.filter(pk=d.pk).update(case_start_within_months=12),
                restate_case(d, "afgelopen twee jaar gestart", "afgelopen 12 maanden gestart"),
            )
        )
        start = timezone.localdate() - relativedelta(months=18)
        assert _case_problem(old, start) == []
        assert _case_problem(new, start) == [
            (
                "Het begeleidingstraject moet in de afgelopen 12 maanden zijn gestart "
                "(op of na 15-06-2025)."
            )
        ]


@pytest.mark.django_db
def test_case_min_running_months_is_obeyed_per_version(on_two_versions):
    with time_machine.travel(NOON, tick=False):
        old, new = on_two_versions(
            lambda d: (
                type(d).objects.filter(pk=d.pk).update(case_min_running_months=3),
                restate_case(d, "een half jaar onderweg", "3 maanden onderweg"),
            )
        )
        start = timezone.localdate() - relativedelta(months=4)
        assert _case_problem(new, start) == []
        assert _case_problem(old, start) == [
            (
                "Het begeleidingstraject moet minimaal 6 maanden onderweg zijn "
                "(gestart op of voor 15-12-2025)."
            )
        ]


def _edit_route(level, number, restated=("", ""), **fields):
    """Change a route's data, and the text that states it (`restated`: old, new)."""

    def edit(draft):
        route = requirement(draft, level, number)
        type(route).objects.filter(pk=route.pk).update(**fields)
        if restated[0]:
            restate_route(route, *restated)

    return edit


def _choose(portfolio, basic=1, supplementary=5, **diploma):
    version = portfolio.framework_version
    return choose_routes(
        portfolio=portfolio,
        basic_route=requirement(version, "basic", basic),
        supplementary_route=requirement(version, "supplementary", supplementary),
        **diploma,
    )


def _upload(portfolio, level, number, *, document_date, study_hours=None, uploaded=None):
    return upload_document(
        portfolio=portfolio,
        target=requirement(portfolio.framework_version, level, number),
        uploaded=uploaded or pdf_upload("evc-rapportage.pdf"),
        document_date=document_date,
        study_hours=study_hours,
        actor=portfolio.candidate,
    )


def _route_progress(portfolio):
    portfolio.refresh_from_db()
    progress = portfolio_progress(portfolio_content(portfolio))
    return next(s for s in progress.sections if s.section.code == "A")


@pytest.mark.django_db
def test_max_document_age_months_is_obeyed_per_version(on_two_versions):
    with time_machine.travel(NOON, tick=False):
        old, new = on_two_versions(
            _edit_route(
                "basic",
                2,
                ("twee jaar oud", "12 maanden oud"),
                max_document_age_months=12,
            )
        )
        for portfolio in (old, new):
            _choose(portfolio, basic=2)
        eighteen_months_ago = date(2024, 12, 15)
        with pytest.raises(PortfolioError) as refused:
            _upload(new, "basic", 2, document_date=eighteen_months_ago, study_hours=None)
        assert str(refused.value) == (
            "evc-rapportage.pdf is ouder dan 12 maanden (gedateerd 15-12-2024; op 15-06-2026 "
            "mag het niet van voor 15-06-2025 zijn); het kader vraagt een recenter document."
        )
        assert not new.documents.exists()
        _upload(old, "basic", 2, document_date=eighteen_months_ago)
        assert _route_progress(old).warnings == []


@pytest.mark.django_db
def test_document_age_severity_is_obeyed_per_version(on_two_versions):
    with time_machine.travel(NOON, tick=False):
        old, new = on_two_versions(
            _edit_route("basic", 2, document_age_severity=DocumentAgeSeverity.WARNING)
        )
        for portfolio in (old, new):
            _choose(portfolio, basic=2)
        thirty_months_ago = date(2023, 12, 15)
        with pytest.raises(PortfolioError, match="is ouder dan 24 maanden"):
            _upload(old, "basic", 2, document_date=thirty_months_ago)
        _upload(new, "basic", 2, document_date=thirty_months_ago)
        section = _route_progress(new)
        assert section.warnings == [
            (
                "evc-rapportage.pdf is ouder dan 24 maanden (gedateerd 15-12-2023; op "
                "15-06-2026 mag het niet van voor 15-06-2024 zijn); het kader vraagt een "
                "recenter document."
            )
        ]
        route = requirement(new.framework_version, "basic", 2)
        assert not [m for m in section.missing if m.anchor == f"route-{route.pk}"]


@pytest.mark.django_db
def test_diploma_window_and_providers_are_obeyed_per_version(on_two_versions):
    old, new = on_two_versions(
        _edit_route(
            "supplementary",
            1,
            accepted_providers=["Sara Werkt", "Nieuwe Opleider"],
            diploma_earliest=date(2020, 1, 1),
        )
    )
    stated = {"diploma_date": date(2021, 3, 3), "diploma_provider": "nieuwe  opleider"}
    _choose(new, supplementary=1, **stated)
    new.refresh_from_db()
    assert (new.diploma_date, new.diploma_provider) == (date(2021, 3, 3), "Nieuwe Opleider")
    with pytest.raises(PortfolioError) as refused:
        _choose(old, supplementary=1, **stated)
    assert str(refused.value) == (
        "Voor A2.1 moet het diploma van Sara Werkt zijn en behaald op of na 1 september 2022; "
        "je diploma is van nieuwe opleider en behaald op 3 maart 2021."
    )
    old.refresh_from_db()
    assert (old.supplementary_route, old.diploma_date, old.diploma_provider) == (None, None, "")


@pytest.mark.django_db
def test_diploma_latest_date_is_obeyed_per_version(on_two_versions):
    old, new = on_two_versions(_edit_route("supplementary", 4, diploma_latest=date(2014, 12, 31)))
    _choose(new, supplementary=4, diploma_date=date(2013, 6, 1))
    with pytest.raises(PortfolioError) as refused:
        _choose(old, supplementary=4, diploma_date=date(2013, 6, 1))
    assert str(refused.value) == (
        "Voor A2.4 moet het diploma behaald zijn op of voor 31 december 2012; "
        "je diploma is behaald op 1 juni 2013."
    )


@pytest.mark.django_db
def test_min_study_hours_is_obeyed_per_version(on_two_versions):
    old, new = on_two_versions(
        _edit_route("supplementary", 5, ("98 uur", "120 uur"), min_study_hours=120)
    )
    for portfolio in (old, new):
        _choose(portfolio)
        _upload(portfolio, "supplementary", 5, document_date=date(2024, 3, 1), study_hours=100)
    route = requirement(new.framework_version, "supplementary", 5)
    assert [m.text for m in _route_progress(new).missing if m.anchor == f"route-{route.pk}"] == [
        "Voor A2.5 zijn minimaal 120 studie-uren nodig; je documenten tonen er 100."
    ]
    old_route = requirement(old.framework_version, "supplementary", 5)
    assert [m for m in _route_progress(old).missing if m.anchor == f"route-{old_route.pk}"] == []
    assert _route_progress(old).done == 1  # A2.5 (A1.1 has no upload here)


@pytest.mark.django_db
def test_word_guide_is_obeyed_per_version(on_two_versions):
    def edit(draft):
        draft.sections.get(code="C1").criteria.filter(number=0).update(word_guide=300)

    old, new = on_two_versions(edit)
    criterion = new.framework_version.sections.get(code="C1").criteria.get(number=0)
    new_page = _page(new, "C1")
    assert f'id="input-criterion-{criterion.pk}"' in new_page
    assert 'data-word-guide="300"' in new_page
    assert "richtlijn: ongeveer 300 woorden, geen maximum" in new_page
    old_page = _page(old, "C1")
    assert 'data-word-guide="300"' not in old_page
    assert "richtlijn: ongeveer 200 woorden, geen maximum" in old_page


def _png_of_about(megabytes: float):
    """A valid PNG of noise (which PNG cannot compress), of about `megabytes` MB."""
    side = int((megabytes * 1_000_000 / 3) ** 0.5)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return upload("diploma.png", buffer.getvalue(), "image/png")


@pytest.mark.django_db
def test_upload_max_mb_is_obeyed_per_version(on_two_versions):
    old, new = on_two_versions(lambda d: type(d).objects.filter(pk=d.pk).update(upload_max_mb=1))
    for portfolio in (old, new):
        _choose(portfolio)
    with pytest.raises(Exception, match=r"het maximum is 1 MB\.") as refused:
        _upload(new, "basic", 1, document_date=date(2020, 6, 30), uploaded=_png_of_about(1.5))
    assert type(refused.value).__name__ == "ValidationError"
    assert not new.documents.exists()
    document = _upload(
        old, "basic", 1, document_date=date(2020, 6, 30), uploaded=_png_of_about(1.5)
    )
    assert document.size > 1_000_000
