"""Export and erasure against an S3-compatible server on loopback (moto_server), run in CI.

Skipped unless TEST_S3_ENDPOINT is set (e.g. http://127.0.0.1:9124).
"""

import io
import json
import os
import zipfile

import pytest
import requests
from django.test import Client
from django.urls import reverse

from dataprotection import services
from dataprotection.enums import ErasureReason
from dataprotection.export_data import document_path, report_path
from portfolio.models import Document
from tests.downloads.helpers import prepared_id_of

ENDPOINT = os.environ.get("TEST_S3_ENDPOINT")
pytestmark = pytest.mark.skipif(not ENDPOINT, reason="TEST_S3_ENDPOINT not set (no S3 server)")


def _keys(client, bucket) -> set[str]:
    return {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


@pytest.mark.django_db
def test_export_and_erasure_read_and_delete_through_the_bucket(
    s3_storage,  # first, so that the world's files land in the bucket
    world,
    django_capture_on_commit_callbacks,
):
    client, bucket = s3_storage
    mine = {d.file.name for d in Document.objects.filter(portfolio=world.portfolio)}
    mine |= {r.file.name for r in world.review.reports.all()}
    others = {d.file.name for d in Document.objects.filter(portfolio=world.other_portfolio)}
    assert _keys(client, bucket) == mine | others

    browser = Client()
    browser.force_login(world.candidate)
    with django_capture_on_commit_callbacks(execute=True):
        asked = browser.post(reverse("dataprotection:download"))
    download = browser.get(reverse("downloads:download", args=[prepared_id_of(asked)]))
    assert download.status_code == 302  # to a short-lived presigned URL of the bucket
    body = requests.get(download["Location"], timeout=30).content
    archive = zipfile.ZipFile(io.BytesIO(body))
    for document in Document.objects.filter(portfolio=world.portfolio):
        body = client.get_object(Bucket=bucket, Key=document.file.name)["Body"].read()
        assert archive.read(document_path(document)) == body
    report = world.review.reports.get()
    assert archive.read(report_path(report)).startswith(b"%PDF-")
    assert json.loads(archive.read("gegevens.json"))["account"]["e-mailadres"] == (
        world.candidate.email
    )

    with django_capture_on_commit_callbacks(execute=True):
        erasure = services.erase_candidate(
            candidate=world.candidate, actor=None, reason=ErasureReason.CANDIDATE_REQUEST
        )
    assert _keys(client, bucket) == others
    erasure.refresh_from_db()
    # The four documents, the report and the export ZIP the candidate just made.
    assert erasure.counts["files"] == 6
