"""Security headers on every kind of page, the pages themselves fit the strict CSP, and
the production settings (HSTS, secure cookies, SSL redirect) measured in a subprocess."""

import json
import re

import pytest
from django.test import Client

from profiles.models import FrameworkVersion
from tests.factories.users import TEST_PASSWORD, UserFactory, log_in
from tests.portal.test_settings import PRODUCTION_ENV, _manage

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"|\son[a-z]+=\"", re.I)


def _directives(csp: str) -> dict[str, list[str]]:
    return {
        name: values for name, *values in (part.split() for part in csp.split(";") if part.strip())
    }


def assert_strict_headers(response) -> None:
    csp = _directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    for values in csp.values():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(values)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def assert_fits_the_csp(response) -> None:
    """Nothing on the page that the policy would block: no inline script, style or
    event handler (JSON data blocks are not executed and are allowed)."""
    html = response.content.decode()
    assert INLINE_SCRIPT.findall(html) == []
    assert INLINE_STYLE.findall(html) == []


ANONYMOUS = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
CANDIDATE = [
    "/start/",
    "/kader/",
    "/kader/profielen/",
    "/accounts/2fa/",
    "/accounts/password/change/",
]
OFFICE = [
    "/beoordeling/wachtrij/",
    "/beheer/",
    "/beheer/profiles/frameworkversion/",
    "/beheer/profiles/profile/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ANONYMOUS)
def test_anonymous_pages_send_the_strict_headers_and_fit_the_csp(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_strict_headers(response)
    assert_fits_the_csp(response)


@pytest.mark.django_db
def test_json_and_redirect_responses_send_the_headers_too(client):
    health = client.get("/health/")
    assert health["Content-Type"] == "application/json"
    assert_strict_headers(health)
    redirect = client.get("/start/")
    assert redirect.status_code == 302
    assert_strict_headers(redirect)


@pytest.mark.django_db
@pytest.mark.parametrize("url", CANDIDATE)
def test_candidate_pages_send_the_strict_headers_and_fit_the_csp(candidate_client, url):
    response = candidate_client.get(url, follow=True)
    assert response.status_code == 200
    assert_strict_headers(response)
    assert_fits_the_csp(response)


@pytest.mark.django_db
@pytest.mark.parametrize("url", OFFICE)
def test_office_and_admin_pages_send_the_strict_headers_and_fit_the_csp(
    office_client, seeded_version, url
):
    response = office_client.get(url)
    assert response.status_code == 200
    assert_strict_headers(response)
    assert_fits_the_csp(response)


@pytest.mark.django_db
def test_the_admin_change_form_fits_the_csp(office_client, seeded_version):
    version = FrameworkVersion.objects.first()
    response = office_client.get(f"/beheer/profiles/frameworkversion/{version.pk}/change/")
    assert response.status_code == 200
    assert_strict_headers(response)
    assert_fits_the_csp(response)


@pytest.mark.django_db
def test_the_mfa_pages_fit_the_csp_and_the_qr_code_is_an_image(client, assessor):
    # The code step of the login.
    client.post("/accounts/login/", {"login": assessor.email, "password": TEST_PASSWORD})
    step = client.get("/accounts/2fa/authenticate/")
    assert_strict_headers(step)
    assert_fits_the_csp(step)
    # Activation (a candidate switching it on): the QR code is a data: image.
    candidate = Client()
    log_in(candidate, UserFactory())
    candidate.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    activate = candidate.get("/accounts/2fa/totp/activate/")
    assert activate.status_code == 200
    assert_strict_headers(activate)
    assert_fits_the_csp(activate)
    images = re.findall(r'<img class="totp-qr[^"]*" src="([^"]+)"', activate.content.decode())
    assert len(images) == 1
    assert images[0].startswith("data:image/svg+xml;base64,")
    assert "<svg" not in activate.content.decode()


# --- production ---------------------------------------------------------------------------

# Measured through Django's test client inside a production-mode process. (Static files
# from the finders: the hashed manifest exists only after collectstatic.)
_PROBE = """
import json
from django.conf import settings
from django.test import Client, override_settings
host = "portal.registerjobcoach.nl"
plain_files = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=plain_files):
    plain = Client(HTTP_HOST=host).get("/")
    secure = Client(HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https").get(
        "/accounts/password/reset/")
assert secure.status_code == 200, secure.status_code
csrf = secure.cookies["csrftoken"]
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location")],
    "hsts": secure.get("Strict-Transport-Security"),
    "csp": secure.get("Content-Security-Policy"),
    "csrf_cookie": [bool(csrf["secure"]), bool(csrf["httponly"]), csrf["samesite"]],
    "session_cookie": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                       settings.SESSION_COOKIE_SAMESITE],
    "trusted_proxies": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
}))
"""


def test_production_mode_sends_hsts_secure_cookies_and_redirects_to_https():
    result = _manage("shell", "-c", _PROBE, env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["redirect"] == [301, "https://portal.registerjobcoach.nl/"]
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "'unsafe-inline'" not in probe["csp"]
    assert probe["csrf_cookie"] == [True, True, "Lax"]
    assert probe["session_cookie"] == [True, True, "Lax"]
    assert probe["trusted_proxies"] == 1
