"""PDF rendering with WeasyPrint (imported lazily: it is slow to import).

WeasyPrint may fetch nothing but the project's own static files: every other URL
(http, https, file, ftp, data…) is refused, so text written by a candidate can never
make the server read a local file or call out to the network.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STATIC_PREFIX = "static:///"


def _static_file(url: str) -> Path:
    """The file behind a `static:///<path>` URL, or ValueError."""
    if not url.startswith(STATIC_PREFIX):
        raise ValueError(f"refused to fetch {url[:80]!r}")
    relative = url[len(STATIC_PREFIX) :].split("?", 1)[0]
    found = finders.find(relative)
    if not found:
        raise ValueError(f"no static file {relative[:80]!r}")
    resolved = Path(found).resolve()
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    if not any(resolved.is_relative_to(root) for root in roots):
        raise ValueError(f"outside the project's static files: {relative[:80]!r}")
    return resolved


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = _static_file(url)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": mime_type}
            )

    return StaticOnlyFetcher()


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, only where PDFs are made

    html = render_to_string(template, {**context, "static_prefix": STATIC_PREFIX})
    return HTML(string=html, url_fetcher=_fetcher(), base_url=STATIC_PREFIX).write_pdf()
