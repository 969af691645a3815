"""The strict PDF walk, run in a child process with hard limits (portfolio.validators).

A crafted PDF can make a parser work hard: a 721 KB file whose streams inflate to ten
74 MB streams kept a web worker busy for a minute at 607 MB. So the walk runs in a child
process (`python -m portfolio.pdfcheck`) that limits itself before it reads anything:
address space (MEMORY_BYTES), CPU time (CPU_SECONDS) and each stream's inflated size
(STREAM_BYTES, pypdf's own limits); the parent kills it after WALL_SECONDS. What it
prints is one word (see `verdict`); the parent turns it into the Dutch message.

Only the standard library and pypdf are imported: the child starts in a fraction of a
second and never touches Django.
"""

import io
import logging
import re
import resource
import sys
import threading
import zlib

from pypdf import PdfReader
from pypdf._configuration import overwrite_configuration
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

logger = logging.getLogger(__name__)

MEMORY_BYTES = 768 * 1024 * 1024
CPU_SECONDS = 5
WALL_SECONDS = 8
# Object and cross-reference streams are what the walk inflates; real ones are far below.
STREAM_BYTES = 20_000_000

# What an active PDF carries, in order of importance (the first found is named).
ACTIVE_ORDER = ("javascript", "launch", "embedded", "form", "xfa", "richmedia", "external")
ACTIVE_ORDER += ("auto", "uri")


class Refused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "form",
    "/ImportData": "form",
    "/GoToR": "external",
    "/GoToE": "external",
    "/Rendition": "external",
    "/Movie": "external",
    "/Sound": "external",
    "/RichMediaExecute": "richmedia",
}
_KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/AA": "auto",
    "/EmbeddedFiles": "embedded",
    "/EmbeddedFile": "embedded",
    "/EF": "embedded",
    "/XFA": "xfa",
    "/RichMediaContent": "richmedia",
    "/RichMediaSettings": "richmedia",
}
_TYPES = {
    "/EmbeddedFile": "embedded",
    "/FileAttachment": "embedded",
    "/RichMedia": "richmedia",
    "/Screen": "external",
    "/Movie": "external",
    "/Sound": "external",
}
_SAFE_URI = re.compile(r"(?i)^(https?://|mailto:)")


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _open_action_is_active(value) -> bool:
    """An /OpenAction that only opens a page (a destination or a /GoTo) is harmless."""
    value = _resolve(value)
    if isinstance(value, ArrayObject):
        return False
    return not (isinstance(value, DictionaryObject) and value.get("/S") == "/GoTo")


def _findings_in(dictionary: DictionaryObject) -> set[str]:
    found = set()
    for key, raw in dict.items(dictionary):
        if key in _KEYS:
            found.add(_KEYS[key])
        if key == "/OpenAction" and _open_action_is_active(raw):
            found.add("auto")
        value = _resolve(raw) if key in {"/S", "/Subtype", "/Type", "/URI"} else None
        if key == "/S" and isinstance(value, NameObject) and value in _ACTIONS:
            found.add(_ACTIONS[value])
        if key in {"/Subtype", "/Type"} and isinstance(value, NameObject) and value in _TYPES:
            found.add(_TYPES[value])
        if key == "/URI" and dictionary.get("/S") == "/URI":
            uri = value.decode("latin-1") if isinstance(value, bytes) else str(value)
            if not _SAFE_URI.match(uri.strip()):
                found.add("uri")
    return found


def _active_content(reader: PdfReader, max_objects: int) -> str | None:
    """The most important kind of active content anywhere in the file, or None."""
    stack: list = [reader.trailer]
    # Every object the cross-reference table lists, reachable or not: an unreferenced
    # object may be referenced by a later incremental update that a viewer applies.
    for generation, entries in reader.xref.items():
        stack.extend(IndirectObject(idnum, generation, reader) for idnum in entries)
    stack.extend(IndirectObject(idnum, 0, reader) for idnum in reader.xref_objStm)
    seen: set[tuple[int, int]] = set()
    found: set[str] = set()
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen or item.idnum == 0:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, (DictionaryObject, ArrayObject)):
            visited += 1
            if visited > max_objects:
                raise Refused("too_complex")
        if isinstance(item, DictionaryObject):
            found |= _findings_in(item)
            stack.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            stack.extend(list.__iter__(item))
    return next((category for category in ACTIVE_ORDER if category in found), None)


