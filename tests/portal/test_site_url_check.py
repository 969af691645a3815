"""`manage.py check --deploy` fails in production without an https SITE_URL: every link
in an e-mail is built from it."""

import os

import pytest
from django.test import override_settings

from portal.checks import check_site_url, site_url_problem
from tests.portal.test_settings import PRODUCTION_ENV, _manage


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("https://portal.registerjobcoach.nl", None),
        ("https://portal.registerjobcoach.nl/", None),
        ("", "SITE_URL is not set."),
        ("http://portal.registerjobcoach.nl", "SITE_URL must be an https address"),
        ("http://127.0.0.1:8000", "SITE_URL must be an https address"),
        ("https://localhost", "SITE_URL must name the portal's public host"),
        ("https://", "SITE_URL must name the portal's public host"),
        ("portal.registerjobcoach.nl", "SITE_URL must be an https address"),
        ("https://portal.registerjobcoach.nl/?x=1", "without query or fragment"),
    ],
)
def test_what_counts_as_a_production_site_url(value, problem):
    found = site_url_problem(value)
    if problem is None:
        assert found is None
    else:
        assert problem in found


@override_settings(PRODUCTION=True, SITE_URL="http://127.0.0.1:8000")
def test_the_check_is_an_error_in_production():
    (error,) = check_site_url()
    assert error.id == "portal.E001"
    assert error.is_serious()


@override_settings(PRODUCTION=False, SITE_URL="http://127.0.0.1:8000")
def test_development_keeps_its_local_default():
    assert check_site_url() == []


@pytest.mark.parametrize("site_url", [None, "", "http://portal.registerjobcoach.nl"])
def test_check_deploy_fails_in_production_without_an_https_site_url(site_url):
    """None: not set at all (the development default applies)."""
    if site_url is None and "SITE_URL" in os.environ:
        pytest.skip("SITE_URL is set in this environment")
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    result = _manage("check", "--deploy", env_extra=env)
    assert result.returncode != 0
    assert "portal.E001" in result.stderr + result.stdout
