"""Fuzz the upload view with hundreds of malformed, disguised and dangerous files.

Every file goes through the real page (a POST to the portfolio's upload URL, as the
browser sends it); each must be refused with the exact Dutch message of its category,
leave no Document row and leave the private storage folder empty. Valid files of every
accepted kind still go through.
"""

import collections
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portfolio.models import Document
from tests.factories.malformed import (
    malformed_files,
    raw_pdf,
    valid_jpegs,
    valid_pdfs,
    valid_pngs,
)

SEED = 20_260_101

ACTIVE = (
    "Het PDF-bestand bevat {what} en wordt daarom om veiligheidsredenen geweigerd. Sla het "
    "document opnieuw op als gewone PDF (bijvoorbeeld met ‘Afdrukken als PDF’) en upload het "
    "opnieuw."
)
MESSAGES = {
    "empty": "Bestand (PDF, JPEG of PNG): Het bestand is leeg.",
    "not_allowed": "Alleen PDF-, JPEG- en PNG-bestanden zijn toegestaan; dit bestand is dat niet.",
    "junk_before_pdf": (
        "Het bestand begint niet met %PDF-: er staan andere gegevens vóór het PDF-document. "
        "Sla het document opnieuw op als PDF en upload het opnieuw."
    ),
    "invalid_pdf": "Het bestand is geen geldig PDF-document (het is beschadigd of onvolledig).",
    "trailing_pdf": (
        "Na het einde van het PDF-document (%%EOF) staan nog andere gegevens. "
        "Sla het document opnieuw op als PDF en upload het opnieuw."
    ),
    "encrypted_pdf": "Het PDF-bestand is beveiligd met een wachtwoord.",
    "invalid_image": "De afbeelding kan niet worden gelezen (beschadigd of onvolledig).",
    "trailing_image": (
        "Na het einde van de afbeelding staan nog andere gegevens (bijvoorbeeld een verborgen "
        "bestand). Sla de afbeelding opnieuw op en upload haar opnieuw."
    ),
    "too_large": (
        "De afbeelding is te groot ({width} × {height} pixels); het maximum is 60 miljoen pixels."
    ),
    "too_big": "Het bestand is {size} MB; het maximum is 10 MB.",
    "extension": "De bestandsnaam ({ext}) past niet bij de inhoud ({kind}).",
    "active:javascript": ACTIVE.format(what="JavaScript"),
    "active:launch": ACTIVE.format(what="een opdracht die een programma of bestand start (Launch)"),
    "active:embedded": ACTIVE.format(what="een ingesloten bestand (bijlage)"),
    "active:form": ACTIVE.format(what="een formulieractie die gegevens verstuurt of inleest"),
    "active:xfa": ACTIVE.format(what="een XFA-formulier"),
    "active:richmedia": ACTIVE.format(what="ingesloten media (RichMedia)"),
    "active:external": ACTIVE.format(what="een actie die een ander document of medium opent"),
    "active:auto": ACTIVE.format(what="een automatische actie (bij het openen of bekijken)"),
    "active:uri": ACTIVE.format(
        what="een link met een onveilig adres (alleen http, https en mailto mogen)"
    ),
}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


def _expected(case) -> str:
    params = dict(case.params)
    if case.category == "too_big":
        params["size"] = f"{case.params['size'] / 1_000_000:.1f}".replace(".", ",")
    return MESSAGES[case.category].format(**params)


def _stored_files(settings) -> list:
    from pathlib import Path  # noqa: PLC0415

    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def upload_url(candidate_client, portfolio):
    section_a = portfolio.framework_version.sections.get(code="A")
    basic = section_a.education_requirements.get(level="basic", number=1)
    supplementary = section_a.education_requirements.get(level="supplementary", number=4)
    candidate_client.post(
        reverse("portfolio:choose_routes", args=[portfolio.pk]),
        {"basic_route": basic.pk, "supplementary_route": supplementary.pk},
    )
    return reverse("portfolio:upload", args=[portfolio.pk, "route", basic.pk])


def _post(client, url, name, data):
    # Only this upload's message is wanted: drop the ones an earlier response queued.
    client.cookies.pop("messages", None)
    content_type = CONTENT_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
    return client.post(
        url,
        {"file": SimpleUploadedFile(name, data, content_type), "document_date": "2020-06-30"},
    )


def test_the_generator_is_deterministic_and_large_enough():
    first, second = malformed_files(SEED), malformed_files(SEED)

    def fingerprint(cases):
        # Byte for byte, except where pypdf's writer puts random IDs, keys or names.
        random_inside = ("encrypted ", "pypdf ")
        return [(c.label, c.category, c.label.startswith(random_inside) or c.data) for c in cases]

    assert fingerprint(first) == fingerprint(second)
    assert len(first) >= 200
    assert len({c.label for c in first}) == len(first)


