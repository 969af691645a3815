"""The routes' own rules: the A2 diploma windows, the documents' age, and the periods
measured once, on the date of the first submission."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from audit.enums import AuditAction
from audit.models import AuditEntry
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio
from portfolio.services import (
    IncompletePortfolio,
    PortfolioError,
    choose_routes,
    reopen_for_additions,
    save_answer,
    submit_portfolio,
    upload_document,
)
from tests.factories.files import pdf_upload
from tests.factories.portfolios import fill_portfolio, fitting_diploma
from tests.factories.versions import requirement

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FIRST_SUBMISSION = datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)
A21_WINDOW = "Voor A2.1 moet het diploma van Sara Werkt zijn en behaald op of na 1 september 2022"


def _routes(portfolio, basic, supplementary, **diploma):
    version = portfolio.framework_version
    return choose_routes(
        portfolio=portfolio,
        basic_route=requirement(version, "basic", basic),
        supplementary_route=requirement(version, "supplementary", supplementary),
        **diploma,
    )


def _fitting(portfolio, a2_number) -> dict:
    route = requirement(portfolio.framework_version, "supplementary", a2_number)
    return fitting_diploma(route, timezone.localdate())


def _missing(portfolio) -> list[str]:
    with pytest.raises(IncompletePortfolio) as refused:
        submit_portfolio(portfolio=portfolio, actor=portfolio.candidate)
    return [m.text for _section, m in refused.value.missing]


@pytest.mark.django_db
def test_a2_1_refuses_a_2019_diploma_and_saves_nothing(portfolio):
    with pytest.raises(PortfolioError) as refused:
        _routes(portfolio, 1, 1, diploma_date=date(2019, 3, 3), diploma_provider="Sara Werkt")
    assert str(refused.value) == f"{A21_WINDOW}; je diploma is behaald op 3 maart 2019."
    with pytest.raises(PortfolioError) as refused:
        _routes(portfolio, 1, 3, diploma_date=date(2014, 1, 1), diploma_provider="Capabel")
    assert str(refused.value) == (
        "Voor A2.3 moet het diploma van Combo, Elan of Saxion zijn en behaald op of na "
        "1 augustus 2013; je diploma is van Capabel."
    )
    portfolio.refresh_from_db()
    assert (portfolio.supplementary_route, portfolio.diploma_date) == (None, None)
    chosen = AuditEntry.objects.filter(portfolio_id=portfolio.pk, action=AuditAction.ROUTES_CHOSEN)
    assert not chosen.exists()


@pytest.mark.django_db
def test_the_window_edges_are_as_the_fixture_reads_the_source(portfolio):
    with pytest.raises(PortfolioError, match="31 augustus 2022"):
        _routes(portfolio, 1, 1, diploma_date=date(2022, 8, 31), diploma_provider="Sara Werkt")
    _routes(portfolio, 1, 1, diploma_date=date(2022, 9, 1), diploma_provider="Sara Werkt")
    _routes(portfolio, 1, 4, diploma_date=date(2012, 12, 31))
    with pytest.raises(PortfolioError, match="op of voor 31 december 2012"):
        _routes(portfolio, 1, 4, diploma_date=date(2013, 1, 1))
    with pytest.raises(PortfolioError, match="ligt in de toekomst"):
        _routes(
            portfolio,
            1,
            1,
            diploma_date=timezone.localdate() + timedelta(days=1),
            diploma_provider="Sara Werkt",
        )


@pytest.mark.django_db
def test_submission_is_refused_while_the_diploma_does_not_fit(complete_portfolio):
    portfolio = complete_portfolio
    _routes(portfolio, 1, 1)  # chosen without stating the diploma: "not yet"
    assert f"{A21_WINDOW}. Vul de datum en de opleider van je diploma in." in _missing(portfolio)
    # A statement from before the windows were enforced (or changed behind the service).
    Portfolio.objects.filter(pk=portfolio.pk).update(
        diploma_date=date(2019, 3, 3), diploma_provider="Sara Werkt"
    )
    assert f"{A21_WINDOW}; je diploma is behaald op 3 maart 2019." in _missing(portfolio)
    portfolio.refresh_from_db()
    assert portfolio.state == PortfolioState.DRAFT
    Portfolio.objects.filter(pk=portfolio.pk).update(diploma_date=date(2023, 6, 30))
    upload_document(
        portfolio=portfolio,
        target=requirement(portfolio.framework_version, "supplementary", 1),
        uploaded=pdf_upload("jobcoach-diploma.pdf"),
        document_date=date(2023, 6, 30),
        study_hours=None,
        actor=portfolio.candidate,
    )
    snapshot = submit_portfolio(portfolio=portfolio, actor=portfolio.candidate)
    section_a = next(s for s in snapshot.content["sections"] if s["code"] == "A")
    assert {"kind": "diploma", "code": "A2.1", "date": "2023-06-30", "provider": "Sara Werkt"} in (
        section_a["entries"]
    )


@pytest.mark.django_db
def test_the_route_form_states_the_diploma_and_names_the_window(portfolio, candidate_client):
    version = portfolio.framework_version
    a21 = requirement(version, "supplementary", 1)
    url = reverse("portfolio:choose_routes", args=[portfolio.pk])
    data = {
        "basic_route": requirement(version, "basic", 1).pk,
        "supplementary_route": a21.pk,
        "diploma_date": "2019-03-03",
        "diploma_provider": "Sara Werkt",
    }
    page = candidate_client.post(url, data, follow=True).content.decode()
    assert f"{A21_WINDOW}; je diploma is behaald op 3 maart 2019." in page
    portfolio.refresh_from_db()
    assert portfolio.supplementary_route is None
    assert "het diploma moet van Sara Werkt zijn en behaald op of na 1 september 2022." in page
    candidate_client.post(url, {**data, "diploma_date": "2023-01-15"})
    portfolio.refresh_from_db()
    assert (portfolio.supplementary_route, portfolio.diploma_date, portfolio.diploma_provider) == (
        a21,
        date(2023, 1, 15),
        "Sara Werkt",
    )


@pytest.mark.django_db
def test_a_blocking_document_age_refuses_the_submission_too(portfolio):
    with time_machine.travel(FIRST_SUBMISSION - relativedelta(months=6), tick=False):
        fill_portfolio(portfolio)
        _routes(portfolio, 2, 4, **_fitting(portfolio, 4))
        upload_document(
            portfolio=portfolio,
            target=requirement(portfolio.framework_version, "basic", 2),
            uploaded=pdf_upload("evc.pdf"),
            document_date=date(2024, 1, 10),  # 20 months old today: allowed
            study_hours=None,
            actor=portfolio.candidate,
        )
    with time_machine.travel(FIRST_SUBMISSION, tick=False):
        assert (
            "evc.pdf is ouder dan 24 maanden (gedateerd 10-01-2024; op 02-03-2026 mag het niet "
            "van voor 02-03-2024 zijn); het kader vraagt een recenter document."
        ) in _missing(portfolio)


def _case_question(portfolio):
    return portfolio.framework_version.sections.get(code="C").questions.get(code="C.2")


@pytest.mark.django_db
def test_resubmission_after_additions_is_measured_on_the_first_submission(portfolio):
    """The stuck scenario: additions for B2 only, resubmitted two years later."""
    with time_machine.travel(FIRST_SUBMISSION, tick=False):
        fill_portfolio(portfolio)  # the case started 10 months ago
        version = portfolio.framework_version
        _routes(portfolio, 2, 4, **_fitting(portfolio, 4))
        upload_document(
            portfolio=portfolio,
            target=requirement(version, "basic", 2),
            uploaded=pdf_upload("evc.pdf"),
            document_date=date(2024, 9, 1),  # 18 months old
            study_hours=None,
            actor=portfolio.candidate,
        )
        submit_portfolio(portfolio=portfolio, actor=portfolio.candidate)
    portfolio.refresh_from_db()
    assert portfolio.first_submitted_on == date(2026, 3, 2)
    later = FIRST_SUBMISSION + relativedelta(years=2)
    with time_machine.travel(later - timedelta(days=20), tick=False):
        reopen_for_additions(
            portfolio=portfolio, sections=["B2"], deadline=timezone.localdate() + timedelta(42)
        )
    with time_machine.travel(later, tick=False):
        # Today the case started 34 months ago and the EVC report is 42 months old; on the
        # first submission's date both fitted, so the resubmission is accepted.
        snapshot = submit_portfolio(portfolio=portfolio, actor=portfolio.candidate)
    assert snapshot.round == 2
    portfolio.refresh_from_db()
    assert (portfolio.state, portfolio.first_submitted_on) == (
        PortfolioState.SUBMITTED,
        date(2026, 3, 2),
    )


@pytest.mark.django_db
def test_a_reopened_case_is_still_measured_on_the_first_submission(portfolio):
    with time_machine.travel(FIRST_SUBMISSION, tick=False):
        fill_portfolio(portfolio)
        answer = portfolio.answers.get(question=_case_question(portfolio))
        save_answer(
            portfolio=portfolio,
            target=_case_question(portfolio),
            date_value=date(2025, 6, 1),
            base_revision=answer.revision,
        )
        submit_portfolio(portfolio=portfolio, actor=portfolio.candidate)
    with time_machine.travel(FIRST_SUBMISSION + relativedelta(months=14), tick=False):
        reopen_for_additions(
            portfolio=portfolio, sections=["C"], deadline=timezone.localdate() + timedelta(42)
        )
        # A case that started after the first submission was not six months under way then.
        save_answer(
            portfolio=portfolio,
            target=_case_question(portfolio),
            date_value=date(2026, 6, 1),
            base_revision=answer.revision + 1,
        )
        assert (
            "Het begeleidingstraject moet bij je eerste indiening op 02-03-2026 minimaal 6 "
            "maanden onderweg zijn en in de 24 maanden daarvoor zijn gestart (op of na "
            "02-03-2024 en op of voor 02-09-2025)."
        ) in _missing(portfolio)
        save_answer(
            portfolio=portfolio,
            target=_case_question(portfolio),
            date_value=date(2024, 5, 1),  # 34 months ago today, 22 months at the first
            base_revision=answer.revision + 2,
        )
        assert submit_portfolio(portfolio=portfolio, actor=portfolio.candidate).round == 2


@pytest.mark.django_db
def test_the_candidate_start_page_names_the_portfolio_own_version(
    portfolio, candidate_client, office
):
    from tests.factories.versions import publish_edited_copy  # noqa: PLC0415

    newer = publish_edited_copy(portfolio.framework_version, actor=office, edit=lambda d: None)
    assert newer.number == 2
    page = candidate_client.get(reverse("start")).content.decode()
    assert "versie 1." in page
    assert "versie 2" not in page
