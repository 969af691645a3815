"""The scoring page's criteria, assembled from kept parts on Jinja2.

Each row is the criterion's heading, the candidate's answer as sealed (kept per snapshot
fingerprint: `sealed_render`), the assessor's score form (kept per content of the
scores: `score_forms`) and the criterion's indicators, guidance and related profile
items. The last are the same for every portfolio on the version: they are rendered once
per process, version content stamp (`profiles.selectors.content_stamp`, which every edit
of framework or profile data and every publication replaces), language and code, and
kept as one entry of the process cache. The 22 rows were a Django template loop with a
cache lookup each; on Jinja2 with the parts ready-made they cost a single render.
"""

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal import jinja
from portal.release import release
from profiles.selectors import content_stamp

ROWS = "assessment/_criterion_rows.html"  # under assessment/jinja2/
ASIDE = "assessment/_criterion_aside.html"
ASIDE_SECONDS = 24 * 3600


def criterion_asides(version) -> dict:
    """{criterion id: its aside's HTML} for every criterion of `version` (from
    `version_with_content()`), from the process cache or rendered and kept."""
    key = f"criterion-asides:{release()}:{content_stamp(version)}:{get_language()}"
    kept = caches["process"].get(key)
    if kept is None:
        kept = {
            criterion.pk: render_to_string(ASIDE, {"criterion": criterion})
            for section in version.sections.all()
            for criterion in section.criteria.all()
        }
        caches["process"].set(key, kept, ASIDE_SECONDS)
    return kept


def attach(context: dict, version=None) -> None:
    """Give the scoring page's `context` its criteria (`criteria_html`): the rows of
    `context["rows"]`, each with its `target`, `answer` and `form` already attached;
    `version` when the page has no `scoring` (a calibration round, quality)."""
    kept = criterion_asides(version or context["scoring"].version)
    # Rendered by Django's engine (every value escaped): safe to print as they are.
    asides = {pk: mark_safe(html) for pk, html in kept.items()}  # noqa: S308
    context["criteria_html"] = jinja.render(
        ROWS,
        {
            "rows": context["rows"],
            "asides": asides,
            "labels": {"answer": _("Antwoord van de kandidaat")},
        },
    )
