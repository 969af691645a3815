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
import logging
import math
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portfolio import pdfcheck
from portfolio.validators.images import check_image
from portfolio.validators.messages import (
    ACTIVE_CONTENT,
    active_pdf_message,
    encrypted_pdf_message,
    invalid_pdf_message,
    junk_before_pdf_message,
    no_pages_message,
    not_allowed_message,
    too_complex_pdf_message,
    trailing_pdf_message,
)

logger = logging.getLogger(__name__)

ALLOWED = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"pdf": {".pdf"}, "jpeg": {".jpg", ".jpeg"}, "png": {".png"}}
# A bound on the dictionaries and arrays walked, so a crafted PDF cannot keep the check busy.
MAX_PDF_OBJECTS = 1_000_000

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
        check_image(data, kind)
    return CheckedFile(
        kind=kind,
        content_type=ALLOWED[kind],
        sha256=hashlib.sha256(data).hexdigest(),
        size=size,
        safe_name=name,
    )
