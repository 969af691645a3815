"""PDF rendering with WeasyPrint (imported lazily: it is slow to import).

WeasyPrint may fetch nothing but the project's own static files: every URL it asks for
(stylesheets, @import, url() in CSS, fonts, images, <object>/<embed>, SVG <image>,
attachments) goes through `StaticOnlyFetcher`, which serves `static:///<path>` from
STATICFILES_DIRS only — a plain relative path with an allowed suffix, no `..`, no
percent-escapes, no backslashes, resolved inside those folders — and refuses everything
else (http, https, file, ftp, data, relative or absolute paths…). Text written by a
candidate is escaped by the templates anyway; the fetcher is the second wall, so even
raw HTML reaching WeasyPrint can never make the server read a local file or call out
to the network.
"""

import logging
import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

STATIC_PREFIX = "static:///"
# What a PDF template may use: stylesheets, fonts and images.
ALLOWED_SUFFIXES = {".css", ".woff", ".woff2", ".ttf", ".otf", ".png", ".jpg", ".jpeg", ".svg"}
_SAFE_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\-]*)*")


class FetchRefused(ValueError):
    """WeasyPrint asked for something other than one of the project's static files."""


def static_file(url: str) -> Path:
    """The file behind a `static:///<path>` URL; FetchRefused for anything else."""
    if not isinstance(url, str) or not url.startswith(STATIC_PREFIX):
        raise FetchRefused(f"refused to fetch {str(url)[:80]!r}")
    relative = url[len(STATIC_PREFIX) :].split("#", 1)[0].split("?", 1)[0]
    # Letters, digits, _ . - and single slashes; no segment starts with a dot, so
    # neither `..` nor hidden files, and no %-escapes that could decode to either.
    if not _SAFE_PATH.fullmatch(relative) or ".." in relative:
        raise FetchRefused(f"refused path {relative[:80]!r}")
    if Path(relative).suffix.lower() not in ALLOWED_SUFFIXES:
        raise FetchRefused(f"refused file type {relative[:80]!r}")
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation as exc:
        raise FetchRefused(f"refused path {relative[:80]!r}") from exc
    if not found:
        raise FetchRefused(f"no static file {relative[:80]!r}")
    resolved = Path(found).resolve()  # a symlink out of the folder is caught below
    if not any(resolved.is_relative_to(root) for root in roots):
        raise FetchRefused(f"outside the project's static files: {relative[:80]!r}")
    return resolved


def fetcher():
    """A WeasyPrint URL fetcher that serves the project's static files and nothing else."""
    # WeasyPrint is heavy (Pango, fonts): imported where a PDF is made, never by a page.
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self):
            # No handlers at all: nothing of urllib's (http, ftp, file, data) is reachable
            # even if WeasyPrint called `open` instead of `fetch`.
            super().__init__(allowed_protocols=["static"], allow_redirects=False)
            self.handlers = []
            self.handle_open = {}

        def fetch(self, url, headers=None):
            try:
                path = static_file(url)
            except FetchRefused as exc:
                logger.warning("PDF rendering: %s", exc)
                raise
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": mime_type}
            )

        def open(self, url, data=None, timeout=None):
            return self.fetch(url if isinstance(url, str) else url.full_url)

    return StaticOnlyFetcher()


def render_pdf(template: str, context: dict) -> bytes:
    return render_html_pdf(render_to_string(template, {**context, "static_prefix": STATIC_PREFIX}))


def render_html_pdf(html: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, only where PDFs are made

    return HTML(string=html, url_fetcher=fetcher(), base_url=STATIC_PREFIX).write_pdf()
