"""The quarterly PDF: asked by the office, made through downloads (Celery, eager here)."""

import io
from datetime import date

from django.urls import reverse
from pypdf import PdfReader

from downloads.models import PreparedFile
from quality.prepared import QUALITY_REPORT, period_of, subject_of
from quality.selectors import Period

from .test_dashboard import world  # noqa: F401 (fixture)


def test_subject_packs_version_and_quarter():
    subject = subject_of(7, date(2026, 5, 20))
    assert subject == 720262
    assert period_of(subject) == (7, Period(date(2025, 7, 1), date(2026, 6, 30)))
    assert period_of(subject_of(7, date(2026, 12, 31)))[1] == Period(
        date(2026, 1, 1), date(2026, 12, 31)
    )


def test_office_gets_the_pdf_with_the_figures(
    office_client,
    world,  # noqa: F811
    seeded_version,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("quality:report"),
            {"versie": seeded_version.pk, "van": "2026-01-01", "tot": "2026-06-30"},
        )
    prepared = PreparedFile.objects.get(kind=QUALITY_REPORT)
    assert response.status_code == 302
    assert (prepared.status, prepared.error) == ("ready", "")
    # The build ran on commit, after the answer: the office is sent to the waiting page.
    assert response["Location"] == reverse("downloads:status", args=[prepared.pk])
    assert prepared.subject_id == subject_of(seeded_version.pk, date(2026, 6, 30))
    download = office_client.get(reverse("downloads:download", args=[prepared.pk]))
    pdf = b"".join(download.streaming_content)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Kwaliteit van het beoordelen" in text
    assert "C1.1" in text
    assert "2026-K2" in text


def test_others_cannot_ask(client, assessor, world, seeded_version):  # noqa: F811
    client.force_login(assessor)
    response = client.post(
        reverse("quality:report"), {"versie": seeded_version.pk, "tot": "2026-06-30"}
    )
    assert response.status_code == 404
    assert not PreparedFile.objects.exists()
