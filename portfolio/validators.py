"""Checks that an uploaded file is what it claims to be (PDF, JPEG or PNG).

The file name and the browser's content type are not trusted: the bytes are parsed.

- A PDF must start with `%PDF-` (nothing before it), end with `%%EOF` (nothing but
  whitespace after it), and — in a child process with hard limits on memory, CPU and
  inflated stream size (portfolio.pdfcheck) — parse with pypdf in strict mode, have
  pages, and be neither encrypted nor active: every object in the file (reachable from
  the trailer or merely listed in the cross-reference table) is walked, and JavaScript,
  automatic actions (`/AA`, an `/OpenAction` that is an action), `/Launch`,
  `/SubmitForm`, `/ImportData`, actions that open other files or media (`/GoToR`,
  `/GoToE`, `/Rendition`, `/Movie`, `/Sound`), embedded files, RichMedia, XFA forms and
  links with a scheme other than http(s)/mailto are refused. An `/OpenAction` that is
  only a destination (an array, or a `/GoTo` action) is allowed: it merely opens the
  document at a page.
- An image's structure is walked first (PNG chunks with their CRCs up to `IEND`, JPEG
  segments up to `EOI`): nothing may follow the end marker, so a polyglot (a ZIP or
  HTML appended to an image) is refused, and the declared size is checked before any
  pixel is decoded. A PNG's pixel data must inflate to exactly the rows its header
  declares (Pillow accepts a stream that ends early). Then Pillow decodes every pixel.

Every refusal is a `ValidationError` with a Dutch message that says what is wrong.
"""

import hashlib
import io
import logging
import math
import re
import struct
import subprocess
import sys
import threading
import unicodedata
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError

from portfolio import pdfcheck

logger = logging.getLogger(__name__)

ALLOWED = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"pdf": {".pdf"}, "jpeg": {".jpg", ".jpeg"}, "png": {".png"}}
# A decompression-bomb guard: scanned documents are far below this.
MAX_IMAGE_PIXELS = 60_000_000
# A bound on the dictionaries and arrays walked, so a crafted PDF cannot keep the check busy.
MAX_PDF_OBJECTS = 1_000_000
_TRUNCATED_LOCK = threading.Lock()

PDF_HEADER = re.compile(rb"%PDF-(1\.[0-7]|2\.0)[\r\n\s%]")
PDF_TRAILING_ALLOWED = b" \t\r\n\f\x00"


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    sha256: str
    size: int
    safe_name: str


