"""The public register's pages in the load run (no login), once `bench/registrations.py`
has added the registrations: the search by a common name (many matches, the first 25
shown), by a place and by a number, and a number's verification. Their target is
stricter than the portal pages': p95 within 2× the baseline's p95 in the same run
(issue 15: the search "within 2× the baseline view's p95")."""

import json
import os
from pathlib import Path
from urllib.parse import urlencode

from django.urls import reverse

RATIO_TARGET = 2.0
SEARCH = "register search"
VERIFY = "register verification"


def _planned() -> dict | None:
    path = Path(os.environ.get("BENCH_OUT", "var/bench"), "registrations.json")
    return json.loads(path.read_text()) if path.exists() else None


def pages() -> list[tuple[str, str, None]]:
    """(name, path, user) for each public page; none before the registrations exist."""
    planned = _planned()
    if planned is None:
        return []
    search = reverse("register:search")
    result = [
        (f"{SEARCH} ({kind})", f"{search}?{urlencode({'q': query})}", None)
        for kind, query in planned["queries"].items()
    ]
    result.append((VERIFY, reverse("register:verify", args=[planned["verify"]]), None))
    return result


def ratio_target(name: str, default: float) -> float:
    """The p95 ÷ baseline a page must meet."""
    return RATIO_TARGET if name.startswith((SEARCH, VERIFY)) else default
