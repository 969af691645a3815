"""Prepared files: made in the background, once per content, one in flight per person."""

import resource
from datetime import timedelta
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse
from django.utils import timezone

from downloads import services
from downloads.enums import PreparedStatus
from downloads.models import PreparedFile
from downloads.tasks import build_prepared_file
from portal.celery import limit_worker_memory
from portfolio.prepared import PREVIEW_PDF
from portfolio.services import save_answer
from tests.downloads.helpers import post_and_download, prepared_id_of
from tests.factories.users import client_for


def _ask(portfolio):
    return services.request_file(
        owner=portfolio.candidate, kind=PREVIEW_PDF, subject_id=portfolio.pk
    )


def _task0(portfolio):
    return portfolio.framework_version.sections.get(code="C1").criteria.get(number=0)


@pytest.mark.django_db
def test_the_same_content_makes_one_pdf_and_a_change_makes_a_new_one(complete_portfolio):
    first = _ask(complete_portfolio)
    assert first.status == PreparedStatus.PENDING  # nothing is rendered in the request
    services.build(prepared_id=first.pk)
    first.refresh_from_db()
    assert (first.status, first.content_type, first.filename) == (
        PreparedStatus.READY,
        "application/pdf",
        f"portfolio-{complete_portfolio.pk}.pdf",
    )
    with first.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"
    assert _ask(complete_portfolio).pk == first.pk  # same text: the same file, no new build
    answer = complete_portfolio.answers.get(criterion=_task0(complete_portfolio))
    save_answer(
        portfolio=complete_portfolio,
        target=_task0(complete_portfolio),
        text=answer.text + " Aangevuld.",
        base_revision=answer.revision,
    )
    second = _ask(complete_portfolio)
    assert second.pk != first.pk
    assert second.key != first.key


@pytest.mark.django_db
def test_one_request_per_person_is_in_flight(complete_portfolio):
    first = _ask(complete_portfolio)
    answer = complete_portfolio.answers.get(criterion=_task0(complete_portfolio))
    save_answer(
        portfolio=complete_portfolio,
        target=_task0(complete_portfolio),
        text="Een andere tekst.",
        base_revision=answer.revision,
    )
    # Other content, but the first is still being made: that one is the answer.
    assert _ask(complete_portfolio).pk == first.pk
    assert PreparedFile.objects.count() == 1
    # A request whose task was lost (still pending after 10 minutes) is replaced.
    PreparedFile.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    replacement = _ask(complete_portfolio)
    assert replacement.pk != first.pk
    first.refresh_from_db()
    assert (first.status, first.error) == (PreparedStatus.FAILED, "Het maken duurde te lang.")


@pytest.mark.django_db
def test_a_file_is_stored_under_the_key_of_what_was_built(complete_portfolio):
    """The text changed between the request and the build: the file holds the newer
    text, so it is kept under the newer text's key (a key always names its content)."""
    prepared = _ask(complete_portfolio)
    answer = complete_portfolio.answers.get(criterion=_task0(complete_portfolio))
    save_answer(
        portfolio=complete_portfolio,
        target=_task0(complete_portfolio),
        text="Nieuwer.",
        base_revision=answer.revision,
    )
    services.build(prepared_id=prepared.pk)
    prepared.refresh_from_db()
    assert prepared.is_ready
    assert _ask(complete_portfolio).pk == prepared.pk


@pytest.mark.django_db
def test_a_build_that_runs_out_of_time_fails_with_a_message(complete_portfolio):
    prepared = _ask(complete_portfolio)
    with mock.patch(
        "portfolio.prepared.reports.render_html_pdf", side_effect=SoftTimeLimitExceeded
    ):
        build_prepared_file(prepared_id=prepared.pk)
    prepared.refresh_from_db()
    assert (prepared.status, prepared.error) == (
        PreparedStatus.FAILED,
        "Het bestand is te groot of te ingewikkeld om te maken.",
    )
    # Asking again tries again.
    again = _ask(complete_portfolio)
    assert again.pk != prepared.pk
    assert again.is_pending


@pytest.mark.django_db
def test_the_candidate_waits_on_a_page_that_polls_and_then_downloads(
    candidate_client, complete_portfolio, django_capture_on_commit_callbacks
):
    url = reverse("portfolio:preview_pdf", args=[complete_portfolio.pk])
    response = candidate_client.post(url)  # the build has not run yet (no commit)
    prepared_id = prepared_id_of(response)
    assert response["Location"] == reverse("downloads:status", args=[prepared_id])
    page = candidate_client.get(response["Location"]).content.decode()
    assert "Het bestand wordt gemaakt." in page
    assert f'hx-get="/bestanden/{prepared_id}/"' in page
    assert 'hx-trigger="every 2s"' in page
    assert (
        candidate_client.get(reverse("downloads:download", args=[prepared_id])).status_code == 404
    )
    services.build(prepared_id=prepared_id)
    partial = candidate_client.get(response["Location"], headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert "hx-trigger" not in html  # polling stops
    assert f'href="/bestanden/{prepared_id}/downloaden/"' in html
    # Asked again with the same text: straight to the file (one click).
    again = candidate_client.post(url)
    assert again["Location"] == reverse("downloads:download", args=[prepared_id])
    download = candidate_client.get(again["Location"])
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_someone_elses_file_is_not_found(
    candidate_client, complete_portfolio, other_candidate, django_capture_on_commit_callbacks
):
    prepared_id, _pdf = post_and_download(
        candidate_client,
        reverse("portfolio:preview_pdf", args=[complete_portfolio.pk]),
        django_capture_on_commit_callbacks,
    )
    other = client_for(other_candidate)
    for name in ("downloads:status", "downloads:download"):
        assert other.get(reverse(name, args=[prepared_id])).status_code == 404


@pytest.mark.django_db
def test_old_files_are_forgotten_after_a_day(complete_portfolio):
    prepared = _ask(complete_portfolio)
    services.build(prepared_id=prepared.pk)
    prepared.refresh_from_db()
    name, storage = prepared.file.name, prepared.file.storage
    assert services.forget_old_files(now=timezone.now() + timedelta(hours=23)) == 0
    assert services.forget_old_files(now=timezone.now() + timedelta(hours=25)) == 1
    assert not PreparedFile.objects.exists()
    assert not storage.exists(name)


def test_worker_pool_processes_get_a_memory_limit(settings, monkeypatch):
    settings.CELERY_WORKER_MEMORY_MB = 512
    limits = {}
    monkeypatch.setattr(
        "portal.celery.resource.setrlimit", lambda kind, value: limits.update({kind: value})
    )
    limit_worker_memory()
    assert limits == {resource.RLIMIT_AS: (512 * 1024 * 1024, 512 * 1024 * 1024)}
