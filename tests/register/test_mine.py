"""/mijn-registratie/: the job coach changes what the public register shows (audited);
nobody else reaches it."""

from django.test import Client
from django.urls import reverse

from audit.enums import AuditAction
from audit.models import AuditEntry

URL = "/mijn-registratie/"


def _form(**choice):
    data = {"place": "", "organisation": "", "website": ""}
    data.update(choice)
    return data


def test_the_url():
    assert reverse("register:mine") == URL


def test_the_coach_publishes_the_place_and_withdraws_it(
    make_registration, candidate, candidate_client
):
    registration = make_registration(candidate)
    response = candidate_client.post(URL, _form(place="Amersfoort", show_place="on"))
    assert (response.status_code, response["Location"]) == (302, URL)
    registration.refresh_from_db()
    assert (registration.place, registration.show_place) == ("Amersfoort", True)
    assert registration.consent_changed_at is not None
    public = reverse("register:detail", args=[registration.number])
    assert "Amersfoort" in Client().get(public).content.decode()

    candidate_client.post(URL, _form(place="Amersfoort"))
    assert "Amersfoort" not in Client().get(public).content.decode()
    changes = [
        e.changes
        for e in AuditEntry.objects.filter(action=AuditAction.REGISTRATION_PUBLICATION).order_by(
            "pk"
        )
    ]
    assert changes == [
        {
            "place": {"voor": "", "na": "«tekst verborgen, 10 tekens»"},
            "show_place": {"voor": False, "na": True},
        },
        {"show_place": {"voor": True, "na": False}},
    ]
    # Nothing changed: nothing audited.
    candidate_client.post(URL, _form(place="Amersfoort"))
    assert AuditEntry.objects.filter(action=AuditAction.REGISTRATION_PUBLICATION).count() == 2


def test_a_bad_website_is_refused(make_registration, candidate, candidate_client):
    registration = make_registration(candidate)
    response = candidate_client.post(URL, _form(website="javascript:alert(1)", show_website="on"))
    assert response.status_code == 200
    assert "Voer een geldige URL in." in response.content.decode()
    registration.refresh_from_db()
    assert (registration.website, registration.show_website) == ("", False)


def test_the_page_queries(
    make_registration, candidate, candidate_client, django_assert_num_queries
):
    make_registration(candidate)
    candidate_client.get(URL)  # warm: the session's first read
    # 1 session, 2 user, 3 the registration, 4 the policies, 5 its framework version
    # (the certificate's facts), 6 the certificate (no review: no sealed snapshot), 7 the
    # published recertification framework (none here: nothing more is read)
    with django_assert_num_queries(7):
        response = candidate_client.get(URL)
    assert response.status_code == 200
    assert "Wat het openbare register laat zien" in response.content.decode()


def test_nobody_else_reaches_it(db, outsider, office_client):
    assert office_client.get(URL).status_code == 404
    client = Client()
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
    response = Client().get(URL)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={URL}")
