"""The release digest that every kept rendering's key carries (portal/release.py)."""

from pathlib import Path

from assessment import queue_rows
from portal import release as release_module


def _digest_of(root: Path, settings) -> str:
    settings.BASE_DIR = root
    release_module.release.cache_clear()
    try:
        return release_module.release()
    finally:
        release_module.release.cache_clear()


def test_any_template_module_or_translation_changes_the_digest(tmp_path, settings):
    (tmp_path / "app" / "templates").mkdir(parents=True)
    (tmp_path / "app" / "locale").mkdir()
    rule = tmp_path / "app" / "rules.py"
    template = tmp_path / "app" / "templates" / "row.html"
    catalogue = tmp_path / "app" / "locale" / "django.mo"
    rule.write_text("LIMIT = 1\n")
    template.write_text("<td>{{ row }}</td>\n")
    catalogue.write_bytes(b"\x00one")
    first = _digest_of(tmp_path, settings)

    seen = {first}
    for path, content in ((rule, "LIMIT = 2\n"), (template, "<th>x</th>\n"), (catalogue, "two")):
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        digest = _digest_of(tmp_path, settings)
        assert digest not in seen, path.name
        seen.add(digest)


def test_tests_local_data_and_the_environment_do_not_count(tmp_path, settings):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("X = 1\n")
    first = _digest_of(tmp_path, settings)
    for folder in ("tests", "var", ".venv", "bench"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "module.py").write_text("changed = True\n")
    assert _digest_of(tmp_path, settings) == first


def test_a_new_release_gives_the_queue_rows_a_new_key(monkeypatch):
    monkeypatch.setattr(queue_rows, "release", lambda: "aaaa")
    before = queue_rows.rows_key([], {})
    monkeypatch.setattr(queue_rows, "release", lambda: "bbbb")
    assert queue_rows.rows_key([], {}) != before
