"""Session lifetime (idle per role, absolute), expired htmx saves, and every other
session ending when the password changes."""

import re
import runpy
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.middleware import AUTHENTICATED_AT
from portfolio.services import start_portfolio
from tests.factories.users import TEST_PASSWORD, log_in

LOGIN_REDIRECT = "/accounts/login/?next=/start/"
SETTINGS_FILE = Path(__file__).resolve().parents[2] / "portal" / "settings.py"


def _get_at(client, url, minutes_from_now: float):
    """A request made `minutes_from_now` later (sessions expire by Django's clock)."""
    later = timezone.now() + timedelta(minutes=minutes_from_now)
    with mock.patch("django.utils.timezone.now", return_value=later):
        return client.get(url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "idle_minutes"), [("assessor", 30), ("office", 30), ("candidate", 60)]
)
def test_a_session_ends_after_the_idle_timeout_of_the_role(request, who, idle_minutes):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    assert client.get("/start/").status_code == 200
    assert client.session.get_expiry_age() == idle_minutes * 60
    # Activity just inside the timeout keeps the session alive and extends it...
    assert _get_at(client, "/start/", idle_minutes - 1).status_code == 200
    assert _get_at(client, "/start/", 2 * idle_minutes - 2).status_code == 200
    # ...a request after a full idle period goes to the login page.
    response = _get_at(client, "/start/", 3 * idle_minutes)
    assert (response.status_code, response["Location"]) == (302, LOGIN_REDIRECT)


@pytest.mark.django_db
def test_an_active_session_is_saved_once_a_minute_not_on_every_request(candidate):
    from django.contrib.sessions.models import Session  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client = Client()
    client.force_login(candidate)
    client.get("/start/")
    key = client.session.session_key
    expires = Session.objects.get(pk=key).expire_date

    def writes(minutes_from_now):
        with CaptureQueriesContext(connection) as captured:
            assert _get_at(client, "/start/", minutes_from_now).status_code == 200
        return [q["sql"] for q in captured if q["sql"].startswith("UPDATE")]

    # Within the minute: no write, the expiry stays where it was.
    assert writes(0.5) == []
    assert Session.objects.get(pk=key).expire_date == expires
    # A minute on: one write, and the session runs a full idle period from now.
    assert len(writes(1.5)) == 1
    moved = Session.objects.get(pk=key).expire_date - expires
    assert timedelta(seconds=85) <= moved <= timedelta(seconds=95)


