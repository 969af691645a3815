"""The scoring page's score forms, rendered on Jinja2.

The scoring page holds some 30 autosaving score forms (one per criterion, condition and
declaration), each some 40 printed values: on Django's template engine they were most of
the page's rendering time once the candidate's sealed texts were kept
(`assessment.sealed_render`). Only this fragment moved (`assessment.jinja`); the page
stays a Django template and receives each form ready to print (`item.form`).
"""

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from assessment import jinja

TEMPLATE = "assessment/_score_form.html"  # under assessment/jinja2/


def attach(context: dict, request, *, save_url: str = "") -> None:
    """Give every scored item of the scoring page's `context` its form (`item["form"]`):
    the conditions, the declarations and the criteria's rows. `save_url`: where the
    forms post, when not the assignment's autosave (a calibration round, quality)."""
    page = {
        "save_url": save_url or reverse("assessment:save_score", args=[context["assignment"].pk]),
        # Until the assessor's own assessment of the round is submitted (or before it
        # exists: the first score makes it).
        "editable": not getattr(context["assessment"], "submitted_at", None),
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
        "labels": {
            "score": _("Score"),
            "motivation": _("Motivering"),
            "explanation": _("Toelichting"),
            "question": _("Vraag voor het toetsgesprek (optioneel)"),
            "save": _("Opslaan"),
        },
    }
    for key in ("conditions", "declarations", "rows"):
        for item in context[key]:
            item["form"] = jinja.render(TEMPLATE, {**page, "field": item["field"]})
