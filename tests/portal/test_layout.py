import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

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


def _po_entries(path):
    """The live entries of a .po file: {(msgctxt, msgid, msgid_plural): (fuzzy, msgstrs)}.

    Strings stay as the file writes them (escaped; wrapped lines joined). The header, obsolete
    (#~) entries and previous-msgid (#|) comments are left out.
    """
    field = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$')
    entries = {}
    for block in path.read_text("utf-8").split("\n\n"):
        fields, name, fuzzy = {}, None, False
        for line in block.splitlines():
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in [flag.strip() for flag in line[2:].split(",")]
            elif match := field.match(line):
                name = match[1]
                fields[name] = match[2]
            elif line.startswith('"') and name:
                fields[name] += line[1:-1]
        if fields.get("msgid"):
            key = (fields.get("msgctxt"), fields["msgid"], fields.get("msgid_plural"))
            entries[key] = (fuzzy, [v for k, v in fields.items() if k.startswith("msgstr")])
    return entries


def test_every_string_in_the_code_has_an_english_translation(tmp_path, settings, monkeypatch):
    # The check above only sees what is already in the catalogue; this one extracts the strings
    # from the code and templates as `make messages` does, so a new translatable string that
    # nobody added to the catalogue fails too.
    missing = [tool for tool in ("xgettext", "msguniq") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"GNU gettext is not installed ({', '.join(missing)} not found)")

    # makemessages writes temporary files next to the templates it reads and merges into the
    # catalogue it finds, so it runs on a copy of the sources (what `make messages` reads:
    # everything but .venv, var and hidden folders) into a throw-away locale folder.
    def not_read_by_makemessages(directory, names):
        return [
            name
            for name in names
            if name.startswith(".")
            or name in {"__pycache__", "locale"}
            or (name == "var" and Path(directory) == ROOT)
            or (
                Path(name).suffix not in {".py", ".html", ".txt"}
                and not (Path(directory) / name).is_dir()
            )
        ]

    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=not_read_by_makemessages)
    settings.LOCALE_PATHS = [str(tmp_path / "locale")]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["en"], verbosity=0)

    in_the_code = _po_entries(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")
    catalogue = _po_entries(ROOT / "portal" / "locale" / "en" / "LC_MESSAGES" / "django.po")
    assert len(in_the_code) > 500  # the extraction found the portal's strings at all
    untranslated = sorted(
        key[1]
        for key in in_the_code
        if key not in catalogue or catalogue[key][0] or not all(catalogue[key][1])
    )
    # If this fails: run `make messages` and translate these in portal/locale/en/.../django.po
    # (and compile them: the .mo is what the site reads).
    assert untranslated == []
