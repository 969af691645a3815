"""Uploads against an S3-compatible server on loopback (moto_server), run in CI.

Skipped unless TEST_S3_ENDPOINT is set (e.g. http://127.0.0.1:9000).
"""

import os
from datetime import date

import pytest
import requests
from django.urls import reverse

from portfolio.models import Document
from portfolio.services import choose_routes, delete_document, upload_document
from tests.factories.files import pdf_bytes, pdf_upload

ENDPOINT = os.environ.get("TEST_S3_ENDPOINT")
pytestmark = pytest.mark.skipif(not ENDPOINT, reason="TEST_S3_ENDPOINT not set (no S3 server)")


@pytest.mark.django_db
def test_an_upload_lands_privately_in_the_bucket_and_is_served_presigned(
    s3_storage,
    portfolio,
    candidate,
    candidate_client,
    other_candidate,
    django_capture_on_commit_callbacks,
):
    client, bucket = s3_storage
    section_a = portfolio.framework_version.sections.get(code="A")
    basic = section_a.education_requirements.get(level="basic", number=1)
    choose_routes(
        portfolio=portfolio,
        basic_route=basic,
        supplementary_route=section_a.education_requirements.get(level="supplementary", number=4),
    )
    document = upload_document(
        portfolio=portfolio,
        target=basic,
        uploaded=pdf_upload("diploma.pdf"),
        document_date=date(2020, 6, 30),
        study_hours=None,
        actor=candidate,
    )
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys == [document.file.name]
    assert client.get_object(Bucket=bucket, Key=document.file.name)["Body"].read() == pdf_bytes()
    # Not public: an unsigned GET is refused by the server.
    assert requests.get(f"{ENDPOINT}/{bucket}/{document.file.name}", timeout=10).status_code == 403

    url = reverse("portfolio:download", args=[portfolio.pk, document.pk])
    response = candidate_client.get(url)
    assert response.status_code == 302
    presigned = response["Location"]
    assert "Signature" in presigned or "X-Amz-Signature" in presigned
    fetched = requests.get(presigned, timeout=10)
    assert fetched.status_code == 200
    assert fetched.content.startswith(b"%PDF-")

    outsider = candidate_client.__class__()
    outsider.force_login(other_candidate)
    assert outsider.get(url).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        delete_document(document=document)
    assert not Document.objects.exists()
    assert client.list_objects_v2(Bucket=bucket).get("KeyCount") == 0
