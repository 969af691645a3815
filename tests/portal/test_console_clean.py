"""What made every page log a console error: htmx's inline indicator styles (refused by
the strict CSP) and a missing /favicon.ico."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse


@pytest.mark.django_db
def test_htmx_is_told_not_to_inject_inline_styles_and_the_css_has_them(client):
    html = client.get(reverse("account_login")).content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html
    css = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    assert ".htmx-request .htmx-indicator" in css


@pytest.mark.django_db
def test_the_favicon_is_there_and_linked(client):
    html = client.get(reverse("account_login")).content.decode()
    assert '<link rel="icon" href="/static/favicon.ico">' in html
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (302, "/static/favicon.ico")
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file
