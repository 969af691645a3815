import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"|\son[a-z]+=\"", re.IGNORECASE)


def _templates():
    for directory in TEMPLATE_DIRS:
        if ".venv" in directory.parts:
            continue
        yield from directory.rglob("*.html")


def test_no_template_has_inline_script_style_or_event_handlers():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or INLINE_STYLE.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_no_template_loads_anything_from_another_origin():
    offenders = [
        str(path.relative_to(ROOT))
        for path in _templates()
        if re.search(r"(src|href)=\"(https?:)?//", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_base_layout_has_skip_link_landmarks_and_vendored_assets(client):
    html = client.get("/").content.decode()
    assert '<a class="visually-hidden-focusable skip-link" href="#main">Naar de inhoud</a>' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert "<footer" in html
    assert '<html lang="nl">' in html
    assert 'src="/static/vendor/bootstrap/bootstrap.bundle.min.js"' in html
    assert 'src="/static/vendor/htmx/htmx.min.js"' in html


@pytest.mark.django_db
def test_language_switch_changes_the_interface_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


@pytest.mark.django_db
def test_navigation_is_role_aware(client, candidate, office):
    client.force_login(candidate)
    candidate_html = client.get("/start/").content.decode()
    assert 'href="/kader/"' in candidate_html
    assert 'href="/beheer/"' not in candidate_html
    client.force_login(office)
    office_html = client.get("/start/").content.decode()
    assert 'href="/beheer/"' in office_html


def test_the_english_catalogue_translates_every_string():
    po = (ROOT / "portal" / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    entries = po.split("\n\n")[1:]  # the first block is the header
    untranslated = [
        e
        for e in entries
        if re.search(r'^msgstr(\[\d\])? ""$', e, re.MULTILINE)
        and not re.search(r'^msgstr(\[\d\])? ""\n"', e, re.MULTILINE)
    ]
    assert untranslated == []
    assert "#, fuzzy" not in po
    assert (ROOT / "portal" / "locale" / "en" / "LC_MESSAGES" / "django.mo").exists()