def safe_filename(name: str) -> str:
    """A display name without paths, control characters or odd punctuation."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^\w.\- ()]+", "_", name).strip(" ._") or "document"
    return name[:150]


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


# --- messages -------------------------------------------------------------------------------------


def not_allowed_message() -> str:
    return _("Alleen PDF-, JPEG- en PNG-bestanden zijn toegestaan; dit bestand is dat niet.")


def junk_before_pdf_message() -> str:
    return _(
        "Het bestand begint niet met %PDF-: er staan andere gegevens vóór het PDF-document. "
        "Sla het document opnieuw op als PDF en upload het opnieuw."
    )


def invalid_pdf_message() -> str:
    return _("Het bestand is geen geldig PDF-document (het is beschadigd of onvolledig).")


def trailing_pdf_message() -> str:
    return _(
        "Na het einde van het PDF-document (%%EOF) staan nog andere gegevens. "
        "Sla het document opnieuw op als PDF en upload het opnieuw."
    )


def encrypted_pdf_message() -> str:
    return _("Het PDF-bestand is beveiligd met een wachtwoord.")


def no_pages_message() -> str:
    return _("Het PDF-bestand heeft geen pagina's.")


# What an active PDF carries, in order of importance (the first found is named).
ACTIVE_CONTENT = {
    "javascript": lambda: _("JavaScript"),
    "launch": lambda: _("een opdracht die een programma of bestand start (Launch)"),
    "embedded": lambda: _("een ingesloten bestand (bijlage)"),
    "form": lambda: _("een formulieractie die gegevens verstuurt of inleest"),
    "xfa": lambda: _("een XFA-formulier"),
    "richmedia": lambda: _("ingesloten media (RichMedia)"),
    "external": lambda: _("een actie die een ander document of medium opent"),
    "auto": lambda: _("een automatische actie (bij het openen of bekijken)"),
    "uri": lambda: _("een link met een onveilig adres (alleen http, https en mailto mogen)"),
}


def active_pdf_message(category: str) -> str:
    return _(
        "Het PDF-bestand bevat %(what)s en wordt daarom om veiligheidsredenen geweigerd. "
        "Sla het document opnieuw op als gewone PDF (bijvoorbeeld met ‘Afdrukken als PDF’) "
        "en upload het opnieuw."
    ) % {"what": ACTIVE_CONTENT[category]()}


def too_complex_pdf_message() -> str:
    return _("Het PDF-bestand is te complex om te controleren.")


def invalid_image_message() -> str:
    return _("De afbeelding kan niet worden gelezen (beschadigd of onvolledig).")


def wrong_image_format_message() -> str:
    return _("De afbeelding is geen geldig JPEG- of PNG-bestand.")


def trailing_image_message() -> str:
    return _(
        "Na het einde van de afbeelding staan nog andere gegevens (bijvoorbeeld een verborgen "
        "bestand). Sla de afbeelding opnieuw op en upload haar opnieuw."
    )


def image_too_large_message(width: int, height: int) -> str:
    return _(
        "De afbeelding is te groot (%(width)s × %(height)s pixels); "
        "het maximum is %(max)s miljoen pixels."
    ) % {"width": width, "height": height, "max": MAX_IMAGE_PIXELS // 1_000_000}


# --- PDF ------------------------------------------------------------------------------------------


def _check_pdf(data: bytes) -> None:
    if not PDF_HEADER.match(data):
        raise ValidationError(invalid_pdf_message())
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise ValidationError(invalid_pdf_message())
    if data[end + 5 :].strip(PDF_TRAILING_ALLOWED):
        raise ValidationError(trailing_pdf_message())
    answer = _walk_in_child(data)
    if answer == "ok":
        return
    logger.info("PDF refused: %s", answer)
    if answer.startswith("active:") and answer[7:] in ACTIVE_CONTENT:
        raise ValidationError(active_pdf_message(answer[7:]))
    messages = {
        "encrypted": encrypted_pdf_message,
        "no_pages": no_pages_message,
        "too_complex": too_complex_pdf_message,
    }
    raise ValidationError(messages.get(answer, invalid_pdf_message)())


def _walk_in_child(data: bytes) -> str:
    """portfolio.pdfcheck's verdict, from a child process with hard limits; a child that
    runs out of time or memory (or dies) means the file is too complex to check."""
    try:
        result = subprocess.run(  # noqa: S603 (our own module, fixed arguments)
            [sys.executable, "-m", "portfolio.pdfcheck", str(MAX_PDF_OBJECTS)],
            input=data,
            capture_output=True,
            timeout=pdfcheck.WALL_SECONDS,
            cwd=settings.BASE_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "too_complex"
    if result.returncode != 0:
        logger.warning("PDF check ended with %s: %s", result.returncode, result.stderr[-300:])
        return "too_complex"
    return result.stdout.decode("ascii", "replace").strip()


# --- images ---------------------------------------------------------------------------------------


class _Broken(Exception):
    """The image's structure is broken (truncated, bad length or checksum)."""


def _check_size(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise _Broken("zero size")
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(image_too_large_message(width, height))


# Samples per pixel of each PNG colour type (greyscale, RGB, palette, grey+alpha, RGBA).
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Adam7's seven passes: (first column, first row, column step, row step).
_ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2)]
_ADAM7.append((0, 1, 1, 2))


