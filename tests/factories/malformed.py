"""Malformed, disguised and dangerous files for the upload fuzz test, made in memory.

`malformed_files(seed)` returns a deterministic list of `Malformed` cases; each names the
refusal category the upload check must answer with (the test maps a category to its
exact Dutch message). Only files that are truly invalid are generated: a byte flip is
kept only where it breaks the structure (a PNG chunk guarded by its CRC, a JPEG marker
or segment length, a PDF keyword or cross-reference offset), never in pixel data that
would still decode.
"""

import io
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from tests.factories.files import jpeg_bytes, pdf_bytes, png_bytes


@dataclass(frozen=True)
class Malformed:
    label: str  # what the case is, for the failure report
    name: str  # the file name it is uploaded under
    data: bytes
    category: str  # the refusal expected
    params: dict = field(default_factory=dict)  # values in the expected message


# --- valid bases ----------------------------------------------------------------------------------


def _gradient(size, mode="RGB") -> Image.Image:
    image = Image.new("RGB", size)
    image.putdata(
        [(x * 7 % 256, y * 5 % 256, (x * y) % 256) for y in range(size[1]) for x in range(size[0])]
    )
    return image.convert(mode)


def _save(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def valid_pngs() -> list[bytes]:
    return [
        png_bytes(),
        _save(_gradient((64, 48)), "PNG"),
        _save(_gradient((33, 17), "L"), "PNG"),
        _save(_gradient((20, 20), "P"), "PNG"),
    ]


def valid_jpegs() -> list[bytes]:
    return [
        jpeg_bytes(),
        _save(_gradient((64, 48)), "JPEG", quality=90),
        _save(_gradient((48, 40)), "JPEG", progressive=True),
        _save(_gradient((32, 32), "L"), "JPEG"),
    ]


def text_pdf() -> bytes:
    """A one-page PDF with a text content stream (the kind a word processor makes)."""
    content = b"BT /F1 18 Tf 72 760 Td (Diploma jobcoach) Tj ET"
    return raw_pdf(
        page=b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R",
        extra=[
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
    )


def valid_pdfs() -> list[bytes]:
    return [pdf_bytes(1), pdf_bytes(3), text_pdf()]


# --- a hand-made PDF with correct offsets --------------------------------------------------------


def raw_pdf(*, catalog: bytes = b"", page: bytes = b"", extra=(), version=b"1.7") -> bytes:
    """A PDF with a correct cross-reference table: objects 1 (catalog), 2 (pages),
    3 (page) and `extra` as objects 4, 5, …; `catalog`/`page` add entries."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + page + b" >>",
        *extra,
    ]
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), entries, data)


def _link(action: bytes) -> dict:
    """A page with one link annotation (object 4) carrying `action`."""
    return {
        "page": b"/Annots [4 0 R]",
        "extra": [b"<< /Type /Annot /Subtype /Link /Rect [10 10 100 30] /A " + action + b" >>"],
    }


JS = b"<< /S /JavaScript /JS (app.alert\\('x'\\)) >>"


# Active content, in several places: (label, the `raw_pdf` parts, the refusal category).
# JavaScript: opened, in the names tree, as a stream, hex-escaped, unreferenced, in a link,
# chained after a GoTo, on a form field.
ACTIVE_JAVASCRIPT = [
    ("OpenAction JavaScript", {"catalog": b"/OpenAction " + JS}, "javascript"),
    (
        "JavaScript in the names tree",
        {
            "catalog": b"/Names << /JavaScript << /Names [(a) 4 0 R] >> >>",
            "extra": [JS],
        },
        "javascript",
    ),
    (
        "JavaScript as a stream",
        {
            "catalog": b"/OpenAction 4 0 R",
            "extra": [b"<< /S /JavaScript /JS 5 0 R >>", _stream(b"app.alert(1)")],
        },
        "javascript",
    ),
    (
        "hex-escaped /J#61vaScript names tree",
        {
            "catalog": b"/Names << /J#61vaScript << /Names [(a) 4 0 R] >> >>",
            "extra": [b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"],
        },
        "javascript",
    ),
    ("JavaScript in an unreferenced object", {"extra": [JS]}, "javascript"),
    ("link annotation with JavaScript", _link(JS), "javascript"),
    (
        "GoTo OpenAction chaining JavaScript in /Next",
        {"catalog": b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next " + JS + b" >>"},
        "javascript",
    ),
    (
        "form field keystroke JavaScript",
        {
            "catalog": b"/AcroForm << /Fields [4 0 R] >>",
            "page": b"/Annots [4 0 R]",
            "extra": [
                b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (naam) /Rect [0 0 9 9] "
                b"/AA << /K " + JS + b" >> >>"
            ],
        },
        "javascript",
    ),
]
# Actions that run by themselves, start a program, or send or read form data.
ACTIVE_ACTIONS = [
    (
        "page open action (/AA) with GoTo",
        {"page": b"/AA << /O << /S /GoTo /D [3 0 R /Fit] >> >>"},
        "auto",
    ),
    (
        "document will-close action (/AA)",
        {"catalog": b"/AA << /WC << /S /GoTo /D [3 0 R /Fit] >> >>"},
        "auto",
    ),
    ("OpenAction that prints", {"catalog": b"/OpenAction << /S /Named /N /Print >>"}, "auto"),
    (
        "OpenAction that opens a web address",
        {"catalog": b"/OpenAction << /S /URI /URI (https://example.org/) >>"},
        "auto",
    ),
    (
        "OpenAction Launch",
        {"catalog": b"/OpenAction << /S /Launch /F (calc.exe) >>"},
        "launch",
    ),
    ("link with Launch", _link(b"<< /S /Launch /Win << /F (cmd.exe) >> >>"), "launch"),
    ("hex-escaped /L#61unch", _link(b"<< /S /L#61unch /F (x.sh) >>"), "launch"),
    (
        "link with SubmitForm",
        _link(b"<< /S /SubmitForm /F << /FS /URL /F (http://127.0.0.1:9/) >> >>"),
        "form",
    ),
    ("link with ImportData", _link(b"<< /S /ImportData /F (data.fdf) >>"), "form"),
]
# Embedded files, XFA forms and rich media.
ACTIVE_EMBEDDED = [
    (
        "EmbeddedFiles in the names tree",
        {
            "catalog": b"/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
            "extra": [
                b"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>",
                _stream(b"MZ\x90\x00", b"/Type /EmbeddedFile"),
            ],
        },
        "embedded",
    ),
    (
        "file attachment annotation",
        {
            "page": b"/Annots [4 0 R]",
            "extra": [
                b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS 5 0 R >>",
                b"<< /Type /Filespec /F (a.html) /EF << /F 6 0 R >> >>",
                _stream(b"<script>alert(1)</script>", b"/Type /EmbeddedFile"),
            ],
        },
        "embedded",
    ),
    (
        "XFA form",
        {
            "catalog": b"/AcroForm << /Fields [] /XFA 4 0 R >>",
            "extra": [_stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")],
        },
        "xfa",
    ),
    (
        "RichMedia annotation",
        {
            "page": b"/Annots [4 0 R]",
            "extra": [
                (
                    b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] "
                    b"/RichMediaContent << /Assets << /Names [] >> >> >>"
                )
            ],
        },
        "richmedia",
    ),
]
# Actions that open another document or medium, and unsafe link addresses.
ACTIVE_EXTERNAL = [
    ("link with GoToR", _link(b"<< /S /GoToR /F (ander.pdf) /D [0 /Fit] >>"), "external"),
    (
        "link with GoToE",
        _link(b"<< /S /GoToE /D [0 /Fit] /T << /R /C /N (a) >> >>"),
        "external",
    ),
    ("link with Rendition", _link(b"<< /S /Rendition /OP 0 >>"), "external"),
    ("link with Sound", _link(b"<< /S /Sound /Sound 5 0 R >>"), "external"),
    (
        "link with a javascript: URI",
        _link(b"<< /S /URI /URI (javascript:alert\\(1\\)) >>"),
        "uri",
    ),
    ("link with a file: URI", _link(b"<< /S /URI /URI (file:///etc/passwd) >>"), "uri"),
    ("link with a UNC path URI", _link(b"<< /S /URI /URI (//host/share) >>"), "uri"),
]


def active_pdfs() -> list[tuple[str, bytes, str]]:
    """(label, PDF, category) for every kind of active content, in several places."""
    cases = [*ACTIVE_JAVASCRIPT, *ACTIVE_ACTIONS, *ACTIVE_EMBEDDED, *ACTIVE_EXTERNAL]
    out = []
    for label, parts, category in cases:
        extra = list(parts.get("extra", []))
        if label == "link with Sound":
            extra.append(_stream(b"\x00" * 8, b"/Type /Sound /R 8000"))
        pdf = raw_pdf(catalog=parts.get("catalog", b""), page=parts.get("page", b""), extra=extra)
        out.append((label, pdf, category))
    # The same through pypdf's own writer, as a real tool would make them.
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_open_action(JavaScript("app.alert('x');"))
    out.append(("pypdf add_open_action(JavaScript)", _written(writer), "javascript"))
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("factuur.exe", b"MZ\x90\x00 not really")
    out.append(("pypdf add_attachment", _written(writer), "embedded"))
    return out


def encrypted_pdfs() -> list[tuple[str, bytes]]:
    out = []
    for algorithm, user_password in [
        ("RC4-40", ""),
        ("RC4-128", ""),
        ("AES-128", "geheim"),
        ("AES-256", ""),
    ]:
        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm=algorithm)
        out.append((f"encrypted {algorithm}", _written(writer)))
    return out


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- other kinds of file --------------------------------------------------------------------------

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.domain)</script></svg>\n"
)
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 44
    + b"\x80\x00\x00\x00"
    + b"This program cannot be run in DOS mode.\r\r\n$"
    + b"\x00" * 64
    + b"PE\x00\x00"
)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            # A fixed timestamp: the same bytes on every run.
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def other_kinds() -> list[tuple[str, bytes]]:
    image = _gradient((16, 16))
    return [
        ("HTML", HTML),
        ("SVG with script", SVG),
        ("ZIP", _zip({"diploma.pdf": pdf_bytes(), "run.sh": b"#!/bin/sh\n"})),
        ("DOCX (a ZIP)", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})),
        ("Windows EXE", EXE),
        ("ELF binary", b"\x7fELF\x02\x01\x01" + b"\x00" * 57),
        ("GIF", _save(image, "GIF")),
        ("WebP", _save(image, "WEBP")),
        ("BMP", _save(image, "BMP")),
        ("TIFF", _save(image, "TIFF")),
        ("RTF", b"{\\rtf1\\ansi Diploma}\n"),
        ("plain text", b"Dit is mijn diploma.\n"),
        ("shell script", b"#!/bin/sh\ncurl http://127.0.0.1:9/ | sh\n"),
    ]


# --- byte surgery ---------------------------------------------------------------------------------


def _flip(data: bytes, offset: int, rng: random.Random) -> bytes:
    return data[:offset] + bytes([data[offset] ^ rng.randrange(1, 256)]) + data[offset + 1 :]


def _set(data: bytes, offset: int, value: bytes) -> bytes:
    return data[:offset] + value + data[offset + len(value) :]


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" + b"\x00\x00\x00" * 4)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def jpeg_segments(data: bytes) -> list[tuple[int, int, int]]:
    """(offset of the 0xFF, marker, segment length) of every header segment up to SOS,
    and the EOI at the end."""
    out, pos = [], 2
    while pos < len(data):
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        out.append((pos, marker, length))
        if marker == 0xDA:
            break
        pos += 2 + length
    out.append((len(data) - 2, 0xD9, 0))
    return out


def huge_jpeg(width: int, height: int) -> bytes:
    data = jpeg_bytes()
    for pos, marker, _length in jpeg_segments(data):
        if marker == 0xC0:
            return _set(data, pos + 5, struct.pack(">HH", height, width))
    raise AssertionError("no SOF0")


def _pdf_keyword_offsets(data: bytes) -> list[int]:
    """Offsets of bytes whose change breaks a PDF's structure: the `obj`/`endobj`
    keywords, `xref`, `trailer`, `startxref`, `%%EOF`, and the digits of the
    cross-reference offsets and of startxref's value."""
    offsets = []
    for keyword in (b" obj", b"endobj", b"\nxref", b"trailer", b"startxref", b"%%EOF"):
        start = 0
        while (found := data.find(keyword, start)) >= 0:
            skip = 1 if keyword[:1] in b" \n" else 0
            offsets.extend(range(found + skip, found + len(keyword)))
            start = found + 1
    xref = data.rfind(b"\nxref\n")
    for line_start in range(data.index(b"\n", xref + 6) + 1, data.rfind(b"trailer"), 20):
        if data[line_start + 17 : line_start + 18] == b"n":
            offsets.extend(range(line_start + 7, line_start + 10))  # low digits: a real move
    value = data.rfind(b"startxref\n") + len(b"startxref\n")
    offsets.extend(range(value, data.index(b"\n", value)))
    return sorted(set(offsets))


# --- the list -------------------------------------------------------------------------------------


def malformed_files(seed: int = 20_260_101) -> list[Malformed]:
    """Every case, in a fixed order: the byte surgery draws from one generator seeded with
    `seed`, so the same seed gives the same files."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible fuzz, not a secret
    cases: list[Malformed] = []

    def add(label, name, data, category, **params):
        cases.append(Malformed(label, name, data, category, params))

    # Empty files.
    for name in ("leeg.pdf", "leeg.jpg", "leeg.png"):
        add(f"empty {name}", name, b"", "empty")
    _add_truncated(add, rng)
    _add_broken_pngs(add, rng)
    _add_broken_jpegs(add, rng)
    _add_broken_pdfs(add, rng)
    # Other kinds of file under a PDF, JPEG or PNG name.
    for label, data in other_kinds():
        for name in ("diploma.pdf", "scan.jpg", "scan.png"):
            add(f"{label} named {name}", name, data, "not_allowed")
    _add_polyglots(add)
    _add_huge(add)
    # Encrypted and active PDFs.
    for label, data in encrypted_pdfs():
        add(label, "diploma.pdf", data, "encrypted_pdf")
    for label, data, category in active_pdfs():
        add(label, "diploma.pdf", data, f"active:{category}")
    _add_misnamed(add)
    return cases


def _add_truncated(add, rng: random.Random) -> None:
    """Truncated at many offsets: before the PDF's %%EOF, the JPEG's EOI, the PNG's IEND."""
    for index, pdf in enumerate(valid_pdfs()):
        end = pdf.rfind(b"%%EOF") + 4
        for cut in sorted(rng.sample(range(8, end), 12)):
            add(f"PDF {index} cut at {cut}", "diploma.pdf", pdf[:cut], "invalid_pdf")
    for index, jpeg in enumerate(valid_jpegs()):
        for cut in sorted(rng.sample(range(3, len(jpeg) - 1), 9)):
            add(f"JPEG {index} cut at {cut}", "scan.jpg", jpeg[:cut], "invalid_image")
    for index, png in enumerate(valid_pngs()):
        for cut in sorted(rng.sample(range(8, len(png) - 1), 9)):
            add(f"PNG {index} cut at {cut}", "scan.png", png[:cut], "invalid_image")


def _add_broken_pngs(add, rng: random.Random) -> None:
    """Byte flips that break a PNG's structure."""
    for index, png in enumerate(valid_pngs()):
        # Every byte after the signature is in a chunk's length, type, data or CRC: a
        # change is caught by the length or the CRC.
        for offset in sorted(rng.sample(range(8, len(png)), 8)):
            add(
                f"PNG {index} flip at {offset}",
                "scan.png",
                _flip(png, offset, rng),
                "invalid_image",
            )


def _add_broken_jpegs(add, rng: random.Random) -> None:
    """A JPEG marker without its 0xFF, a segment length beyond the file, a width of 0."""
    for index, jpeg in enumerate(valid_jpegs()):
        for pos, marker, _length in jpeg_segments(jpeg):
            # The first marker is part of the JPEG signature: then it is no JPEG at all.
            add(
                f"JPEG {index} marker {marker:02X} at {pos} lost its 0xFF",
                "scan.jpg",
                _set(jpeg, pos, bytes([rng.choice([0x00, 0x12, 0x7F, 0xFE])])),
                "not_allowed" if pos == 2 else "invalid_image",
            )
            if marker != 0xD9 and index < 2:
                add(
                    f"JPEG {index} marker {marker:02X} at {pos}: length beyond the file",
                    "scan.jpg",
                    _set(jpeg, pos + 2, struct.pack(">H", 0xFFF0)),
                    "invalid_image",
                )
            if marker == 0xC0:
                add(
                    f"JPEG {index} width 0",
                    "scan.jpg",
                    _set(jpeg, pos + 7, b"\x00\x00"),
                    "invalid_image",
                )


def _add_broken_pdfs(add, rng: random.Random) -> None:
    """Byte flips in a PDF's keywords and cross-reference offsets."""
    for index, pdf in enumerate(valid_pdfs()):
        for offset in sorted(rng.sample(_pdf_keyword_offsets(pdf), 8)):
            add(
                f"PDF {index} flip at {offset}",
                "diploma.pdf",
                _flip(pdf, offset, rng),
                "invalid_pdf",
            )


def _add_polyglots(add) -> None:
    """Polyglots: something appended after the end marker, or prepended before %PDF-."""
    pdf, jpeg, png = pdf_bytes(), jpeg_bytes(), png_bytes()
    zip_ = _zip({"payload.html": HTML})
    for label, tail in [
        ("HTML", HTML),
        ("ZIP", zip_),
        ("a JPEG", jpeg),
        ("a PHP script", b"<?php system($_GET['c']); ?>"),
    ]:
        add(f"PDF + {label}", "diploma.pdf", pdf + tail, "trailing_pdf")
    for label, tail in [
        ("ZIP", zip_),
        ("HTML", HTML),
        ("a PDF", pdf),
        ("a JPEG", jpeg),
        ("one byte", b"x"),
    ]:
        add(f"JPEG + {label}", "scan.jpg", jpeg + tail, "trailing_image")
    for label, tail in [
        ("HTML", HTML),
        ("ZIP", zip_),
        ("a PDF", pdf),
        ("a PNG", png),
        ("one byte", b"\x00"),
    ]:
        add(f"PNG + {label}", "scan.png", png + tail, "trailing_image")
    add("PDF + HTML + a second %%EOF", "diploma.pdf", pdf + HTML + b"%%EOF\n", "invalid_pdf")
    for label, head in [
        ("HTML", HTML),
        ("one space", b" "),
        ("a BOM", b"\xef\xbb\xbf"),
        ("a ZIP", zip_),
        ("a GIF", other_kinds()[6][1]),
    ]:
        add(f"{label} before a PDF", "diploma.pdf", head + pdf, "junk_before_pdf")
    for variant in range(3):
        html = HTML + b"<p>%PDF-1." + str(variant + 3).encode() + b" is niet het begin</p>\n"
        add(f"HTML with %PDF later ({variant})", "diploma.pdf", html, "junk_before_pdf")
    add(
        "a 1 MB junk header before a PDF",
        "diploma.pdf",
        b"\x00" * 1_000_000 + pdf,
        "junk_before_pdf",
    )


def _add_huge(add) -> None:
    """Huge: declared dimensions, and a PDF behind a 10 MB junk header."""
    for width, height in [(100_000, 100_000), (65_535, 65_535), (2**31 - 1, 1), (7_746, 7_746)]:
        add(
            f"PNG claiming {width}×{height}",
            "scan.png",
            huge_png(width, height),
            "too_large",
            width=width,
            height=height,
        )
    add(
        "JPEG claiming 65500×65500",
        "scan.jpg",
        huge_jpeg(65_500, 65_500),
        "too_large",
        width=65_500,
        height=65_500,
    )
    giant_ihdr = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 0x7FFFFFFF) + b"IHDR" + b"\x00" * 64
    add("PNG with a 2 GB IHDR length", "scan.png", giant_ihdr, "invalid_image")
    big = b"%" + b"\x00" * (10 * 1024 * 1024) + pdf_bytes()
    add("PDF behind a 10 MB junk header", "diploma.pdf", big, "too_big", size=len(big))


def _add_misnamed(add) -> None:
    """Right content, wrong name."""
    pdf, jpeg, png = pdf_bytes(), jpeg_bytes(), png_bytes()
    for name in (
        "diploma.png",
        "diploma.jpg",
        "diploma.jpeg",
        "diploma.txt",
        "diploma",
        "diploma.pdf.exe",
        "diploma.html",
    ):
        add(f"PDF named {name}", name, pdf, "extension", ext=_extension(name), kind="PDF")
    for name in ("scan.png", "scan.pdf", "scan.gif", "scan.jpg.svg"):
        add(f"JPEG named {name}", name, jpeg, "extension", ext=_extension(name), kind="JPEG")
    for name in ("scan.jpg", "scan.jpeg", "scan.pdf", "scan.webp"):
        add(f"PNG named {name}", name, png, "extension", ext=_extension(name), kind="PNG")


def _extension(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1] if "." in name else "geen extensie"


# --- a PDF that inflates --------------------------------------------------------------------------


def inflating_pdf(megabytes: int, streams: int = 1) -> bytes:
    """A small PDF whose object streams each inflate to `megabytes` MB when read: the
    walk has to open them to see the objects inside (a cross-reference stream lists
    them). Every offset and keyword is right, so only the size gives it away."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    first = len(objects) + 1  # the object streams are objects 4 … 3+streams
    inside = first + streams  # the objects inside them: one per stream
    for index in range(streams):
        content = b"%d 0 " % (inside + index)
        body = content + b"<< /Filler true >>" + b" " * (megabytes * 1_000_000)
        data = zlib.compress(body, 9)
        objects.append(
            b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n"
            b"stream\n%s\nendstream" % (len(content), len(data), data)
        )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_number = inside + streams
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offset, 0) for offset in offsets]
    rows += [struct.pack(">BIH", 2, first + index, 0) for index in range(streams)]
    xref_offset = len(out)
    rows.append(struct.pack(">BIH", 1, xref_offset, 0))
    table = b"".join(rows)
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\n"
        b"stream\n%s\nendstream\nendobj\n" % (xref_number, xref_number + 1, len(table), table)
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)
