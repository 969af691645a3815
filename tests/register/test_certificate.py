"""The certificate PDF: what it prints (the fingerprint on one line, the verification
URL and its QR code), made once per content, re-made on a renewal or a status change,
and downloadable by the job coach and the office only (audited)."""

import hashlib
import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import pypdf
import pytest
import qrcode
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.enums import Decision, ReviewState
from assessment.models import Review
from audit.enums import AuditAction
from audit.models import AuditEntry
from portfolio.models import Snapshot
from register import certificate, services
from register.enums import RegistrationStatus
from register.models import Certificate, Registration
from tests.factories.portfolios import make_portfolio

FINGERPRINT = "0123456789abcdef" * 4
SITE = "https://register.example.nl"


@pytest.fixture
def granted(seeded_version, candidate, office, settings):
    """A registration granted on a review whose portfolio was sealed (round 1)."""
    settings.SITE_URL = SITE
    candidate.first_name, candidate.last_name = "Kim", "de Vries"
    candidate.save()
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    Snapshot.objects.update_or_create(
        portfolio=portfolio, round=1, defaults={"content": {}, "sha256": FINGERPRINT}
    )
    review = Review.objects.create(
        portfolio=portfolio,
        state=ReviewState.DECIDED,
        decision=Decision.GRANTED,
        decided_at=timezone.now(),
    )
    return services.register(
        candidate=candidate,
        version=seeded_version,
        starts_on=date(2026, 3, 1),
        actor=office,
        review=review,
    )


def _text(certificate_row) -> str:
    with certificate_row.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def test_what_the_certificate_prints(granted):
    made = certificate.make_certificate(registration_id=granted.pk, today=date(2026, 3, 2))
    text = _text(made)
    assert "Kim de Vries" in text
    assert granted.number in text
    assert "1 maart 2026" in text  # valid from, local date in Dutch
    assert "28 februari 2030" in text  # valid until: 48 months of the default policy
    assert f"{SITE}/verifieer/{granted.number}/" in text
    assert "Stand van de registratie op 2 maart 2026: geldig." in text
    # The whole fingerprint on one line: copied, it matches the submission's.
    assert FINGERPRINT in text
    assert re.search(rf"^{FINGERPRINT}$", text, re.MULTILINE)
    with made.file.open("rb") as handle:
        assert made.sha256 == hashlib.sha256(handle.read()).hexdigest()
    entry = AuditEntry.objects.get(action=AuditAction.CERTIFICATE_GENERATED)
    assert (entry.actor_id, entry.subject_user_id) == (None, granted.candidate_id)
    assert made.file.name.startswith(f"certificates/{granted.candidate_id}/")


def _svg_matrix(svg: str) -> list[list[bool]]:
    """The modules an SVG path of qrcode's SvgPathImage draws, as a boolean matrix."""
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    size = int(float(root.get("viewBox").split()[2]))
    path = next(el for el in root.iter() if el.tag.endswith("path")).get("d")
    dark = {(int(x), int(y)) for x, y in re.findall(r"M(\d+),(\d+)H", path)}
    return [[(x, y) in dark for x in range(size)] for y in range(size)]


def _matrix(url: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def test_the_qr_code_encodes_the_verification_url(granted):
    url = certificate.verify_url(granted.number)
    assert url == f"{SITE}/verifieer/{granted.number}/"
    drawn = _svg_matrix(certificate.qr_svg(url))
    assert drawn == _matrix(url)
    assert drawn != _matrix(f"{SITE}/verifieer/RJC-1999-00001/")
    # The PDF draws every dark module of that code (one subpath each).
    made = certificate.make_certificate(registration_id=granted.pk)
    with made.file.open("rb") as handle:
        page = pypdf.PdfReader(io.BytesIO(handle.read())).pages[0]
    stream = page.get_contents().get_data().decode("latin-1")
    dark = sum(cell for row in drawn for cell in row)
    assert stream.count(" m\n") >= dark


def test_made_once_then_remade_when_renewed_or_struck_off(
    granted, office, django_capture_on_commit_callbacks
):
    first = certificate.make_certificate(registration_id=granted.pk)
    first_file = first.file.name
    assert certificate.make_certificate(registration_id=granted.pk) is None  # idempotent
    assert AuditEntry.objects.filter(action=AuditAction.CERTIFICATE_GENERATED).count() == 1

    # A renewal (a new valid-until) re-makes it; the old file goes after commit.
    Registration.objects.filter(pk=granted.pk).update(valid_until=date(2034, 2, 28))
    with django_capture_on_commit_callbacks(execute=True):
        renewed = certificate.make_certificate(registration_id=granted.pk)
    assert renewed.pk == first.pk
    assert renewed.file.name != first_file
    assert not default_storage.exists(first_file)
    assert "28 februari 2034" in _text(renewed)

    # Striking off changes what the verification answers: the saved status queues it.
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            registration=granted, to=RegistrationStatus.STRUCK_OFF, actor=office, reason="Klacht"
        )
    struck = Certificate.objects.get(registration=granted)
    assert "doorgehaald" in _text(struck)
    assert AuditEntry.objects.filter(action=AuditAction.CERTIFICATE_GENERATED).count() == 3


