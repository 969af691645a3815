"""`{% preview_body %}`: the whole portfolio as one document, on Jinja2
(portfolio/fragments.py), in the pages that print it (the preview and its PDF) from their
context (`selectors.preview_context`'s values)."""

from django import template

from portfolio import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def preview_body(context):
    return fragments.preview_body(
        portfolio=context["portfolio"],
        version=context["version"],
        snapshot=context.get("snapshot"),
        sections=context["sections"],
    )
