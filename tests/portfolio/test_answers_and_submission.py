from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.enums import Role
from portfolio.enums import PortfolioState
from portfolio.models import Answer, Document, Signature, Snapshot
from portfolio.progress import case_start_problem
from portfolio.selectors import portfolio_content, portfolio_progress
from portfolio.services import (
    AlreadySubmitted,
    IncompletePortfolio,
    PortfolioError,
    StaleAnswer,
    choose_routes,
    delete_document,
    fingerprint,
    save_answer,
    sign_declaration,
    submit_portfolio,
    upload_document,
)
from tests.factories.files import pdf_upload, upload
from tests.factories.portfolios import fill_portfolio
from tests.factories.users import UserFactory
from tests.factories.versions import publish_edited_copy, restate_case


def _criterion(portfolio, code, number):
    return portfolio.framework_version.sections.get(code=code).criteria.get(number=number)


@pytest.mark.django_db
def test_the_version_check_refuses_a_save_from_an_older_tab(portfolio):
    task0 = _criterion(portfolio, "C1", 0)
    first = save_answer(portfolio=portfolio, target=task0, text="tab één", base_revision=0)
    second = save_answer(portfolio=portfolio, target=task0, text="tab één, meer", base_revision=1)
    assert (first.revision, second.revision) == (1, 2)
    with pytest.raises(StaleAnswer, match="elders opgeslagen") as error:
        save_answer(portfolio=portfolio, target=task0, text="tab twee", base_revision=1)
    assert error.value.current.text == "tab één, meer"
    assert Answer.objects.get(portfolio=portfolio, criterion=task0).text == "tab één, meer"


@pytest.mark.django_db
def test_a_product_is_answered_per_numbered_question_not_as_one_text(portfolio):
    task2 = _criterion(portfolio, "C1", 2)
    with pytest.raises(PortfolioError, match="genummerde vragen"):
        save_answer(portfolio=portfolio, target=task2, text="x", base_revision=0)
    question = task2.product_questions.get(number=1)
    answer = save_answer(portfolio=portfolio, target=question, text="Wie: ...", base_revision=0)
    assert answer.product_question == question


@pytest.mark.django_db
def test_changing_the_route_keeps_answers_already_written(portfolio):
    fill_portfolio(portfolio, a2_number=4)
    portfolio.refresh_from_db()
    answers = Answer.objects.filter(portfolio=portfolio).count()
    assert answers > 40
    section_a = portfolio.framework_version.sections.get(code="A")
    exempt_route = section_a.education_requirements.get(level="supplementary", number=1)
    requirements = choose_routes(
        portfolio=portfolio, basic_route=portfolio.basic_route, supplementary_route=exempt_route
    )
    assert requirements.required_sections == ("A", "B1", "E")
    assert Answer.objects.filter(portfolio=portfolio).count() == answers


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("months_ago", "problem"),
    [
        (12, None),
        (6, None),
        (24, None),
        (25, "in de afgelopen 24 maanden"),
        (5, "minimaal 6 maanden onderweg"),
        (-1, "in de toekomst"),
    ],
)
def test_the_seeded_case_start_date_window(seeded_version, months_ago, problem):
    """The Register Jobcoach fixtures: started 6 to 24 months ago."""
    today = date(2026, 11, 22)
    start = today - relativedelta(months=months_ago)
    result = case_start_problem(seeded_version, start, today=today)
    if problem is None:
        assert result is None
    else:
        assert problem in result