class _RepairLog(logging.Handler):
    """Collects what pypdf repaired while reading, on this thread only.

    Even in strict mode pypdf quietly fixes some faults (a missing /Root, a wrong
    cross-reference offset, a broken object header) and only logs a warning; a strict
    check treats each of those as a broken file.
    """

    def __init__(self):
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.repairs: list[str] = []

    def emit(self, record):
        if record.thread == self.thread:
            self.repairs.append(record.getMessage())


_WS = rb"[ \t\r\n\f\x00]+"


def _check_object_delimiters(reader: PdfReader, data: bytes) -> None:
    """Each object in the cross-reference table starts with `N G obj` at its offset and
    ends with `endobj` (pypdf reads past a broken keyword; a strict check does not)."""
    offsets = sorted(
        (offset, idnum, generation)
        for generation, entries in reader.xref.items()
        for idnum, offset in entries.items()
        if idnum
    )
    ends = [offset for offset, _i, _g in offsets[1:]] + [len(data)]
    for (offset, idnum, generation), end in zip(offsets, ends, strict=True):
        header = re.compile(b"%d%s%d%sobj(?![A-Za-z])" % (idnum, _WS, generation, _WS))
        if not header.match(data, offset):
            raise PyPdfError(f"object {idnum} {generation} has no header at {offset}")
        body = data[offset:end]
        if body.rfind(b"endobj") <= body.rfind(b"endstream"):
            raise PyPdfError(f"object {idnum} {generation} has no endobj")


def _read_strictly(data: bytes, max_objects: int) -> str | None:
    """Parse and walk the PDF; the active content found, or Refused / a parse error."""
    pypdf_logger = logging.getLogger("pypdf")
    # pypdf's repair warnings have to be emitted for `_RepairLog` to see them.
    pypdf_logger.setLevel(logging.WARNING)
    repairs = _RepairLog()
    pypdf_logger.addHandler(repairs)
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise Refused("encrypted")
        if "/Root" not in reader.trailer:
            raise PyPdfError("no /Root in the trailer")
        if len(reader.pages) < 1:
            raise Refused("no_pages")
        active = _active_content(reader, max_objects)
        _check_object_delimiters(reader, data)
    finally:
        pypdf_logger.removeHandler(repairs)
    if repairs.repairs:
        raise PyPdfError("repaired while reading: " + "; ".join(repairs.repairs[:3]))
    return active


def verdict(data: bytes, max_objects: int) -> str:
    """The check's answer as one word: ok, invalid, encrypted, no_pages, too_complex or
    active:<category>."""
    try:
        active = _read_strictly(data, max_objects)
    except Refused as refused:
        return refused.code
    except (MemoryError, LimitReachedError):
        return "too_complex"
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        AssertionError,
        zlib.error,
    ) as exc:
        logger.info("PDF refused: %s", exc)
        return "invalid"
    return f"active:{active}" if active else "ok"


def _limit_this_process() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    overwrite_configuration(
        zlib_maximum_output_length=STREAM_BYTES,
        lzw_maximum_output_length=STREAM_BYTES,
        run_length_maximum_output_length=STREAM_BYTES,
        array_based_stream_maximum_output_length=STREAM_BYTES,
        maximum_declared_stream_length=STREAM_BYTES,
        brotli_maximum_output_length=STREAM_BYTES,
        jbig2_maximum_output_length=STREAM_BYTES,
    )


def main() -> None:
    """The child process: limits itself, reads the PDF on stdin, prints the verdict."""
    _limit_this_process()
    max_objects = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    sys.stdout.write(verdict(sys.stdin.buffer.read(), max_objects))


if __name__ == "__main__":
    main()
