"""WeasyPrint fetches nothing but the project's own static files.

Three walls are tested: the fetcher refuses every other URL when called directly; raw
HTML full of hostile URLs, rendered with it, makes no request and reads no file; and a
portfolio whose answers carry those URLs renders (through the preview PDF view) with the
text shown literally and only `static:///` asked for.
"""

import io
import re
import socket
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from pypdf import PdfReader

from portal import reports
from portfolio.services import choose_routes, save_answer, start_portfolio
from profiles.enums import AnswerKind
from profiles.models import Criterion
from tests.downloads.helpers import post_and_download

HOSTILE_URLS = [
    "http://127.0.0.1:9/x.png",
    "https://127.0.0.1:9/style.css",
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "data:text/css,body%7Bcolor:red%7D",
    "data:image/png;base64,iVBORw0KGgo=",
    "ftp://127.0.0.1:9/font.ttf",
    "//127.0.0.1:9/x.png",
    "/etc/passwd",
    "../../etc/passwd",
    "css/pdf.css",  # relative: only the explicit static:/// form is served
    "",
    "static://127.0.0.1/css/pdf.css",
    "STATIC:///css/pdf.css",
    "static:///../../etc/passwd",
    "static:///css/../../../etc/passwd",
    "static:///css/../css/pdf.css",
    "static:///%2e%2e/%2e%2e/etc/passwd",
    "static:///css/%2e%2e/%2e%2e/manage.py",
    "static:////etc/passwd",
    "static:///css\\..\\..\\etc\\passwd",
    "static:///css/pdf.css\x00.png",
    "static:///.hidden.css",
    "static:///css//pdf.css",
    "static:///js/portal.js",  # a static file, but not a type a PDF needs
    "static:///vendor/README.md",
    "static:///css/missing.css",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_the_fetcher_refuses_everything_but_a_static_file(url):
    with pytest.raises(reports.FetchRefused):
        reports.fetcher().fetch(url)
    with pytest.raises(reports.FetchRefused):
        reports.static_file(url)


def test_the_fetcher_serves_a_static_stylesheet_with_its_type():
    response = reports.fetcher().fetch("static:///css/pdf.css?v=2#x")
    expected = (Path(settings.BASE_DIR) / "static" / "css" / "pdf.css").read_bytes()
    assert response.read() == expected
    assert response.content_type == "text/css"


def test_the_fetcher_has_no_urllib_handlers_to_fall_back_on():
    fetcher = reports.fetcher()
    assert fetcher.handlers == []
    with pytest.raises(reports.FetchRefused):
        fetcher.open(urllib.request.Request("file:///etc/passwd"))  # noqa: S310 - refused


@pytest.fixture
def static_dir(settings, tmp_path):
    root = tmp_path / "static"
    (root / "css").mkdir(parents=True)
    (root / "css" / "ok.css").write_text("body { color: black; }")
    outside = tmp_path / "outside.css"
    outside.write_text("secret")
    (root / "css" / "escape.css").symlink_to(outside)
    settings.STATICFILES_DIRS = [root]
    finders.get_finder.cache_clear()
    yield root
    finders.get_finder.cache_clear()


def test_a_symlink_out_of_the_static_folder_is_refused(static_dir):
    assert reports.static_file("static:///css/ok.css") == (static_dir / "css" / "ok.css").resolve()
    with pytest.raises(reports.FetchRefused, match="outside the project's static files"):
        reports.static_file("static:///css/escape.css")


@pytest.fixture
def spy(monkeypatch):
    """Records every URL WeasyPrint asks for, what the fetcher did with it, and any
    attempt to open a network connection or to use urllib's own openers."""
    asked: list[tuple[str, str]] = []
    real = reports.static_file

    def recording(url):
        try:
            path = real(url)
        except reports.FetchRefused:
            asked.append((url, "refused"))
            raise
        asked.append((url, "served"))
        return path

    def no_network(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(reports, "static_file", recording)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    return asked


RAW_HTML = """<!doctype html><html><head>
<link rel="stylesheet" href="static:///css/pdf.css">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="stylesheet" href="http://127.0.0.1:9/a.css">
<link rel="attachment" href="file:///etc/passwd">
<style>
@import url("http://127.0.0.1:9/import.css");
@import "static:///../../etc/passwd";
body { background: url(file:///etc/hostname); }
@font-face { font-family: evil; src: url(ftp://127.0.0.1:9/f.ttf); }
p { font-family: evil; }
</style></head><body>
<p>Rapport</p>
<img src="http://127.0.0.1:9/x.png"><img src="https://127.0.0.1:9/x.png">
<img src="file:///etc/passwd"><img src="data:image/png;base64,iVBORw0KGgo=">
<img src="../../etc/passwd"><img src="/etc/passwd"><img src="static:///../../etc/passwd">
<img src="static:///%2e%2e/%2e%2e/etc/passwd">
<a rel="attachment" href="https://127.0.0.1:9/attachment">bijlage</a>
<object data="file:///etc/shadow"></object><embed src="http://127.0.0.1:9/e.svg">
<svg><image href="file:///etc/group" width="10" height="10"/></svg>
<p style="background-image: url('http://127.0.0.1:9/s.png')">x</p>
</body></html>"""


def test_raw_html_with_hostile_urls_fetches_nothing(spy):
    pdf = reports.render_html_pdf(RAW_HTML)
    served = [url for url, outcome in spy if outcome == "served"]
    refused = {url for url, outcome in spy if outcome == "refused"}
    assert served == ["static:///css/pdf.css"]
    assert refused == {
        "file:///etc/passwd",
        "http://127.0.0.1:9/a.css",
        "http://127.0.0.1:9/import.css",
        "static:///../../etc/passwd",
        "file:///etc/hostname",
        "ftp://127.0.0.1:9/f.ttf",
        "http://127.0.0.1:9/x.png",
        "https://127.0.0.1:9/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "../../etc/passwd",
        "/etc/passwd",
        "static:///%2e%2e/%2e%2e/etc/passwd",
        "https://127.0.0.1:9/attachment",
        "file:///etc/shadow",
        "http://127.0.0.1:9/e.svg",
        "file:///etc/group",
        "http://127.0.0.1:9/s.png",
    }
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    text = reader.pages[0].extract_text()
    assert "Rapport" in text
    assert "root:" not in text


@pytest.fixture
def portfolio(seeded_version, candidate):
    return start_portfolio(candidate=candidate, version=seeded_version)


PAYLOADS = [
    '<img src="http://127.0.0.1:9/x.png">',
    '<img src="file:///etc/passwd">',
    '<link rel=stylesheet href="file:///etc/passwd">',
    "<style>body{background:url(http://127.0.0.1:9/bg.png)}</style>",
    '<p style="background:url(file:///etc/hostname)">css</p>',
    "<object data='static:///../../etc/passwd'></object>",
    '<a rel="attachment" href="file:///etc/shadow">bijlage</a>',
]


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.django_db
def test_the_preview_pdf_shows_hostile_answers_as_text_and_fetches_only_static(
    candidate_client, portfolio, spy, django_capture_on_commit_callbacks
):
    version = portfolio.framework_version
    section_a = version.sections.get(code="A")
    choose_routes(
        portfolio=portfolio,
        basic_route=section_a.education_requirements.get(level="basic", number=1),
        supplementary_route=section_a.education_requirements.get(level="supplementary", number=4),
    )
    criteria = list(
        Criterion.objects.filter(
            section__version=version, section__code__in=["C1", "C2"], answer_kind=AnswerKind.TEXT
        ).order_by("section__code", "number")
    )
    for criterion, payload in zip(criteria, PAYLOADS, strict=False):
        save_answer(portfolio=portfolio, target=criterion, text=payload, base_revision=0)
    assert len(criteria) >= len(PAYLOADS)

    _id, pdf = post_and_download(
        candidate_client,
        reverse("portfolio:preview_pdf", args=[portfolio.pk]),
        django_capture_on_commit_callbacks,
    )
    assert pdf.startswith(b"%PDF-")
    asked = {url for url, _outcome in spy}
    assert asked == {"static:///css/pdf.css"}
    assert all(outcome == "served" for _url, outcome in spy)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for payload in PAYLOADS:
        assert _squash(payload) in _squash(text), payload
    assert "root:" not in text
    assert reader.attachments == {}
    assert not re.search(r"/URI\s*\((file|http://127)", pdf.decode("latin-1"))
