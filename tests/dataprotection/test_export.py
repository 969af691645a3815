import io
import json
import zipfile
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.models import Score
from audit.enums import AuditAction
from audit.models import AuditEntry
from dataprotection.enums import ErasureReason
from dataprotection.export_data import document_path, report_path
from dataprotection.services import erase_candidate
from downloads.enums import PreparedStatus
from downloads.models import PreparedFile
from objections import services as objection_services
from objections.models import ObjectionAttachment
from portfolio.models import Document
from portfolio.services import start_portfolio
from register import services as register_services
from register.certificate import make_certificate
from tests.dataprotection.conftest import MARKER, OTHER_MARKER, submitted_portfolio
from tests.downloads.helpers import prepared_id_of
from tests.factories.files import pdf_upload
from tests.factories.reviews import assign_two, score_and_submit
from tests.factories.users import UserFactory

DOWNLOAD = reverse("dataprotection:download")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _zip(client, url=DOWNLOAD) -> zipfile.ZipFile:
    """Ask for the export (its Celery task runs on commit, eagerly) and download it."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(url)
    response = client.get(reverse("downloads:download", args=[prepared_id_of(asked)]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_exactly_the_candidates_data_and_files(world):
    candidate, other = world.candidate, world.other
    archive = _zip(_client(candidate))

    documents = list(Document.objects.filter(portfolio=world.portfolio).order_by("pk"))
    report = world.review.reports.get()
    _assert_exactly_the_candidates_files(archive, world, documents, report)

    data = json.loads(archive.read("gegevens.json"))
    assert data["account"]["naam"] == "Xandrijn Quellenberg"
    assert data["account"]["e-mailadres"] == "xandrijn.quellenberg@example.nl"
    assert data["account"]["rol"] == "candidate"
    assert data["account"]["e-mailadressen"] == [
        {"e-mailadres": "xandrijn.quellenberg@example.nl", "geverifieerd": True, "primair": True}
    ]
    [portfolio] = data["portfolios"]
    _assert_the_portfolio(portfolio, world, documents)
    actions = [a["handeling"] for a in data["eigen_handelingen"]]
    assert actions[0] == "portfolio.started"
    assert "portfolio.submitted" in actions
    _assert_the_decided_review(portfolio["beoordeling"], world, report)

    # Nothing of the other candidate, anywhere in the archive.
    for name in archive.namelist():
        content = archive.read(name)
        for needle in (other.email, other.last_name, OTHER_MARKER):
            assert needle.encode() not in content, (name, needle)
    assert f"portfolio-{world.other_portfolio.pk}/" not in " ".join(archive.namelist())

    readme = archive.read("LEESMIJ.txt").decode()
    assert "Je gegevens bij Register Jobcoach" in readme
    assert "voor Xandrijn Quellenberg" in readme

    entry = AuditEntry.objects.get(action=AuditAction.DATA_EXPORTED)
    assert (entry.actor_id, entry.subject_user_id) == (candidate.pk, candidate.pk)
    assert entry.summary == "Alle gegevens gedownload (5 bestanden)"


def _assert_exactly_the_candidates_files(archive, world, documents, report) -> None:
    """The read-me, the data, the report and every document, byte for byte; a document
    keeps the name it was uploaded under."""
    assert len(documents) == 4  # A1 and A2 evidence, the CV, the named diploma
    assert sorted(archive.namelist()) == sorted(
        ["LEESMIJ.txt", "gegevens.json", report_path(report)]
        + [document_path(d) for d in documents]
    )
    for document in documents:
        with document.file.open("rb") as handle:
            assert archive.read(document_path(document)) == handle.read()
    with report.file.open("rb") as handle:
        assert archive.read(report_path(report)) == handle.read()
    named = f"{documents[-1].pk}-diploma Xandrijn Quellenberg.pdf"
    assert f"bestanden/portfolio-{world.portfolio.pk}/{named}" in archive.namelist()


def _assert_the_portfolio(portfolio, world, documents) -> None:
    """Framework, routes, state, every answer, signature and document, the snapshot."""
    assert portfolio["id"] == world.portfolio.pk
    assert portfolio["toetsingskader"]["kader"] == "register-jobcoach"
    assert portfolio["toetsingskader"]["versie"] == 1
    assert portfolio["routes"]["A1"]["code"] == "A1.1"
    assert portfolio["routes"]["A2"]["code"] == "A2.4"
    assert portfolio["status"] == "submitted"
    assert len(portfolio["antwoorden"]) == world.portfolio.answers.count()
    assert sum(MARKER in a["tekst"] for a in portfolio["antwoorden"]) == 1
    assert {s["naam"] for s in portfolio["handtekeningen"]} == {"Xandrijn Quellenberg"}
    assert len(portfolio["handtekeningen"]) == world.portfolio.signatures.count()
    assert [d["bestand"] for d in portfolio["documenten"]] == [document_path(d) for d in documents]
    [snapshot] = portfolio["inzendingen"]
    assert snapshot["vingerafdruk_sha256"] == world.portfolio.snapshots.get().sha256
    assert snapshot["inhoud"]["candidate"]["name"] == "Xandrijn Quellenberg"
    assert snapshot["privacywaarschuwingen_bevestigd_op"] is not None  # the e-mail in the text


def _assert_the_decided_review(review, world, report) -> None:
    """The decision with its reason, the report, the scores and the interview's notes."""
    assert review["status"] == "decided"
    assert review["besluit"]["besluit"] == "not_granted"
    assert review["besluit"]["motivering"] == f"Afwijkend besluit {MARKER}"
    assert review["rapporten"] == [
        {
            "ronde": 1,
            "gemaakt_op": report.created_at.isoformat(),
            "sha256": report.sha256,
            "bestand": report_path(report),
        }
    ]
    # Decided: the assessors' scores with motivations are the candidate's (as in the report).
    assert (
        len(review["besluit"]["scores"])
        == Score.objects.filter(assessment__assignment__review=world.review).count()
    )
    assert review["toetsgesprek"]["verslag"].endswith(MARKER)


