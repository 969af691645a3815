"""Small text filters for headings made of framework texts."""

from django import template

register = template.Library()


@register.filter
def without_final_stop(text) -> str:
    """A title without its closing full stop, so a heading can go on with ":" or "—"
    ("C1.1 Curriculum vitae." + ":" printed "Curriculum vitae.:")."""
    text = str(text).rstrip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("...") else text
