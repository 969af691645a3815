import pytest
from django.core.exceptions import ValidationError

from portfolio.validators import check_upload, safe_filename
from tests.factories.files import jpeg_bytes, pdf_bytes, png_bytes, upload

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
