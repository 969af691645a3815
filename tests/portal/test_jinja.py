"""portal.jinja: the fragments' engine prints every value as Django's engine would."""

import re

import jinja2
import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from portal import jinja

TRICKY = """<script>alert("x")</script> & 'quotes' &amp; &#39;"""


def _both(value) -> tuple[str, str]:
    django = Template("{{ value }}").render(Context({"value": value}))
    return jinja.environment().from_string("{{ value }}").render(value=value), django


def test_every_value_is_escaped_as_django_escapes_it():
    for value in [TRICKY, 42, None, gettext_lazy("Opslaan"), ["<a>"]]:
        printed, django = _both(value)
        assert printed == django
    assert "<script>" not in _both(TRICKY)[0]


def test_a_safe_value_is_printed_as_it_is():
    printed, django = _both(mark_safe("<strong>vet</strong>"))
    assert printed == django == "<strong>vet</strong>"


def test_render_gives_a_safe_string_and_a_misspelt_name_fails():
    html = jinja.render(
        "portfolio/_privacy_findings.html",
        {"target": "criterion-1", "findings": [], "oob": True, "in_text": "In de tekst:"},
    )
    assert hasattr(html, "__html__")
    assert 'id="privacy-criterion-1" aria-live="polite" hx-swap-oob="innerHTML"' in html
    with pytest.raises(jinja2.UndefinedError):
        jinja.render("portfolio/_privacy_findings.html", {"target": "x"})


def _render(source: str, **context) -> str:
    return jinja.environment().from_string(source).render(**context)


def test_a_dicts_key_is_read_first_and_anything_else_as_jinja_reads_it():
    assert _render("{{ d.a }}", d={"a": "<x>"}) == "&lt;x&gt;"  # still escaped
    assert _render("{{ d.get('b', 'n') }}", d={"a": 1}) == "n"  # no such key: the method
    assert _render("{{ d.items }}", d={"items": "key"}) == "key"  # a key wins over a method

    class Thing:
        a = "attribute"

    assert _render("{{ o.a }}", o=Thing()) == "attribute"
    with pytest.raises(jinja2.UndefinedError):
        _render("{{ d.b }}", d={"a": 1})


def test_the_templates_call_no_dict_method_but_get():
    """Where a key would shadow a dict method (above), a template calling that method
    would break: the fragments call none but `get`, on dicts without a key "get"."""
    called = set()
    for name in jinja.template_names():
        source = jinja.environment().loader.get_source(jinja.environment(), name)[0]
        called |= set(re.findall(r"\.(items|keys|values|pop|copy|setdefault|update)\(", source))
    assert called == set()
