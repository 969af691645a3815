"""The error pages: in Dutch, and a lost database is a 503 to try again, not a 500.

PostgreSQL restarting (ops/db_restart_drill.py) is first met by the middleware that
loads the session, before any view: Django then calls handler500
(portal.views.server_error), which must tell an outage from a bug and must not read
the database itself."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from portal import middleware
from portfolio.services import start_portfolio
from tests.factories.users import client_for


def _lose_the_database(monkeypatch):
    def closed(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "_get_session_from_db", closed)


def _without_raising(client: Client) -> Client:
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
def test_a_lost_database_is_a_dutch_503_with_retry_after(candidate, monkeypatch):
    client = _without_raising(client_for(candidate))
    _lose_the_database(monkeypatch)
    response = client.get("/start/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Even niet bereikbaar" in page
    assert "Wat je eerder hebt opgeslagen is bewaard" in page
    assert "Traceback" not in page


@pytest.mark.django_db
def test_health_with_a_session_cookie_says_503_error_when_the_database_is_lost(
    candidate, monkeypatch
):
    """A monitor that sends a cookie gets the same verdict as one that does not: the
    session middleware meets the outage before the health view can answer."""
    client = _without_raising(client_for(candidate))
    assert client.get("/health/").status_code == 200
    _lose_the_database(monkeypatch)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    assert response["Retry-After"] == "30"


@pytest.mark.django_db
def test_any_other_error_is_a_dutch_500_that_reads_nothing(candidate, monkeypatch):
    client = _without_raising(client_for(candidate))

    def broken(self, request):
        raise RuntimeError("a bug")

    monkeypatch.setattr(middleware.SessionTimeoutMiddleware, "__call__", broken)
    response = client.get("/start/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "a bug" not in page


@pytest.mark.django_db
def test_not_found_and_not_yours_are_the_same_dutch_404(seeded_version, candidate, other_candidate):
    theirs = start_portfolio(candidate=other_candidate, version=seeded_version)
    client = client_for(candidate)
    missing = client.get("/portfolio/999999/")
    not_mine = client.get(f"/portfolio/{theirs.pk}/")
    assert missing.status_code == not_mine.status_code == 404
    for response in (missing, not_mine):
        page = response.content.decode()
        assert "Pagina niet gevonden" in page
        assert "Deze pagina bestaat niet, of je hebt er geen toegang toe." in page


@pytest.mark.django_db
def test_a_refusal_is_a_dutch_403_and_changes_nothing(candidate):
    """A candidate at the admin's login (portal.views.admin_login) is refused."""
    response = client_for(candidate).get("/beheer/login/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Geen toegang" in page
    assert "Er is niets gewijzigd." in page


@pytest.mark.django_db
def test_a_bad_request_is_a_dutch_400_without_the_menu():
    """A host the portal does not serve (Django's DisallowedHost) is a 400 rendered
    without the request: no menu, no login button."""
    client = _without_raising(Client(HTTP_HOST="elders.example"))
    response = client.get("/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ongeldig verzoek" in page
    assert "Uitloggen" not in page
    assert "Inloggen" not in page