def test_a_grant_queues_it_and_a_publication_change_makes_nothing(
    seeded_version, candidate, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(
            candidate=candidate, version=seeded_version, starts_on=date(2026, 3, 1), actor=office
        )
    made = Certificate.objects.get(registration=registration)
    assert "SHA-256" not in _text(made)  # no review: no sealed portfolio to print
    with django_capture_on_commit_callbacks(execute=True):
        services.set_publication(
            registration=registration, actor=candidate, place="Ede", show_place=True
        )
    assert Certificate.objects.get(registration=registration).file.name == made.file.name


def test_a_stray_file_in_the_folder_is_removed(granted):
    stray = default_storage.save(f"certificates/{granted.candidate_id}/stray.pdf", io.BytesIO(b"x"))
    made = certificate.make_certificate(registration_id=granted.pk)
    assert not default_storage.exists(stray)
    assert default_storage.exists(made.file.name)


def test_the_coach_and_the_office_download_it(granted, candidate_client, office_client):
    certificate.make_certificate(registration_id=granted.pk)
    url = f"/certificaat/{granted.number}/"
    for client in (candidate_client, office_client):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        # Reading it to the end closes the file (the test client's wrapper).
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    downloads = AuditEntry.objects.filter(action=AuditAction.CERTIFICATE_DOWNLOADED)
    assert downloads.count() == 2
    assert {e.subject_user_id for e in downloads} == {granted.candidate_id}


def test_nobody_else_gets_it(granted, other_candidate, assessor_client):
    certificate.make_certificate(registration_id=granted.pk)
    url = f"/certificaat/{granted.number}/"
    client = Client()
    client.force_login(other_candidate)
    assert client.get(url).status_code == 404
    assert assessor_client.get(url).status_code == 404
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/certificaat/RJC-1999-99999/").status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.CERTIFICATE_DOWNLOADED).exists()


def test_while_it_is_made_the_pages_say_so_and_queue_it_once(
    granted, candidate_client, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "register.tasks.make_certificate.delay", lambda **kwargs: queued.append(kwargs)
    )
    url = f"/certificaat/{granted.number}/"
    for _click in range(2):  # a double click
        response = candidate_client.get(url)
        assert response.status_code == 200
        assert "Het certificaat wordt gemaakt" in response.content.decode()
    mine = candidate_client.get("/mijn-registratie/").content.decode()
    assert "Het certificaat wordt gemaakt" in mine
    assert f'href="{url}"' not in mine
    assert queued == [{"registration_id": granted.pk}]

    certificate.make_certificate(registration_id=granted.pk)
    mine = candidate_client.get("/mijn-registratie/").content.decode()
    assert f'href="{url}"' in mine
    assert "Het certificaat wordt gemaakt" not in mine


def test_the_office_finds_it_on_the_registration_in_the_admin(granted, office_client):
    url = reverse("admin:register_registration_change", args=[granted.pk])
    html = office_client.get(url).content.decode()
    assert f'href="/certificaat/{granted.number}/"' in html


def test_the_download_queries(granted, candidate_client, django_assert_num_queries):
    certificate.make_certificate(registration_id=granted.pk)
    url = f"/certificaat/{granted.number}/"
    b"".join(candidate_client.get(url).streaming_content)  # warm: the session's first read
    # 1 session, 2 user, 3 the registration, 4 the policies, 5 its framework version,
    # 6 the sealed snapshot, 7 the certificate, 8 the audit entry
    with django_assert_num_queries(8):
        response = candidate_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
