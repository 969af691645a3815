"""The image half of the upload check: a PNG's chunks (with their CRCs) and a JPEG's
segments are walked to their end marker before Pillow decodes a pixel, so a polyglot, a
truncated image or a decompression bomb is refused. See `portfolio.validators`."""

import io
import struct
import threading
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError

# A decompression-bomb guard: scanned documents are far below this.
MAX_IMAGE_PIXELS = 60_000_000
_TRUNCATED_LOCK = threading.Lock()


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


def check_image(data: bytes, kind: str) -> None:
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