@pytest.mark.django_db
@pytest.mark.parametrize(("within", "minimum"), [(24, 6), (36, 3), (12, 9)])
def test_case_start_date_window_comes_from_the_framework(seeded_version, within, minimum):
    """Another version's numbers move the window's both ends, and the messages name them."""
    version = publish_edited_copy(
        seeded_version,
        actor=UserFactory(role=Role.OFFICE),
        edit=lambda draft: (
            type(draft)
            .objects.filter(pk=draft.pk)
            .update(case_start_within_months=within, case_min_running_months=minimum),
            restate_case(
                draft, "afgelopen twee jaar gestart", f"afgelopen {within} maanden gestart"
            ),
            restate_case(draft, "een half jaar onderweg", f"{minimum} maanden onderweg"),
        ),
    )
    version.refresh_from_db()
    assert (version.case_start_within_months, version.case_min_running_months) == (
        within,
        minimum,
    )
    today = date(2026, 11, 22)

    def problem(months_ago):
        start = today - relativedelta(months=months_ago)
        return case_start_problem(version, start, today=today)

    for months_ago in (minimum, (minimum + within) // 2, within):
        assert problem(months_ago) is None, months_ago
    assert f"in de afgelopen {within} maanden" in problem(within + 1)
    assert f"minimaal {minimum} maanden onderweg" in problem(minimum - 1)
    assert "in de toekomst" in problem(-1)


@pytest.mark.django_db
@pytest.mark.dates
def test_b1_thresholds_name_and_confirmation_are_checked(portfolio, candidate):
    b1 = portfolio.framework_version.sections.get(code="B1").declarations.get(code="B1.1")
    today = timezone.localdate()
    base = {
        "portfolio": portfolio,
        "declaration": b1,
        "signed_on": today,
        "actor": candidate,
        "full_name": "Kim de Vries",
        "confirmed": True,
    }
    with pytest.raises(PortfolioError, match="minimaal 2 jaar"):
        sign_declaration(**base, years=1, hours=1500)
    with pytest.raises(PortfolioError, match="minimaal 1200 uur"):
        sign_declaration(**base, years=3, hours=1199)
    with pytest.raises(PortfolioError, match="Bevestig"):
        sign_declaration(**{**base, "confirmed": False}, years=3, hours=1500)
    with pytest.raises(PortfolioError, match="volledige naam"):
        sign_declaration(**{**base, "full_name": "K. de Vries"}, years=3, hours=1500)
    assert not Signature.objects.exists()
    signature = sign_declaration(**{**base, "full_name": " kim  de vries "}, years=2, hours=1200)
    assert (signature.years, signature.hours, signature.signed_by) == (2, 1200, candidate)
    assert signature.statement == b1.statement
    assert signature.full_name == "kim de vries"


@pytest.mark.django_db
def test_uploads_only_for_a_chosen_route_and_bad_files_store_nothing(
    portfolio, candidate, django_capture_on_commit_callbacks
):
    section_a = portfolio.framework_version.sections.get(code="A")
    route = section_a.education_requirements.get(level="basic", number=1)
    with pytest.raises(PortfolioError, match="Kies eerst deze opleidingseis"):
        upload_document(
            portfolio=portfolio,
            target=route,
            uploaded=pdf_upload(),
            document_date=date(2020, 6, 30),
            study_hours=None,
            actor=candidate,
        )
    choose_routes(
        portfolio=portfolio,
        basic_route=route,
        supplementary_route=section_a.education_requirements.get(level="supplementary", number=5),
    )
    with pytest.raises(ValidationError):
        upload_document(
            portfolio=portfolio,
            target=route,
            uploaded=upload("diploma.pdf", b"<html>nep</html>", "application/pdf"),
            document_date=date(2020, 6, 30),
            study_hours=None,
            actor=candidate,
        )
    assert not Document.objects.exists()
    document = upload_document(
        portfolio=portfolio,
        target=route,
        uploaded=pdf_upload("Mijn diploma.pdf"),
        document_date=date(2020, 6, 30),
        study_hours=None,
        actor=candidate,
    )
    assert document.original_name == "Mijn diploma.pdf"
    assert "diploma" not in document.file.name  # random storage key
    assert document.file.storage.exists(document.file.name)
    portfolio.refresh_from_db()
    hours_route = portfolio.supplementary_route
    with pytest.raises(PortfolioError, match="studie-uren"):
        upload_document(
            portfolio=portfolio,
            target=hours_route,
            uploaded=pdf_upload("cursus.pdf"),
            document_date=date(2024, 1, 1),
            study_hours=None,
            actor=candidate,
        )
    stored_name = document.file.name
    storage = document.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        delete_document(document=document)
    assert not Document.objects.exists()
    assert not storage.exists(stored_name)


@pytest.mark.django_db
def test_progress_lists_exactly_what_is_missing(portfolio):
    progress = portfolio_progress(portfolio_content(portfolio))
    assert not progress.complete
    texts = [m.text for _section, m in progress.missing]
    assert "Kies een basisopleidingseis (A1)." in texts
    assert "Onderteken verklaring B1.1." in texts
    assert any(t.startswith("C1.2 Het maken van een werknemersprofiel") for t in texts)
    assert progress.percent == 0


@pytest.mark.django_db(transaction=True)
def test_submit_refuses_an_incomplete_portfolio_and_changes_nothing(portfolio, candidate):
    with pytest.raises(IncompletePortfolio) as error:
        submit_portfolio(portfolio=portfolio, actor=candidate)
    assert len(error.value.missing) > 20
    portfolio.refresh_from_db()
    assert portfolio.state == PortfolioState.DRAFT
    assert not Snapshot.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_submit_locks_seals_and_notifies_once(complete_portfolio, candidate, settings):
    snapshot = submit_portfolio(portfolio=complete_portfolio, actor=candidate)
    complete_portfolio.refresh_from_db()
    assert complete_portfolio.state == PortfolioState.SUBMITTED
    assert snapshot.sha256 == fingerprint(snapshot.content)
    assert len(snapshot.sha256) == 64
    codes = [e["code"] for s in snapshot.content["sections"] for e in s["entries"]]
    assert {"C1.2.8", "B1.1", "E.3", "C.2", "D.4"} <= set(codes)
    documents = [
        e for s in snapshot.content["sections"] for e in s["entries"] if e["kind"] == "document"
    ]
    assert len(documents) == 3
    assert all(len(d["sha256"]) == 64 for d in documents)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([settings.OFFICE_EMAIL, candidate.email])
    assert all(snapshot.sha256 in m.body for m in mail.outbox)
    # A double click: the second submit changes nothing.
    with pytest.raises(AlreadySubmitted):
        submit_portfolio(portfolio=complete_portfolio, actor=candidate)
    assert Snapshot.objects.count() == 1
    assert len(mail.outbox) == 2
    # Locked: no edits through any service.
    task0 = _criterion(complete_portfolio, "C1", 0)
    answer = Answer.objects.get(portfolio=complete_portfolio, criterion=task0)
    with pytest.raises(PortfolioError, match="ingediend"):
        save_answer(
            portfolio=complete_portfolio, target=task0, text="x", base_revision=answer.revision
        )
    with pytest.raises(PortfolioError, match="ingediend"):
        delete_document(document=complete_portfolio.documents.first())