def test_scores_stay_out_of_the_export_until_the_decision(
    seeded_version, erasable_candidate, assessor, second_assessor, office
):
    portfolio = submitted_portfolio(seeded_version, erasable_candidate, MARKER)
    _review, first, _second = assign_two(portfolio, assessor, second_assessor, office)
    score_and_submit(first)

    archive = _zip(_client(erasable_candidate))
    data = json.loads(archive.read("gegevens.json"))
    shown = data["portfolios"][0]["beoordeling"]
    assert shown["status"] == "in_assessment"
    assert shown["besluit"] is None
    assert [(e["van"], e["naar"]) for e in shown["verloop"]] == [
        ("submitted", "assigned"),
        ("assigned", "in_assessment"),
    ]
    assert b"Motivering bij" not in archive.read("gegevens.json")


def test_get_has_no_side_effects(candidate_client):
    assert candidate_client.get(DOWNLOAD).status_code == 405
    assert not AuditEntry.objects.filter(action=AuditAction.DATA_EXPORTED).exists()


@pytest.mark.dates
def test_the_page_explains_and_offers_the_post_button(candidate, candidate_client):
    response = candidate_client.get(reverse("dataprotection:my_data"))
    assert response.status_code == 200
    html = response.content.decode()
    # No portfolio: two years after the last login (force_login just set it).
    candidate.refresh_from_db()
    until = timezone.localdate(candidate.last_login) + relativedelta(years=2)
    assert response.context["retention"].erasable_from == until
    assert f"vanaf {until.day} " in html
    assert f'<form method="post" action="{DOWNLOAD}">' in html
    assert "Mijn gegevens downloaden (ZIP)" in html
    start = candidate_client.get(reverse("start")).content.decode()
    assert f'href="{reverse("dataprotection:my_data")}"' in start


@pytest.mark.parametrize("who", ["assessor", "office"])
def test_non_candidates_get_404(request, who):
    client = _client(request.getfixturevalue(who))
    assert client.get(reverse("dataprotection:my_data")).status_code == 404
    assert client.post(DOWNLOAD).status_code == 404


