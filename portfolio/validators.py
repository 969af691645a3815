"""Checks that an uploaded file is what it claims to be (PDF, JPEG or PNG).

The file name and the browser's content type are not trusted: the bytes are parsed. A
PDF must parse with pypdf in strict mode and have pages; an image must decode fully.
"""

import hashlib
import io
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

ALLOWED = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"pdf": {".pdf"}, "jpeg": {".jpg", ".jpeg"}, "png": {".png"}}
# A decompression-bomb guard: scanned documents are far below this.
MAX_IMAGE_PIXELS = 60_000_000
_TRUNCATED_LOCK = threading.Lock()


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


def _check_pdf(data: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise ValidationError(_("Het PDF-bestand is beveiligd met een wachtwoord."))
        if len(reader.pages) < 1:
            raise ValidationError(_("Het PDF-bestand heeft geen pagina's."))
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        logger.info("PDF refused: %s", exc)
        raise ValidationError(
            _("Het bestand is geen geldig PDF-document (het is beschadigd of onvolledig).")
        ) from exc


def _check_image(data: bytes, kind: str) -> None:
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
                raise ValidationError(_("De afbeelding is te groot."))
            expected = {"jpeg": "JPEG", "png": "PNG"}[kind]
            if image.format != expected:
                raise ValidationError(_("De afbeelding is geen geldig JPEG- of PNG-bestand."))
            image.load()  # decodes every pixel: a truncated image fails here
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise ValidationError(
            _("De afbeelding kan niet worden gelezen (beschadigd of onvolledig).")
        ) from exc


def check_upload(uploaded, *, max_bytes: int) -> CheckedFile:
    """Validate an UploadedFile; raise ValidationError with a message for the user."""
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."))
    if size > max_bytes:
        raise ValidationError(
            _("Het bestand is %(size)s MB; het maximum is %(max)d MB.")
            % {"size": number_format(size / 1_000_000, 1), "max": max_bytes // 1_000_000}
        )
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    kind = _sniff(data[:16])
    if kind is None:
        raise ValidationError(
            _("Alleen PDF-, JPEG- en PNG-bestanden zijn toegestaan; dit bestand is dat niet.")
        )
    name = safe_filename(uploaded.name or "")
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _("De bestandsnaam (%(ext)s) past niet bij de inhoud (%(kind)s).")
            % {"ext": extension or _("geen extensie"), "kind": kind.upper()}
        )
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