def _settings_read_with(monkeypatch, **environment) -> dict:
    """portal/settings.py read afresh (as a process starting up does) with `environment`."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


@pytest.mark.django_db
def test_the_idle_timeouts_come_from_the_environment(monkeypatch, settings, candidate, assessor):
    read = _settings_read_with(
        monkeypatch, SESSION_IDLE_MINUTES_CANDIDATE="15", SESSION_IDLE_MINUTES_STAFF="7"
    )
    assert (read["SESSION_IDLE_TIMEOUT_CANDIDATE"], read["SESSION_IDLE_TIMEOUT_STAFF"]) == (
        15 * 60,
        7 * 60,
    )
    # The cookie outlives neither role's idle period.
    assert read["SESSION_COOKIE_AGE"] == 15 * 60
    # …and the sessions follow what was read.
    settings.SESSION_IDLE_TIMEOUT_CANDIDATE = read["SESSION_IDLE_TIMEOUT_CANDIDATE"]
    settings.SESSION_IDLE_TIMEOUT_STAFF = read["SESSION_IDLE_TIMEOUT_STAFF"]
    for user, minutes in ((candidate, 15), (assessor, 7)):
        client = Client()
        client.force_login(user)
        client.get("/start/")
        assert client.session.get_expiry_age() == minutes * 60
        assert _get_at(client, "/start/", minutes - 1).status_code == 200
        assert _get_at(client, "/start/", 2 * minutes)["Location"] == LOGIN_REDIRECT


@pytest.mark.django_db
def test_a_session_ends_after_twelve_hours_even_when_active(candidate_client, settings):
    assert settings.SESSION_ABSOLUTE_TIMEOUT == 12 * 60 * 60
    candidate_client.get("/start/")
    session = candidate_client.session
    session[AUTHENTICATED_AT] = time.time() - 12 * 60 * 60 - 1
    session.save()
    response = candidate_client.get("/start/", follow=True)
    assert response.redirect_chain == [(LOGIN_REDIRECT, 302)]
    assert "Je sessie is verlopen. Log opnieuw in." in response.content.decode()
    assert "_auth_user_id" not in candidate_client.session


# --- an autosave after the session expired -------------------------------------------------


@pytest.mark.django_db
def test_an_expired_autosave_gets_a_plain_message_instead_of_the_login_page(
    candidate_client, candidate, seeded_version
):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    url = reverse("portfolio:autosave", args=[portfolio.pk])
    candidate_client.get("/start/")
    later = timezone.now() + timedelta(minutes=61)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = candidate_client.post(
            url, {"target": "x", "text": "Mijn tekst"}, HTTP_HX_REQUEST="true"
        )
        plain = candidate_client.post(url, {"target": "x", "text": "Mijn tekst"})
    assert response.status_code == 401
    html = response.content.decode()
    assert "Je sessie is verlopen: dit is níet opgeslagen." in html
    assert "Je invoer staat nog in dit venster; sluit het niet." in html
    assert 'href="/accounts/login/" target="_blank" rel="noopener"' in html
    assert "<form" not in html  # not the login page swapped into the status line
    # Without htmx the usual redirect to the login page stays.
    assert plain["Location"] == f"/accounts/login/?next={url}"


# --- password change and reset end the other sessions -----------------------------------


@pytest.mark.django_db
def test_a_password_change_logs_out_every_other_session_and_keeps_this_one(candidate):
    here, elsewhere = Client(), Client()
    log_in(here, candidate)
    log_in(elsewhere, candidate)
    assert elsewhere.get("/start/").status_code == 200

    response = here.post(
        "/accounts/password/change/",
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "een-nieuw-wachtwoord-2026",
            "password2": "een-nieuw-wachtwoord-2026",
        },
    )
    assert response.status_code == 302
    assert here.get("/start/").status_code == 200  # the session that changed it stays
    assert elsewhere.get("/start/")["Location"] == LOGIN_REDIRECT
    # The owner is told by e-mail.
    assert [m.to for m in mail.outbox] == [[candidate.email]]


@pytest.mark.django_db
def test_the_admins_password_form_is_the_portals_own(office):
    """The admin's form changed the password without the e-mail and without logging out
    the other sessions; its URL and its link now lead to the portal's page."""
    here = Client()
    log_in(here, office)
    assert reverse("admin:password_change") == "/beheer/password_change/"
    assert here.get("/beheer/password_change/")["Location"] == "/accounts/password/change/"
    posted = here.post(
        "/beheer/password_change/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "een-nieuw-wachtwoord-2026",
            "new_password2": "een-nieuw-wachtwoord-2026",
        },
    )
    assert posted.status_code == 405  # nothing is changed there any more
    office.refresh_from_db()
    assert office.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_a_password_reset_logs_out_every_session(client, assessor):
    first, second = Client(), Client()
    log_in(first, assessor)
    log_in(second, assessor)
    client.post("/accounts/password/reset/", {"email": assessor.email})
    path = re.search(
        re.escape(settings.SITE_URL) + r"(/accounts/password/reset/key/\S+/)", mail.outbox[0].body
    )
    set_url = client.get(path.group(1), follow=True).redirect_chain[-1][0]
    client.post(
        set_url, {"password1": "nieuw-wachtwoord-2026", "password2": "nieuw-wachtwoord-2026"}
    )
    assessor.refresh_from_db()
    assert assessor.check_password("nieuw-wachtwoord-2026")
    assert first.get("/start/")["Location"] == LOGIN_REDIRECT
    assert second.get("/start/")["Location"] == LOGIN_REDIRECT
    # The reset does not log anyone in: the new login still asks for the code.
    assert "_auth_user_id" not in client.session