def _png_pixel_bytes(header: bytes) -> int:
    """The exact length of a PNG's decompressed pixel data (each row: a filter byte and
    its packed samples; an interlaced image: the rows of all seven passes)."""
    width, height, depth, colour, _method, _filter, interlace = struct.unpack(">IIBBBBB", header)
    if colour not in _PNG_CHANNELS or interlace not in (0, 1):
        raise _Broken("bad IHDR")
    bits = depth * _PNG_CHANNELS[colour]

    def rows(columns: int, count: int) -> int:
        return count * (1 + (columns * bits + 7) // 8) if columns and count else 0

    if not interlace:
        return rows(width, height)
    return sum(
        rows((width - x + dx - 1) // dx, (height - y + dy - 1) // dy)
        for x, y, dx, dy in _ADAM7
        if width > x and height > y
    )


def _check_png_pixel_data(header: bytes, compressed: bytes) -> None:
    """Every row of pixels is there, and nothing more: Pillow decodes a PNG whose zlib
    stream ends early (10 of 7,745 rows) without complaint. The expected length bounds
    the decompression, so this cannot be made to inflate more than the image is."""
    expected = _png_pixel_bytes(header)
    inflater = zlib.decompressobj()
    try:
        pixels = inflater.decompress(compressed, expected + 1)
    except zlib.error as exc:
        raise _Broken("bad pixel data") from exc
    if len(pixels) != expected or not inflater.eof:
        raise _Broken(f"pixel data is {len(pixels)} bytes, expected {expected}")


def _png_end(data: bytes) -> int:
    """The offset just after the IEND chunk; checks every chunk's length and CRC, and that
    the pixel data is exactly as long as the header says."""
    pos, first = 8, True
    header, compressed = b"", []
    while True:
        if pos + 12 > len(data):
            raise _Broken("truncated chunk")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if length > 0x7FFFFFFF or not kind.isalpha() or pos + 12 + length > len(data):
            raise _Broken("bad chunk")
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise _Broken("bad CRC")
        if first:
            if kind != b"IHDR" or length != 13:
                raise _Broken("IHDR is not first")
            _check_size(*struct.unpack(">II", body[:8]))
            header, first = body, False
        if kind == b"IDAT":
            compressed.append(body)
        pos += 12 + length
        if kind == b"IEND":
            _check_png_pixel_data(header, b"".join(compressed))
            return pos


_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
_JPEG_FRAMES = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _skip_scan(data: bytes, pos: int) -> int:
    """The offset of the first real marker after entropy-coded data (0xFF 0x00 is a
    stuffed byte, 0xFF 0xD0–0xD7 a restart marker inside the scan)."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise _Broken("truncated scan")
        following = data[pos + 1]
        if following != 0x00 and not 0xD0 <= following <= 0xD7:
            return pos
        pos += 2


def _jpeg_marker(data: bytes, pos: int) -> tuple[int, int]:
    """(marker, offset after it) at `pos`, skipping fill bytes."""
    if pos >= len(data) or data[pos] != 0xFF:
        raise _Broken("marker expected")
    while pos < len(data) and data[pos] == 0xFF:
        pos += 1
    if pos >= len(data) or data[pos] in {0x00, 0xD8}:
        raise _Broken("bad or truncated marker")
    return data[pos], pos + 1


def _jpeg_end(data: bytes) -> int:
    """The offset just after the EOI marker, walking the segments and entropy-coded scans."""
    pos, frame_seen = 2, False
    while True:
        marker, pos = _jpeg_marker(data, pos)
        if marker == 0xD9:
            if not frame_seen:
                raise _Broken("no frame")
            return pos
        if marker in _JPEG_STANDALONE:
            continue
        length = struct.unpack(">H", data[pos : pos + 2])[0] if pos + 2 <= len(data) else 0
        if length < 2 or pos + length > len(data):
            raise _Broken("bad segment length")
        if marker in _JPEG_FRAMES:
            if length < 8:
                raise _Broken("short frame header")
            height, width = struct.unpack(">HH", data[pos + 3 : pos + 7])
            _check_size(width, height)
            frame_seen = True
        pos += length
        if marker == 0xDA:
            pos = _skip_scan(data, pos)


def _check_image(data: bytes, kind: str) -> None:
    try:
        end = _png_end(data) if kind == "png" else _jpeg_end(data)
    except _Broken as exc:
        raise ValidationError(invalid_image_message()) from exc
    if end != len(data):
        raise ValidationError(trailing_image_message())
    # WeasyPrint sets Pillow's global LOAD_TRUNCATED_IMAGES; an upload check must not
    # accept a truncated image, so it is switched off for the decode below.
    with _TRUNCATED_LOCK:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            _decode_image(data, kind)
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _decode_image(data: bytes, kind: str) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(image_too_large_message(image.width, image.height))
            expected = {"jpeg": "JPEG", "png": "PNG"}[kind]
            if image.format != expected:
                raise ValidationError(wrong_image_format_message())
            image.load()  # decodes every pixel: a truncated image fails here
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        struct.error,
        zlib.error,
        Image.DecompressionBombError,
    ) as exc:
        raise ValidationError(invalid_image_message()) from exc


# --- the check ------------------------------------------------------------------------------------


def size_message(size: int, max_bytes: int) -> str:
    shown = round(size / 1_000_000, 1)
    if shown <= max_bytes / 1_000_000:
        # Just over the limit: round up, never "10,0 MB; het maximum is 10 MB".
        shown = math.ceil(size / 100_000) / 10
    return _("Het bestand is %(size)s MB; het maximum is %(max)d MB.") % {
        "size": number_format(shown, 1),
        "max": max_bytes // 1_000_000,
    }


def extension_message(extension: str, kind: str) -> str:
    return _("De bestandsnaam (%(ext)s) past niet bij de inhoud (%(kind)s).") % {
        "ext": extension or _("geen extensie"),
        "kind": kind.upper(),
    }


def check_upload(uploaded, *, max_bytes: int) -> CheckedFile:
    """Validate an UploadedFile; raise ValidationError with a message for the user."""
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."))
    if size > max_bytes:
        raise ValidationError(size_message(size, max_bytes))
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    kind = _sniff(data[:16])
    if kind is None:
        if b"%PDF-" in data:
            raise ValidationError(junk_before_pdf_message())
        raise ValidationError(not_allowed_message())
    name = safe_filename(uploaded.name or "")
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in EXTENSIONS[kind]:
        raise ValidationError(extension_message(extension, kind))
    if kind == "pdf":
        _check_pdf(data)
    else:
        _check_image(data, kind)
    return CheckedFile(
        kind=kind,
        content_type=ALLOWED[kind],
        sha256=hashlib.sha256(data).hexdigest(),
        size=size,
        safe_name=name,
    )
