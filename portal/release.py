"""One digest of the code that renders pages: part of every kept rendering's key.

The caches that keep rendered HTML (scoring forms, comparison and queue rows, sealed
answers, criterion asides) key each entry on what it shows. What it shows also depends
on code far from the cached module: a URL pattern, a rule, a translation, a template
included three levels down. Each of them used to digest its own module and template
only, so a deploy that changed anything else showed the old rows until they expired.

`release()` digests every Python module, template and compiled translation of the
project's own apps, read once per process (about 30 ms; `portal.warmup` reads it in
gunicorn's master before forking). A deploy that changes any of them changes every key.
"""

import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings

SUFFIXES = {".py", ".html", ".txt", ".mo"}
SKIPPED = {".venv", "var", "tests", "bench", "ops", "docs", "node_modules", ".git", "static"}


def _sources(root: Path) -> list[Path]:
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED]
        found += [Path(folder) / name for name in files if Path(name).suffix in SUFFIXES]
    return sorted(found)


@cache
def release() -> str:
    """A 16-hex digest of the project's code, templates and translations."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in _sources(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
