"""Jinja2 for the fragments a page repeats dozens of times (a task page's text boxes): the
templates live in each app's `jinja2/` folder and are compiled to Python, where Django's
engine interprets ≈ 25 µs a node. The pages stay Django templates and print the fragments
ready-made. Nothing in a Jinja2 template translates: the labels come in the context,
translated by the caller. The project's one Jinja2 environment: the scoring page's
forms and rows, the comparison, the queue and the task page use it alike."""

import html
from functools import cache as once
from pathlib import Path

import jinja2
from django.apps import apps
from django.conf import settings
from django.template import defaultfilters
from django.utils.safestring import SafeString, mark_safe


def folders() -> list[Path]:
    """The project apps' `jinja2/` folders."""
    found = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "jinja2"
        if Path(config.path).is_relative_to(settings.BASE_DIR) and folder.is_dir():
            found.append(folder)
    return found


def escape(value) -> str:
    """Every `{{ value }}` printed: as Django's engine prints it, escaped (`html.escape`, as
    `django.utils.html.escape`: `&#x27;`, `&quot;`) unless it is safe already. Escaping
    here rather than by Jinja2's autoescape spares two Markup objects per value (some
    2 µs, a thousand values on a task page)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class _Environment(jinja2.Environment):
    """`{{ box.target }}` of a dict reads its key first. Jinja2 tries the attribute
    first and takes the key when that raises AttributeError: some 0.7 µs more per lookup,
    and a task page's boxes and rows are dicts, a thousand lookups a page. A key
    therefore wins over a dict method of the same name (no context has such a key:
    tests/portal/test_jinja.py); any other object is looked up as Jinja2 does."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@once
def environment() -> jinja2.Environment:
    # Autoescape is off because `finalize` escapes every printed value instead; what a
    # template prints is therefore safe as long as it prints through {{ }} (no macros:
    # their output would be escaped twice).
    environment = _Environment(
        loader=jinja2.FileSystemLoader(folders()),
        autoescape=False,  # `finalize` escapes every value, above
        finalize=escape,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails instead of printing ""
        auto_reload=False,
    )
    # Django's own filters, as its templates write them (`date` of a date, not of a
    # datetime: that one must be made local first, as Django's engine does).
    environment.filters["date"] = defaultfilters.date
    environment.filters["truncatechars"] = defaultfilters.truncatechars
    return environment


@once
def template(name: str) -> jinja2.Template:
    return environment().get_template(name)


def render(name: str, context: dict) -> SafeString:
    # Every printed value was escaped (`escape`): the markup is safe.
    return mark_safe(template(name).render(context))  # noqa: S308


def template_names() -> list[str]:
    """Every Jinja2 template of the project (the warm-up compiles them before forking)."""
    return sorted(
        path.relative_to(folder).as_posix()
        for folder in folders()
        for path in folder.rglob("*.html")
    )
