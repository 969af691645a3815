import contextvars
import io
import logging
import resource
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf._configuration import get_configuration

from portfolio import pdfcheck
from portfolio.validators import ACTIVE_CONTENT, check_upload, safe_filename
from tests.factories.files import jpeg_bytes, pdf_bytes, png_bytes, upload
from tests.factories.malformed import huge_png, inflating_pdf, raw_pdf, text_pdf

MB = 1_000_000


def test_a_real_pdf_png_and_jpeg_are_accepted():
    pdf = check_upload(upload("diploma.pdf", pdf_bytes(2)), max_bytes=10 * MB)
    assert (pdf.kind, pdf.content_type, len(pdf.sha256)) == ("pdf", "application/pdf", 64)
    assert check_upload(upload("scan.png", png_bytes(), "image/png"), max_bytes=MB).kind == "png"
    jpeg = check_upload(upload("scan.JPG", jpeg_bytes(), "image/jpeg"), max_bytes=MB)
    assert jpeg.content_type == "image/jpeg"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("diploma.pdf", b"<html><script>alert(1)</script></html>", "Alleen PDF-, JPEG- en PNG"),
        ("leeg.pdf", b"", "Het bestand is leeg."),
        ("kapot.pdf", pdf_bytes()[:200], "geen geldig PDF-document"),
        ("kapot.png", png_bytes()[:60], "kan niet worden gelezen"),
        ("diploma.png", pdf_bytes(), "past niet bij de inhoud"),
        ("diploma", pdf_bytes(), "past niet bij de inhoud"),
        ("archief.pdf", b"PK\x03\x04" + b"\x00" * 100, "Alleen PDF-, JPEG- en PNG"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(name, data, message):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, data), max_bytes=10 * MB)
    assert message in " ".join(error.value.messages)


def test_an_oversized_file_is_refused_before_it_is_parsed():
    big = upload("groot.pdf", pdf_bytes() + b"\n%" + b"x" * (2 * MB))
    with pytest.raises(ValidationError) as error:
        check_upload(big, max_bytes=1 * MB)
    assert error.value.messages == ["Het bestand is 2,0 MB; het maximum is 1 MB."]


@pytest.mark.parametrize(
    ("size", "shown"), [(10_000_001, "10,1"), (10_049_999, "10,1"), (10_486_192, "10,5")]
)
def test_a_file_just_over_the_limit_never_reads_as_the_limit(size, shown):
    with pytest.raises(ValidationError) as error:
        check_upload(upload("groot.pdf", b"%PDF-" + b"x" * (size - 5)), max_bytes=10 * MB)
    assert error.value.messages == [f"Het bestand is {shown} MB; het maximum is 10 MB."]


def test_file_names_are_sanitised():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Users\\kim\\Mijn diploma (2020).pdf") == "Mijn diploma (2020).pdf"
    assert safe_filename("<script>.pdf") == "script_.pdf"
    assert safe_filename("...") == "document"


def _refusal(name: str, data: bytes) -> list[str]:
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, data), max_bytes=10 * MB)
    return error.value.messages


def test_a_pdf_that_pypdf_had_to_repair_is_refused():
    pdf = pdf_bytes(2)
    moved = pdf.replace(b"0000000015 00000 n", b"0000000016 00000 n")  # an xref entry off by one
    no_root = pdf.replace(b"/Root", b"/Rooz")  # pypdf would go looking for the catalog
    broken_keyword = pdf.replace(b"2 0 obj", b"2 0 ojb", 1)
    invalid = ["Het bestand is geen geldig PDF-document (het is beschadigd of onvolledig)."]
    assert _refusal("a.pdf", moved) == invalid
    assert _refusal("a.pdf", no_root) == invalid
    assert _refusal("a.pdf", broken_keyword) == invalid
    # The handler that collects pypdf's repairs is gone again afterwards.
    assert not any(type(h).__name__ == "_RepairLog" for h in logging.getLogger("pypdf").handlers)


