"""The office decides from a page that reaches the portfolio, its documents, both
assessments and the comparison."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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


@pytest.mark.django_db
def test_the_dossier_asks_the_same_queries_for_one_or_more_documents(office_client, decided):
    url = reverse("assessment:dossier", args=[decided.portfolio_id])
    office_client.get(url)  # the session's and the framework cache's first reads
    with CaptureQueriesContext(connection) as before:
        office_client.get(url)
    original = decided.portfolio.documents.order_by("pk").first()
    for number in range(3):
        Document.objects.create(
            portfolio=decided.portfolio,
            question=original.question,
            requirement=original.requirement,
            file=pdf_upload(f"extra-{number}"),
            original_name=f"extra-{number}.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            document_date=original.document_date,
            uploaded_by=original.uploaded_by,
        )
    with CaptureQueriesContext(connection) as after:
        html = office_client.get(url).content.decode()
    assert "extra-2.pdf" in html
    assert len(after) == len(before)
