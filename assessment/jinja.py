"""Jinja2 for the few fragments rendered dozens of times per page (the score forms, the
comparison's rows): Django's engine costs ≈ 25 µs a node, Jinja2 compiles the same markup
to Python. The pages themselves stay Django templates and print the fragments ready-made.
The templates live in `assessment/jinja2/`; nothing in them translates (the labels come
in the context, translated by the caller)."""

from functools import cache as once
from pathlib import Path

import jinja2
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


@once
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "jinja2"),
        autoescape=True,  # as Django's engine: every value escaped unless marked safe…
        finalize=conditional_escape,  # …and escaped as Django does (&#x27;, not &#39;)
        undefined=jinja2.StrictUndefined,  # a misspelt name fails instead of printing ""
        auto_reload=False,
    )


@once
def template(name: str) -> jinja2.Template:
    return environment().get_template(name)


def render(name: str, context: dict) -> SafeString:
    # Jinja2 escaped every value (autoescape); its Markup becomes Django's safe string.
    return mark_safe(template(name).render(context))  # noqa: S308
