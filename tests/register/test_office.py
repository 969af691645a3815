"""The office's register pages: a filtered list, a registration with its complaints and
history, recording and handling a complaint, and the measures behind a confirmation.
Everyone but the office gets 404; the query counts do not grow with the rows."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.enums import ComplaintOutcome, ComplaintState
from complaints.models import Complaint
from register.enums import RegistrationStatus
from tests.factories.users import UserFactory, client_for


def _complaint(registration, office, n=1):
    return services.record_complaint(
        registration=registration,
        complainant=f"Klager {n}",
        contact="",
        received_on=timezone.localdate(),
        summary=f"Klacht nummer {n}.",
        actor=office,
    )


def _coaches(make_registration, count, **kwargs):
    return [
        make_registration(
            UserFactory(email=f"coach{n}@example.nl", first_name=f"Coach{n}", last_name="Smit"),
            **kwargs,
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("who", ["candidate", "assessor", "outsider"])
def test_the_office_pages_are_404_for_everyone_else(
    make_registration, candidate, office, request, who
):
    registration = make_registration(candidate)
    complaint = _complaint(registration, office)
    client = client_for(request.getfixturevalue(who))
    pages = [
        reverse("complaints:registrations"),
        *(
            reverse(f"complaints:{name}", args=[registration.pk])
            for name in ("registration", "record", "suspend", "lift", "strike_off")
        ),
        reverse("complaints:complaint", args=[complaint.pk]),
    ]
    assert [client.get(url).status_code for url in pages] == [404] * len(pages)
    posts = {
        reverse("complaints:suspend", args=[registration.pk]): {"reason": "x", "confirm": "on"},
        reverse("complaints:strike_off", args=[registration.pk]): {"reason": "x", "confirm": "on"},
        reverse("complaints:start_handling", args=[complaint.pk]): {},
        reverse("complaints:close", args=[complaint.pk]): {"outcome": "gegrond", "reason": "x"},
    }
    assert [client.post(url, data).status_code for url, data in posts.items()] == [404] * 4
    registration.refresh_from_db()
    complaint.refresh_from_db()
    assert (registration.status, complaint.state) == ("geldig", "ontvangen")
    anonymous = Client().get(reverse("complaints:registrations"))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_takes_the_same_queries_for_one_or_many(
    make_registration, office, office_client, django_assert_num_queries, count
):
    for registration in _coaches(make_registration, count):
        _complaint(registration, office)
    url = reverse("complaints:registrations")
    office_client.get(url)  # warm: the session's first read
    # 1 session, 2 user, 3 the count, 4 the page (with its open complaints)
    with django_assert_num_queries(4):
        response = office_client.get(url)
    html = response.content.decode()
    assert len(re.findall(r'href="/bureau/register/\d+/"', html)) == count
    assert "Coach0 Smit" in html


def test_the_list_filters_by_status_query_and_open_complaints(
    make_registration, office, office_client
):
    first, second, third = _coaches(make_registration, 3)
    services.suspend(registration=second, reason="Klacht.", until=None, actor=office)
    complaint = _complaint(third, office)
    url = reverse("complaints:registrations")

    def numbers(**query):
        html = office_client.get(url, query).content.decode()
        return [r.number for r in (first, second, third) if f">{r.number}<" in html]

    assert numbers() == [first.number, second.number, third.number]
    assert numbers(status=RegistrationStatus.SUSPENDED) == [second.number]
    assert numbers(q="coach0") == [first.number]
    assert numbers(q=third.number.lower()) == [third.number]
    assert numbers(q="coach2@example.nl") == [third.number]
    assert numbers(open_complaints="on") == [third.number]
    services.close_complaint(
        complaint=complaint, outcome=ComplaintOutcome.WITHDRAWN, reason="Ingetrokken.", actor=office
    )
    assert numbers(open_complaints="on") == []
    assert numbers(status="bestaat-niet") == [first.number, second.number, third.number]


@pytest.mark.parametrize("count", [1, 3])
def test_the_registration_page_takes_the_same_queries_for_one_or_many_rows(
    make_registration, candidate, office, office_client, django_assert_num_queries, count
):
    registration = make_registration(candidate)
    for n in range(count):
        _complaint(registration, office, n)
    for _n in range(count):  # measures with who took them
        services.suspend(registration=registration, reason="Klacht.", until=None, actor=office)
        services.lift_suspension(registration=registration, reason="Opgelost.", actor=office)
    url = reverse("complaints:registration", args=[registration.pk])
    office_client.get(url)  # warm: the session's first read
    # 1 session, 2 user, 3 the registration with its job coach, 4 its complaints,
    # 5 its measures with who took them, 6 its history from the audit trail
    with django_assert_num_queries(6):
        response = office_client.get(url)
    html = response.content.decode()
    assert html.count('href="/bureau/register/klacht/') == count
    assert html.count("Klacht vastgelegd") == count  # the history
    assert html.count("<td>Opgelost.</td>") == count  # the measures
    assert "Registratie aangemaakt" in html
    assert f'href="/bureau/register/{registration.pk}/schorsen/"' in html
    assert "/opheffen/" not in html  # not suspended: no lifting
    assert f'href="/certificaat/{registration.number}/"' in html


def test_a_measure_needs_its_confirmation(
    make_registration, candidate, office_client, django_capture_on_commit_callbacks
):
    registration = make_registration(candidate)
    url = reverse("complaints:suspend", args=[registration.pk])
    page = office_client.get(url)
    assert page.status_code == 200
    assert 'name="confirm"' in page.content.decode()
    unconfirmed = office_client.post(url, {"reason": "Klacht in onderzoek."})
    assert unconfirmed.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.VALID
    until = timezone.localdate() + timedelta(days=14)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            url, {"reason": "Klacht in onderzoek.", "until": until.isoformat(), "confirm": "on"}
        )
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("complaints:registration", args=[registration.pk]),
    )
    registration.refresh_from_db()
    assert (registration.status, registration.suspended_until) == ("geschorst", until)
    assert [m.to for m in mail.outbox] == [["kandidaat@example.nl"]]
    page = office_client.get(reverse("complaints:registration", args=[registration.pk]))
    html = page.content.decode()
    assert "/opheffen/" in html
    assert "/schorsen/" not in html
    again = office_client.get(url).content.decode()
    assert "kan bij de huidige status van de registratie niet" in again
    assert 'name="confirm"' not in again


def test_lift_and_strike_off_through_the_pages(make_registration, candidate, office, office_client):
    registration = make_registration(candidate)
    complaint = _complaint(registration, office)
    services.suspend(registration=registration, reason="Klacht.", until=None, actor=office)
    lift = reverse("complaints:lift", args=[registration.pk])
    office_client.post(lift, {"reason": "Klacht ongegrond.", "confirm": "on"})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.VALID
    strike = reverse("complaints:strike_off", args=[registration.pk])
    page = office_client.get(strike, {"klacht": complaint.pk}).content.decode()
    assert f'<option value="{complaint.pk}" selected>' in page
    office_client.post(
        strike, {"reason": "Ernstig tekortgeschoten.", "complaint": complaint.pk, "confirm": "on"}
    )
    registration.refresh_from_db()
    assert (registration.status, registration.status_reason) == (
        RegistrationStatus.STRUCK_OFF,
        "Ernstig tekortgeschoten.",
    )


def test_a_complaint_is_recorded_and_handled_through_the_pages(
    make_registration, candidate, office_client
):
    registration = make_registration(candidate)
    url = reverse("complaints:record", args=[registration.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    refused = office_client.post(
        url, {"complainant": "Gemeente Ede", "received_on": tomorrow.isoformat(), "summary": "x"}
    )
    assert refused.status_code == 200
    assert "De ontvangstdatum ligt in de toekomst." in refused.content.decode()
    too_long = office_client.post(
        url,
        {
            "complainant": "Gemeente Ede",
            "received_on": timezone.localdate().isoformat(),
            "summary": "x" * 5001,
        },
    )
    assert too_long.status_code == 200
    assert "niet meer dan 5000 tekens" in too_long.content.decode()
    control = office_client.post(url, {"complainant": "a\x00", "summary": "x"})
    assert control.status_code == 400
    assert not Complaint.objects.exists()
    response = office_client.post(
        url,
        {
            "complainant": "Gemeente Ede",
            "received_on": timezone.localdate().isoformat(),
            "summary": "Geen rapportages aangeleverd.",
        },
    )
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse("complaints:complaint", args=[complaint.pk])
    page = office_client.get(response["Location"]).content.decode()
    assert "In behandeling nemen" in page
    office_client.post(reverse("complaints:start_handling", args=[complaint.pk]))
    office_client.post(
        reverse("complaints:close", args=[complaint.pk]),
        {"outcome": ComplaintOutcome.UNFOUNDED, "reason": "Rapportages zijn wel aangeleverd."},
    )
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome) == (ComplaintState.CLOSED, "ongegrond")
    page = office_client.get(reverse("complaints:complaint", args=[complaint.pk])).content.decode()
    assert "In behandeling nemen" not in page
    assert "Afhandelen" not in page
    assert "Rapportages zijn wel aangeleverd." in page
