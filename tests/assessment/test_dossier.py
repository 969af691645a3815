"""The office decides from a page that reaches the portfolio, its documents, both
assessments and the comparison."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from assessment.enums import ReviewState
from audit.enums import AuditAction
from audit.models import AuditEntry
from portfolio.models import Document
from tests.factories.files import pdf_upload
from tests.factories.reviews import make_review


@pytest.fixture
def decided(submitted_portfolio, assessor, second_assessor, office):
    return make_review(
        state=ReviewState.DECIDED,
        portfolio=submitted_portfolio,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
    ).review


@pytest.mark.django_db
def test_the_decision_page_links_to_everything_the_office_decides_from(office_client, decided):
    pk = decided.portfolio_id
    html = office_client.get(reverse("assessment:assign", args=[pk])).content.decode()
    dossier = reverse("assessment:dossier", args=[pk])
    for anchor in ("portfolio", "documenten", "beoordelingen", "vergelijking"):
        assert f'href="{dossier}#{anchor}"' in html
    assert f'href="{reverse("assessment:audit_trail", args=[pk])}"' in html


@pytest.mark.django_db
def test_the_dossier_shows_portfolio_documents_assessments_and_comparison(
    office_client, office, decided
):
    portfolio = decided.portfolio
    html = office_client.get(reverse("assessment:dossier", args=[portfolio.pk])).content.decode()
    assert "Assessor 1: Pieter Bakker" in html
    assert "Assessor 2: Fatima El Amrani" in html
    assert "Wie is de cliënt?" in html  # the portfolio's own text
    assert "C1.1" in html[html.index('id="vergelijking"') :]
    assert "Gehouden op" in html
    document = portfolio.documents.order_by("pk").first()
    url = reverse("assessment:office_document", args=[portfolio.pk, document.pk])
    assert f'href="{url}"' in html
    response = office_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AuditEntry.objects.filter(
        action=AuditAction.DOCUMENT_DOWNLOADED, actor=office, object_id=str(document.pk)
    ).exists()


def _add_sealed_documents(review, number: int) -> None:
    """The round's snapshot names `number` more documents (stored with their files)."""
    original = review.portfolio.documents.order_by("pk").first()
    snapshot = review.portfolio.snapshots.get(round=review.round)
    content = snapshot.content
    for n in range(number):
        document = Document.objects.create(
            portfolio=review.portfolio,
            question=original.question,
            requirement=original.requirement,
            file=pdf_upload(f"extra-{n}"),
            original_name=f"extra-{n}.pdf",
            content_type="application/pdf",
            size=10,
            sha256=f"{n:064d}",
            document_date=original.document_date,
            uploaded_by=original.uploaded_by,
        )
        content["sections"][0]["entries"].append(
            {
                "kind": "document",
                "code": "A1.1",
                "name": document.original_name,
                "content_type": document.content_type,
                "size": document.size,
                "sha256": document.sha256,
                "document_date": document.document_date.isoformat(),
                "study_hours": None,
            }
        )
    snapshot.content = content
    snapshot.save(update_fields=["content"])


@pytest.mark.django_db
def test_the_dossier_asks_the_same_queries_for_one_or_more_documents(office_client, decided):
    url = reverse("assessment:dossier", args=[decided.portfolio_id])
    office_client.get(url)  # the session's and the framework cache's first reads
    with CaptureQueriesContext(connection) as before:
        office_client.get(url)
    _add_sealed_documents(decided, 3)
    with CaptureQueriesContext(connection) as after:
        html = office_client.get(url).content.decode()
    assert "extra-2.pdf" in html
    assert len(after) == len(before)


@pytest.mark.django_db
def test_an_edit_after_sealing_does_not_show_on_the_dossier(office_client, decided):
    """The office decides on what was sealed: a text changed, a document added and a
    document deleted after the submission leave the dossier as it was sealed."""
    portfolio = decided.portfolio
    answer = portfolio.answers.exclude(text="").order_by("pk").first()
    sealed_text = answer.text
    answer.text = "Na het verzegelen herschreven."
    answer.save(update_fields=["text"])
    late = Document.objects.create(
        portfolio=portfolio,
        question=portfolio.documents.first().question,
        requirement=portfolio.documents.first().requirement,
        file=pdf_upload("laat"),
        original_name="te-laat-toegevoegd.pdf",
        content_type="application/pdf",
        size=10,
        sha256="f" * 64,
        document_date=portfolio.documents.first().document_date,
        uploaded_by=portfolio.candidate,
    )
    gone = portfolio.documents.exclude(pk=late.pk).order_by("pk").first()
    gone.delete()
    html = office_client.get(reverse("assessment:dossier", args=[portfolio.pk])).content.decode()
    assert "Na het verzegelen herschreven." not in html
    assert escape(sealed_text) in html
    assert "te-laat-toegevoegd.pdf" not in html
    # The deleted file is still named (it was sealed), without a link.
    missing = '<span class="small">(het bestand is niet meer bewaard)'
    assert f"{escape(gone.original_name)} {missing}" in html
    assert "Wat de kandidaat daarna wijzigt, staat hier niet." in html


@pytest.mark.django_db
def test_the_dossier_shows_the_rule_and_what_it_rests_on(office_client, decided):
    html = office_client.get(reverse("assessment:dossier", args=[decided.portfolio_id]))
    html = html.content.decode()
    rule = html[html.index('id="regel"') : html.index('id="beoordelingen"')]
    assert "Volgens de regel:" in rule
    assert 'id="rule-items"' in rule
    assert "vereiste punten waarop de regel rust" in rule
    assert 'id="decision-and-rule"' in rule
    assert "Het besluit volgt de regel." in rule
    assert 'href="#regel"' in html


@pytest.mark.django_db
def test_without_a_sealed_round_the_dossier_shows_no_live_portfolio(office_client, decided):
    text = decided.portfolio.answers.exclude(text="").order_by("pk").first().text
    decided.portfolio.snapshots.update(round=99)
    html = office_client.get(reverse("assessment:dossier", args=[decided.portfolio_id]))
    html = html.content.decode()
    assert "Er is geen verzegelde inzending voor deze ronde" in html
    assert escape(text) not in html