def test_anonymous_is_sent_to_login(db):
    response = Client().post(DOWNLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_someone_else_only_ever_gets_their_own_data(world, outsider):
    archive = _zip(_client(outsider))
    assert sorted(archive.namelist()) == ["LEESMIJ.txt", "gegevens.json"]
    data = json.loads(archive.read("gegevens.json"))
    assert data["account"]["e-mailadres"] == "buitenstaander@example.nl"
    assert data["portfolios"] == []
    for needle in (world.candidate.email, world.candidate.last_name, MARKER):
        assert needle.encode() not in archive.read("gegevens.json")


def test_office_exports_a_candidate_and_only_the_office_may(world, office, request):
    url = reverse("dataprotection:office_download", args=[world.candidate.pk])
    for who in ("assessor", "outsider"):
        assert _client(request.getfixturevalue(who)).post(url).status_code == 404
    assert _client(world.candidate).post(url).status_code == 404  # not even their own
    # An office member's own id is no candidate: the same 404.
    own = reverse("dataprotection:office_download", args=[office.pk])
    assert _client(office).post(own).status_code == 404

    archive = _zip(_client(office), url)
    data = json.loads(archive.read("gegevens.json"))
    assert data["account"]["e-mailadres"] == world.candidate.email
    entry = AuditEntry.objects.get(action=AuditAction.DATA_EXPORTED)
    assert (entry.actor_id, entry.subject_user_id) == (office.pk, world.candidate.pk)


@pytest.mark.parametrize("who", ["candidate", "assessor", "outsider"])
def test_office_pages_are_404_for_everybody_else(request, who, other_candidate):
    client = _client(request.getfixturevalue(who))
    assert client.get(reverse("dataprotection:office")).status_code == 404
    erase = reverse("dataprotection:erase", args=[other_candidate.pk])
    assert client.get(erase).status_code == 404
    assert client.post(erase, {"reason": "request", "confirm": "on"}).status_code == 404


def test_office_overview_queries_do_not_grow_with_candidates(seeded_version, office):
    client = _client(office)
    url = reverse("dataprotection:office")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    def candidate_with_portfolio(email):
        start_portfolio(candidate=UserFactory(email=email), version=seeded_version)

    candidate_with_portfolio("een@example.nl")
    count()  # the first request after logging in saves the session
    one = count()
    for n in range(2):
        candidate_with_portfolio(f"meer{n}@example.nl")
    assert count() == one
    # session, user, the count, one page of candidates, their portfolios with the dates
    # of the last answer, document and signature (subqueries), the erasures.
    assert one == 6


@pytest.mark.dates
def test_office_overview_is_paginated_and_marks_expired_periods(
    seeded_version, office, monkeypatch
):
    from dataprotection import selectors  # noqa: PLC0415

    monkeypatch.setattr(selectors, "OVERVIEW_PAGE_SIZE", 2)
    long_ago = timezone.now() - timedelta(days=3 * 366)  # over the 2 inactive years
    UserFactory(email="oud@example.nl", date_joined=long_ago, last_login=long_ago)
    UserFactory(email="nieuw1@example.nl")
    UserFactory(email="nieuw2@example.nl")
    client = _client(office)
    url = reverse("dataprotection:office")
    first = client.get(url)
    assert [row["candidate"].email for row in first.context["rows"]] == [
        "oud@example.nl",
        "nieuw1@example.nl",
    ]
    assert [row["expired"] for row in first.context["rows"]] == [True, False]
    html = first.content.decode()
    assert html.count("verstreken") == 1
    assert "1 / 2" in html
    second = client.get(url + "?pagina=2")
    assert [row["candidate"].email for row in second.context["rows"]] == ["nieuw2@example.nl"]


def test_the_admin_record_of_erasures_links_to_the_office_page(office, outsider):
    page = _client(office).get(reverse("admin:dataprotection_erasure_changelist"))
    assert page.status_code == 200
    assert f'href="{reverse("dataprotection:office")}"' in page.content.decode()
    record = reverse("admin:dataprotection_erasure_changelist")
    assert _client(outsider).get(record).status_code == 302  # to the admin's login


def test_an_export_beyond_its_size_bound_fails_with_a_message_and_keeps_nothing(world, settings):
    settings.EXPORT_MAX_MB = 0  # every stored file is over it
    client = _client(world.candidate)
    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(DOWNLOAD)
    prepared = PreparedFile.objects.get(pk=prepared_id_of(asked))
    assert prepared.status == PreparedStatus.FAILED
    assert prepared.error == (
        "Je gegevens zijn samen groter dan 0 MB en passen niet in één download. "
        "Neem contact op met het bureau; dat stuurt ze je in delen."
    )
    page = client.get(reverse("downloads:status", args=[prepared.pk])).content.decode()
    assert "Het bestand kon niet worden gemaakt:" in page
    assert not prepared.file
    assert not AuditEntry.objects.filter(action=AuditAction.DATA_EXPORTED).exists()


def test_the_office_waits_for_one_export_at_a_time(world, office, other_candidate):
    client = _client(office)
    first = client.post(reverse("dataprotection:office_download", args=[world.candidate.pk]))
    # No commit in this test: the first is still being made when the second is asked.
    second = client.post(reverse("dataprotection:office_download", args=[other_candidate.pk]))
    assert prepared_id_of(second) == prepared_id_of(first)
    page = client.get(second["Location"]).content.decode()
    assert "Je vorige aanvraag wordt nog gemaakt." in page


def test_erasure_deletes_the_exports_and_pdfs_made_of_a_candidate(world, office):
    _zip(_client(world.candidate))
    _zip(_client(office), reverse("dataprotection:office_download", args=[world.candidate.pk]))
    made = list(PreparedFile.objects.all())
    assert {(p.owner_id, p.subject_id) for p in made} == {
        (world.candidate.pk, world.candidate.pk),
        (office.pk, world.candidate.pk),
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        erase_candidate(
            candidate=world.candidate, actor=office, reason=ErasureReason.CANDIDATE_REQUEST
        )
    assert not PreparedFile.objects.exists()
    assert not any(p.file.storage.exists(p.file.name) for p in made)


@pytest.mark.django_db
def test_the_export_holds_the_registration_and_the_objections(
    world, office, django_capture_on_commit_callbacks
):
    candidate = world.candidate
    with django_capture_on_commit_callbacks(execute=True):
        objection_services.lodge_objection(
            review=world.review,
            reasons=f"C2.1 staat op bladzijde 4 {MARKER}",
            files=[pdf_upload("bezwaar.pdf")],
            actor=candidate,
        )
    registration = register_services.register(
        candidate=candidate,
        version=world.portfolio.framework_version,
        starts_on=timezone.localdate(),
        actor=office,
    )
    made = make_certificate(registration_id=registration.pk)
    archive = _zip(_client(candidate))
    data = json.loads(archive.read("gegevens.json"))
    assert data["registratie"]["registratienummer"] == registration.number
    assert data["registratie"]["naam_in_het_register"] == "Xandrijn Quellenberg"
    [objection] = data["bezwaren"]
    assert objection["gronden"].endswith(MARKER)
    assert objection["status"] == "lodged"
    # The attachment's file itself, not only its name.
    attachment = ObjectionAttachment.objects.get()
    [listed] = objection["bijlagen"]
    assert listed["naam"] == "bezwaar.pdf"
    assert listed["sha256"] == attachment.sha256
    assert (
        listed["bestand"]
        == f"bezwaren/bezwaar-{attachment.objection_id}/{attachment.pk}-bezwaar.pdf"
    )
    with attachment.file.open("rb") as handle:
        assert archive.read(listed["bestand"]) == handle.read()
    # And the certificate.
    path = data["registratie"]["certificaat"]["bestand"]
    assert path == f"registratie/certificaat-{registration.number}.pdf"
    with made.file.open("rb") as handle:
        assert archive.read(path) == handle.read()
