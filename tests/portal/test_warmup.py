"""The warm-up gunicorn's master runs before forking (deploy/gunicorn.conf.py)."""

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext

from portal import jinja
from portal.warmup import project_templates, warm_up
from profiles.selectors import version_with_content


def test_the_project_templates_are_ours_and_complete():
    names = project_templates()
    assert "base.html" in names
    assert "assessment/score.html" in names
    assert "portfolio/section.html" in names
    # Not the installed packages' own (Django's admin, allauth's pages we do not override).
    assert "admin/base.html" not in names
    assert "account/signup.html" not in names


@pytest.mark.django_db
def test_warm_up_compiles_templates_and_keeps_the_published_framework(seeded_version, monkeypatch):
    from portal import warmup  # noqa: PLC0415

    # The master closes its connections so that no worker inherits one; here that would
    # end the test's transaction, so the call is only recorded.
    closed = []
    monkeypatch.setattr(warmup.connections, "close_all", lambda: closed.append(True))
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    jinja.template.cache_clear()
    result = warm_up()
    assert result == {
        "templates": len(project_templates()),
        "jinja": len(jinja.template_names()),
        "versions": 1,
    }
    assert "portfolio/_answer.html" in jinja.template_names()
    assert jinja.template.cache_info().currsize == result["jinja"]
    assert closed == [True]
    assert len(loader.get_template_cache) >= result["templates"]
    # A worker forked now has the tree already: only the status query.
    with CaptureQueriesContext(connection) as captured:
        version_with_content(seeded_version.pk)
    assert len(captured) == 1
