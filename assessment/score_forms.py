"""The scoring page's assessor half: the score forms (one per criterion, condition and
declaration), the workbench's index with the running count, and what is left to do;
rendered once per content of the assessor's scores and kept in the shared cache
(`portal.kept.kept_shared`: the last few in the web process too).

The page holds some 30 autosaving score forms, each some 40 printed values, and the
index's 31 entries: even on Jinja2 (`portal.jinja`) they were a third of the page's
CPU once the candidate's sealed texts were kept (`assessment.sealed_render`). What they
show depends only on what `cache_key` digests: each item with its saved score's values
(so every save changes the key), the version's content stamp (the scale's options, the
criteria's titles), whether the assessment is still open, whether the review has a
toetsgesprek to prepare questions for, the assignment (the save address), the language,
and the code of this module, the workbench and their templates. A kept rendering
therefore cannot go stale; it only expires. The one value that changes per request, the
CSRF token, is put into the kept forms afterwards (a slot no escaped value can contain).
The page stays a Django template and prints the parts ready-made (`item.form`,
`index_html`, `missing_html`).
"""

import hashlib

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessment import presenters, selectors, workbench
from portal import jinja
from portal.kept import kept_shared
from portal.release import release
from profiles.selectors import content_stamp

TEMPLATE = "assessment/_score_form.html"  # under assessment/jinja2/
INDEX = "assessment/_score_index.html"
MISSING = "assessment/_score_missing.html"
# Where each request's CSRF field goes: "<" in any printed value is escaped, so no value
# can contain the slot.
CSRF_SLOT = "<csrf-slot>"
# Kept an hour: each save makes a new key, and the page is opened again after a save
# only once the assessor comes back to it.
KEPT_SECONDS = 3600
KINDS = ("conditions", "declarations", "rows")


def labels() -> dict:
    """The forms' labels, in the language of the request."""
    return {
        "score": _("Score"),
        "motivation": _("Motivering"),
        "explanation": _("Toelichting"),
        "question": _("Vraag voor het toetsgesprek (optioneel)"),
        "save": _("Opslaan"),
    }


def _editable(context) -> bool:
    # Until the assessor's own assessment of the round is submitted (or before it
    # exists: the first score makes it).
    return not getattr(context["assessment"], "submitted_at", None)


def cache_key(context: dict) -> str:
    """The content address of the assessor half of a scoring page's `context`."""
    shown = [
        (item["target"], s.option_id, s.met, s.motivation, s.interview_question)
        if (s := item["score"])
        else (item["target"],)
        for kind in KINDS
        for item in context[kind]
    ]
    digest = hashlib.sha256(
        repr(
            (
                shown,
                content_stamp(context["scoring"].version),
                context["assignment"].pk,
                _editable(context),
                context["scoring"].asks_questions,
            )
        ).encode()
    ).hexdigest()
    return f"score-half:{release()}:{digest}:{get_language()}"


def attach(context: dict, request) -> None:
    """Give every scored item of the scoring page's `context` its form (`item["form"]`)
    and the context the workbench's index and the list of what is left (`index_html`,
    `missing_html`): from the shared cache, else rendered and kept."""
    kept = kept_shared(cache_key(context), lambda: render_half(context), KEPT_SECONDS)
    csrf_input = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )
    forms = kept["forms"]
    for kind in KINDS:
        for item in context[kind]:
            # Rendered with every value escaped (render_half), the slot filled here.
            item["form"] = mark_safe(forms[item["target"]].replace(CSRF_SLOT, csrf_input))  # noqa: S308
    context["index_html"] = mark_safe(kept["index"])  # noqa: S308 (rendered by render_half)
    context["missing_html"] = mark_safe(kept["missing"])  # noqa: S308


def render_half(context: dict) -> dict:
    """The assessor half, uncached: {"forms": {target: html}, "index": html, "missing":
    html}, the forms with CSRF_SLOT where the token goes."""
    scoring = context["scoring"]
    page = {
        "save_url": reverse("assessment:save_score", args=[context["assignment"].pk]),
        "editable": _editable(context),
        "csrf_input": mark_safe(CSRF_SLOT),  # noqa: S308 (a constant)
        "labels": labels(),
    }
    fields = [
        presenters.ScoreField.met_or_not(item["target"], item["score"])
        for kind in ("conditions", "declarations")
        for item in context[kind]
    ] + [
        presenters.ScoreField.on_scale(
            item["target"], scoring.options, item["score"], asks_questions=scoring.asks_questions
        )
        for item in context["rows"]
    ]
    index = workbench.score_index(scoring.items, scoring.scores, scoring.version.sections.all())
    missing = selectors.missing_scores(scoring.items, scoring.scores)
    return {
        "forms": {f.target: str(jinja.render(TEMPLATE, {**page, "field": f})) for f in fields},
        "index": render_to_string(INDEX, {"index": index}),
        "missing": render_to_string(MISSING, {"missing": missing, "oob": False}),
    }


def attach_fields(context: dict, request, *, save_url: str) -> None:
    """Give every item of a page without an assignment (a calibration round, quality) its
    form from its ready `item["field"]`, posting to `save_url`; not kept (such a page is
    seldom opened) and without the workbench's index."""
    page = {
        "save_url": save_url,
        "editable": _editable(context),
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
        "labels": labels(),
    }
    for kind in KINDS:
        for item in context[kind]:
            item["form"] = jinja.render(TEMPLATE, {**page, "field": item["field"]})