@pytest.mark.django_db
def test_every_malformed_file_is_refused_through_the_upload_view(
    candidate_client, portfolio, upload_url, settings
):
    cases = malformed_files(SEED)
    section_url = reverse("portfolio:section", args=[portfolio.pk, "A"])
    refused = collections.Counter()
    failures = []
    for case in cases:
        response = _post(candidate_client, upload_url, case.name, case.data)
        shown = [m.message for m in get_messages(response.wsgi_request)]
        expected = _expected(case)
        if response.status_code != 302 or not response["Location"].startswith(section_url):
            failures.append((case.label, "status", response.status_code))
        elif shown != [expected]:
            failures.append((case.label, shown, expected))
        else:
            refused[case.category] += 1
        assert not Document.objects.exists(), case.label
        assert _stored_files(settings) == [], case.label
    assert failures == [], "\n".join(map(str, failures))
    assert sum(refused.values()) == len(cases)
    # The figures reported for the issue (seed 20260101).
    assert len(cases) == 342
    assert dict(refused) == {
        "empty": 3,
        "invalid_pdf": 61,  # truncated (36) and structural byte flips (24), second %%EOF
        "invalid_image": 157,  # truncated (72), byte flips / broken markers, giant IHDR
        "not_allowed": 43,  # HTML, SVG, ZIP, EXE, GIF, WebP… under .pdf/.jpg/.png
        "trailing_pdf": 4,
        "trailing_image": 10,
        "junk_before_pdf": 9,
        "too_large": 5,
        "too_big": 1,
        "encrypted_pdf": 4,
        "extension": 15,
        "active:javascript": 9,
        "active:auto": 4,
        "active:launch": 3,
        "active:form": 2,
        "active:embedded": 3,
        "active:xfa": 1,
        "active:richmedia": 1,
        "active:external": 4,
        "active:uri": 3,
    }


@pytest.mark.django_db
def test_the_refusal_is_shown_on_the_page_escaped(candidate_client, upload_url):
    response = candidate_client.post(
        upload_url,
        {
            "file": SimpleUploadedFile("<b>diploma</b>.pdf", b"%PDF-1.7\n<script>x</script>"),
            "document_date": "2020-06-30",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Het bestand is geen geldig PDF-document (het is beschadigd of onvolledig)." in html
    assert "<script>x</script>" not in html
    assert not Document.objects.exists()


def _positives():
    pdfs = [(f"diploma-{i}.pdf", data) for i, data in enumerate(valid_pdfs())]
    pdfs += [
        ("open-op-pagina.pdf", raw_pdf(catalog=b"/OpenAction [3 0 R /Fit]")),
        ("goto.pdf", raw_pdf(catalog=b"/OpenAction << /S /GoTo /D [3 0 R /FitH 800] >>")),
        (
            "met-link.pdf",
            raw_pdf(
                page=b"/Annots [4 0 R 5 0 R]",
                extra=[
                    (
                        b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] "
                        b"/A << /S /URI /URI (https://www.registerjobcoach.nl/) >> >>"
                    ),
                    (
                        b"<< /Type /Annot /Subtype /Link /Rect [0 20 9 29] "
                        b"/A << /S /URI /URI (mailto:bureau@example.nl) >> >>"
                    ),
                ],
            ),
        ),
        ("trailing-newlines.pdf", valid_pdfs()[0] + b"\r\n\x00\n"),
    ]
    images = [(f"scan-{i}.jpg", data) for i, data in enumerate(valid_jpegs())]
    images += [(f"scan-{i}.PNG", data) for i, data in enumerate(valid_pngs())]
    images += [("scan.jpeg", valid_jpegs()[0])]
    return pdfs + images


@pytest.mark.django_db
def test_valid_files_are_still_accepted_and_stored_under_random_keys(
    candidate_client, portfolio, upload_url, settings
):
    positives = _positives()
    for name, data in positives:
        response = _post(candidate_client, upload_url, name, data)
        shown = [m.message for m in get_messages(response.wsgi_request)]
        assert shown == [f"{name} is geüpload."], name
    documents = list(Document.objects.order_by("pk"))
    assert [d.original_name for d in documents] == [name for name, _data in positives]
    assert len(positives) == 16
    for document in documents:
        assert re.fullmatch(rf"portfolios/{portfolio.pk}/[0-9a-f]{{32}}", document.file.name)
    assert len({d.file.name for d in documents}) == len(documents)
    assert len(_stored_files(settings)) == len(documents)


@pytest.mark.django_db
def test_a_hostile_file_name_is_sanitised_and_the_key_stays_random(
    candidate_client, portfolio, upload_url
):
    hostile = "..\\..\\<img src=x onerror=alert(1)>diploma\u202egpj.pdf"
    response = _post(candidate_client, upload_url, hostile, valid_pdfs()[0])
    shown = [m.message for m in get_messages(response.wsgi_request)]
    assert shown == ["img src_x onerror_alert(1)_diplomagpj.pdf is geüpload."]
    document = Document.objects.get()
    assert document.original_name == "img src_x onerror_alert(1)_diplomagpj.pdf"  # no U+202E
    assert re.fullmatch(rf"portfolios/{portfolio.pk}/[0-9a-f]{{32}}", document.file.name)