def test_a_repaired_pdf_is_refused_even_with_quiet_logging():
    pypdf_logger = logging.getLogger("pypdf")
    before = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)  # setLevel, not setattr: it clears the level cache
    try:
        moved = pdf_bytes(2).replace(b"0000000015 00000 n", b"0000000016 00000 n")
        assert _refusal("a.pdf", moved) == [
            "Het bestand is geen geldig PDF-document (het is beschadigd of onvolledig)."
        ]
    finally:
        pypdf_logger.setLevel(before)


def test_active_content_is_found_wherever_it_hides():
    javascript = (
        "Het PDF-bestand bevat JavaScript en wordt daarom om veiligheidsredenen geweigerd. "
        "Sla het document opnieuw op als gewone PDF (bijvoorbeeld met ‘Afdrukken als PDF’) en "
        "upload het opnieuw."
    )
    unreferenced = raw_pdf(extra=[b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"])
    escaped_name = raw_pdf(
        catalog=b"/Names << /J#61vaScript << /Names [(a) 4 0 R] >> >>",
        extra=[b"<< /S /J#61vaScript /J#53 (x) >>"],
    )
    assert _refusal("a.pdf", unreferenced) == [javascript]
    assert _refusal("a.pdf", escaped_name) == [javascript]


def test_harmless_pdf_features_are_accepted():
    for data in (
        raw_pdf(catalog=b"/OpenAction [3 0 R /Fit]"),
        raw_pdf(catalog=b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"),
        raw_pdf(
            page=b"/Annots [4 0 R]",
            extra=[
                (
                    b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] "
                    b"/A << /S /URI /URI (https://a.nl/) >> >>"
                )
            ],
        ),
        text_pdf() + b"\r\n\x00\x00",  # padding after %%EOF, as some scanners write
    ):
        assert check_upload(upload("a.pdf", data), max_bytes=MB).kind == "pdf"


def test_real_world_image_variants_are_accepted():
    def save(image, fmt, **options):
        buffer = io.BytesIO()
        image.save(buffer, format=fmt, **options)
        return buffer.getvalue()

    image = Image.new("RGB", (64, 64), (10, 20, 30))
    exif = image.getexif()
    exif[0x010F] = "Scanner"
    variants = [
        ("exif.jpg", save(image, "JPEG", exif=exif, icc_profile=b"x" * 3000, comment=b"scan")),
        ("restart.jpg", save(image, "JPEG", restart_marker_rows=1)),
        ("progressive.jpg", save(image, "JPEG", progressive=True)),
        ("cmyk.jpg", save(image.convert("CMYK"), "JPEG")),
        ("rgba.png", save(image.convert("RGBA"), "PNG")),
        ("bitonal.png", save(image.convert("1"), "PNG")),
    ]
    variants += [
        ("palette.png", save(image.convert("P"), "PNG")),
        ("grey16.png", save(image.convert("I;16"), "PNG")),
        ("grey-alpha.png", save(image.convert("LA"), "PNG")),
        ("odd-width.png", save(Image.new("1", (13, 7)), "PNG")),
        ("interlaced.png", _png(13, 7, depth=8, colour=2, interlace=1, rows=None)),
    ]
    for name, data in variants:
        assert check_upload(upload(name, data), max_bytes=MB).kind in {"jpeg", "png"}, name


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(width, height, *, depth=8, colour=2, interlace=0, rows=None, extra=b"") -> bytes:
    """A PNG built by hand, every chunk's CRC right. `rows` = how many rows of pixel data
    to include (None: all of them, for every Adam7 pass when interlaced)."""
    row = 1 + (width * depth * {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour] + 7) // 8
    if interlace:
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4)]
        passes += [(1, 0, 2, 2), (0, 1, 1, 2)]
        pixels = b"".join(
            b"\0" * (1 + ((width - x + dx - 1) // dx * depth * 3 + 7) // 8)
            for x, y, dx, dy in passes
            if width > x and height > y
            for _row in range((height - y + dy - 1) // dy)
        )
    else:
        pixels = b"\0" * row * (height if rows is None else rows)
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(pixels + extra))
        + _chunk(b"IEND", b"")
    )


def test_a_png_with_missing_or_extra_pixel_rows_is_refused():
    """Every chunk intact, but the pixel data holds 10 of the 7,745 rows the header
    declares: Pillow decoded it without complaint and it was accepted."""
    unreadable = ["De afbeelding kan niet worden gelezen (beschadigd of onvolledig)."]
    assert check_upload(upload("a.png", _png(100, 7745)), max_bytes=MB).kind == "png"
    assert _refusal("a.png", _png(100, 7745, rows=10)) == unreadable
    assert _refusal("a.png", _png(100, 7745, rows=7744)) == unreadable
    assert _refusal("a.png", _png(100, 30, extra=b"\0" * 5000)) == unreadable
    # A stream that is cut off (no zlib end) with the right length up to the cut.
    cut = _png(100, 30)
    body = zlib.compress(b"\0" * 301 * 30)[:-6]
    broken = cut[:33] + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")
    assert _refusal("a.png", broken) == unreadable


def test_an_image_is_refused_by_its_declared_size_before_decoding():
    assert _refusal("a.png", huge_png(100_000, 100_000)) == [
        "De afbeelding is te groot (100000 × 100000 pixels); het maximum is 60 miljoen pixels."
    ]
    trailing = (
        "Na het einde van de afbeelding staan nog andere gegevens (bijvoorbeeld een verborgen "
        "bestand). Sla de afbeelding opnieuw op en upload haar opnieuw."
    )
    assert _refusal("a.png", png_bytes() + b"<html>") == [trailing]


def test_the_pdf_walk_is_bounded(monkeypatch):
    monkeypatch.setattr("portfolio.validators.MAX_PDF_OBJECTS", 3)
    assert _refusal("a.pdf", pdf_bytes(3)) == ["Het PDF-bestand is te complex om te controleren."]


def test_a_pdf_that_inflates_is_refused_in_a_bounded_child_process():
    """A small file whose object streams inflate to 30 MB each (the probe's held a worker
    for a minute at 607 MB): the walk runs in a child process whose streams may inflate
    to 20 MB at most, under an address-space and a CPU limit."""
    too_complex = ["Het PDF-bestand is te complex om te controleren."]
    bomb = inflating_pdf(30, streams=2)
    assert len(bomb) < 100_000
    assert _refusal("a.pdf", bomb) == too_complex
    # The same structure within the limits is an ordinary PDF.
    assert check_upload(upload("a.pdf", inflating_pdf(1, streams=2)), max_bytes=MB).kind == "pdf"


def test_a_pdf_check_that_takes_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr("portfolio.pdfcheck.WALL_SECONDS", 0.001)
    assert _refusal("a.pdf", pdf_bytes()) == ["Het PDF-bestand is te complex om te controleren."]


def test_the_child_limits_itself_before_reading(monkeypatch):
    limits = {}
    monkeypatch.setattr(
        "portfolio.pdfcheck.resource.setrlimit", lambda kind, value: limits.update({kind: value})
    )
    child = contextvars.copy_context()  # pypdf's configuration is a context variable
    child.run(pdfcheck._limit_this_process)
    assert limits == {
        resource.RLIMIT_AS: (pdfcheck.MEMORY_BYTES, pdfcheck.MEMORY_BYTES),
        resource.RLIMIT_CPU: (pdfcheck.CPU_SECONDS, pdfcheck.CPU_SECONDS),
    }
    assert child.run(get_configuration).zlib_maximum_output_length == pdfcheck.STREAM_BYTES
    assert get_configuration().zlib_maximum_output_length == 75_000_000  # this process: as is


def test_every_active_category_has_a_message():
    assert set(pdfcheck.ACTIVE_ORDER) == set(ACTIVE_CONTENT)
