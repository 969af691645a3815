"""The comparison page's rows (one per criterion: both scores and the joint verdict's
fields), rendered once per content and kept in the shared cache.

22 rows with a select of every score option each were some 800 template nodes on Django's
engine; on Jinja2 (`portal.jinja`, all rows in one call) they were still a fifth of the
page's time. What they show depends only on what `cache_key` digests: each row's printed
values (the assessors' scores with their options' labels, motivations and questions, the
difference, the preselected option, the agreed reason), the version's content stamp (the
criteria's codes and titles, the scale's options), whether the form is editable, the
language, and the code of this module and its template. Once both assessments are in (the
only time the page shows them) nothing but the joint verdict changes them, so a kept
rendering serves every later view; it cannot go stale, it only expires.
"""

import hashlib

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal import jinja
from portal.release import release
from profiles.selectors import content_stamp

TEMPLATE = "assessment/_compare_rows.html"  # under assessment/jinja2/
KEPT_SECONDS = 24 * 3600  # the assessors come back to it around the interview


def _shown(row: dict) -> tuple:
    """What a row prints besides the version's content (its criterion and options)."""
    return (
        row["criterion"].pk,
        row["differ"],
        [
            (s.option_label, s.motivation, s.interview_question) if s else None
            for s in row["scores"]
        ],
        [option.pk for option, selected in row["choices"] if selected],
        row["agreed"].reason if row["agreed"] else "",
    )


def cache_key(rows: list[dict], version, *, editable: bool) -> str:
    """The content address of the rows' rendering (`version` from version_with_content)."""
    shown = repr(([_shown(row) for row in rows], content_stamp(version), editable))
    digest = hashlib.sha256(shown.encode()).hexdigest()
    return f"compare-rows:{release()}:{digest}:{get_language()}"


def rows_html(rows: list[dict], version, *, editable: bool) -> SafeString:
    """The comparison's table rows (`presenters.comparison(...).rows`): from the shared
    cache, else rendered and kept."""
    key = cache_key(rows, version, editable=editable)
    kept = cache.get(key)
    if kept is None:
        kept = str(render(rows, editable=editable))
        cache.set(key, kept, KEPT_SECONDS)
    return mark_safe(kept)  # noqa: S308 (rendered by `render`, every value escaped)


def render(rows: list[dict], *, editable: bool) -> SafeString:
    """The rows' markup, uncached."""
    labels = {
        "differ": _("verschil"),
        "question": _("Vraag:"),
        "joint": _("Gezamenlijke score"),
        "reason_required": _("Toelichting (verplicht bij verschil)"),
        "reason": _("Toelichting"),
    }
    return jinja.render(TEMPLATE, {"rows": rows, "editable": editable, "labels": labels})
