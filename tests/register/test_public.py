"""The public register, no login: search by name, place or number (never a listing
without a query), a page per registration and /verifieer/<number>/, showing only what
the job coach chose to publish; bounded input, a rate limit and the office's noindex."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from register import services
from register.enums import RegistrationStatus
from register.forms import QUERY_MAX
from register.models import RegisterPolicy, Registration
from register.views import PUBLIC_REQUESTS_PER_MINUTE
from tests.factories.users import UserFactory


def _coach(make_registration, n, *, last_name="Visser", place="Utrecht", show_place=True):
    user = UserFactory(email=f"coach{n}@example.nl", first_name=f"Coach{n}", last_name=last_name)
    return make_registration(user, place=place, show_place=show_place)


def _search(query, **extra):
    return Client().get(reverse("register:search"), {"q": query}, **extra)


def test_no_listing_without_a_query(make_registration, candidate):
    make_registration(candidate)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(reverse("register:search"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kim de Vries" not in html
    assert "Resultaten" not in html
    assert not [q for q in queries.captured_queries if "register_registration" in q["sql"]]


@pytest.mark.parametrize("count", [1, 3])
def test_search_by_name_takes_the_same_queries_for_one_or_many(
    make_registration, django_assert_num_queries, count
):
    for n in range(count):
        _coach(make_registration, n)
    # 1 the policies, 2 the registrations (one query whatever the number of results)
    with django_assert_num_queries(2):
        response = _search("visser")
    html = response.content.decode()
    assert [f"Coach{n} Visser" in html for n in range(count)] == [True] * count
    assert html.count('href="/register/RJC-') == count


def test_search_by_number_and_by_published_place_only(make_registration):
    shown = _coach(make_registration, 1, last_name="Jansen", place="Zwolle", show_place=True)
    hidden = _coach(make_registration, 2, last_name="Bakker", place="Zwolle", show_place=False)
    html = _search("zwolle").content.decode()
    assert "Coach1 Jansen" in html
    assert "Coach2 Bakker" not in html
    html = _search(hidden.number.lower()).content.decode()
    assert "Coach2 Bakker" in html
    assert "Zwolle" not in html
    assert shown.number not in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("jans", True),  # the beginning of the last name
        ("coach7 jansen", True),  # every word of the full name
        ("coach7 visser", False),  # not every word
        ("amersf", True),  # the beginning of the published place
        ("'&|!:* jansen", True),  # the search syntax's signs are not syntax here
        ("'&|!:*", False),
    ],
)
def test_search_by_the_beginnings_of_words(make_registration, query, found):
    _coach(make_registration, 7, last_name="Jansen", place="Amersfoort")
    response = _search(query)
    assert response.status_code == 200
    assert ("Coach7 Jansen" in response.content.decode()) is found


@pytest.mark.parametrize(
    ("query", "status"), [("x", 200), ("a" * (QUERY_MAX + 1), 200), ("kim\x00", 400)]
)
def test_a_query_out_of_bounds_searches_nothing(make_registration, candidate, query, status):
    make_registration(candidate)
    with CaptureQueriesContext(connection) as queries:
        response = _search(query)
    assert response.status_code == status
    assert "Resultaten" not in response.content.decode()
    assert not [q for q in queries.captured_queries if "register_registration" in q["sql"]]


def test_the_page_shows_only_what_the_coach_published(make_registration, candidate, office):
    registration = make_registration(candidate)
    services.set_publication(
        registration=registration,
        actor=candidate,
        place="Amersfoort",
        organisation="Werkfit BV",
        website="https://werkfit.example.nl",
        show_place=True,
    )
    url = reverse("register:detail", args=[registration.number])
    html = Client().get(url).content.decode()
    assert "Kim de Vries" in html
    assert registration.number in html
    assert "Amersfoort" in html
    assert "Werkfit BV" not in html
    assert "werkfit.example.nl" not in html
    assert "kandidaat@example.nl" not in html
    services.set_publication(
        registration=registration,
        actor=candidate,
        place="Amersfoort",
        organisation="Werkfit BV",
        website="https://werkfit.example.nl",
        show_organisation=True,
        show_website=True,
    )
    html = Client().get(url).content.decode()
    assert "Amersfoort" not in html
    assert "Werkfit BV" in html
    assert '<a href="https://werkfit.example.nl" rel="nofollow noopener">' in html


@pytest.mark.parametrize(
    ("starts_on", "office_status", "answer"),
    [
        (date(2026, 12, 1), "", "geldig"),
        (date(2020, 1, 1), "", "verlopen"),
        (date(2026, 12, 1), RegistrationStatus.SUSPENDED, "geschorst"),
        (date(2026, 12, 1), RegistrationStatus.STRUCK_OFF, "doorgehaald"),
    ],
)
def test_verification_answers_in_one_word(
    make_registration,
    candidate,
    office,
    django_assert_num_queries,
    starts_on,
    office_status,
    answer,
):
    registration = make_registration(candidate, starts_on=starts_on)
    if office_status:
        services.change_status(registration=registration, to=office_status, actor=office)
    # 1 the policies, 2 the registration
    with django_assert_num_queries(2):
        response = Client().get(reverse("register:verify", args=[registration.number.lower()]))
    assert response.status_code == 200
    assert f"is <strong>{answer}</strong>." in response.content.decode()


@pytest.mark.parametrize("name", ["register:verify", "register:detail"])
def test_an_unknown_number_is_404(db, name):
    assert Client().get(reverse(name, args=["RJC-2027-99999"])).status_code == 404
    assert Client().get(reverse(name, args=["x" * 500])).status_code == 404


def test_noindex_where_the_office_chooses(make_registration, candidate):
    registration = make_registration(candidate)
    url = reverse("register:detail", args=[registration.number])
    response = Client().get(url)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    RegisterPolicy.objects.filter(version=None).update(noindex=False)
    response = Client().get(url)
    assert "X-Robots-Tag" not in response
    assert 'name="robots"' not in response.content.decode()


def test_the_public_pages_are_rate_limited(make_registration, candidate):
    registration = make_registration(candidate)
    client = Client()
    url = reverse("register:verify", args=[registration.number])
    answers = [client.get(url).status_code for _ in range(PUBLIC_REQUESTS_PER_MINUTE)]
    assert answers == [200] * PUBLIC_REQUESTS_PER_MINUTE
    with CaptureQueriesContext(connection) as queries:
        refused = client.get(reverse("register:search"), {"q": "kim"})
    assert (refused.status_code, refused["Retry-After"]) == (429, "60")
    assert queries.captured_queries == []  # refused before any work
    assert "Kim de Vries" not in refused.content.decode()
    other = client.get(url, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_behind_the_proxy_the_limit_is_per_client(make_registration, candidate, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    registration = make_registration(candidate)
    url = reverse("register:verify", args=[registration.number])
    client = Client(REMOTE_ADDR="10.0.0.10")  # the proxy

    def get(ip):
        return client.get(url, HTTP_X_FORWARDED_FOR=ip).status_code

    allowed = PUBLIC_REQUESTS_PER_MINUTE
    assert [get("198.51.100.1") for _ in range(allowed)] == [200] * allowed
    assert (get("198.51.100.1"), get("198.51.100.2")) == (429, 200)


def test_a_result_row_prints_what_was_published_escaped_and_links_its_page(make_registration):
    coach = _coach(make_registration, 9, last_name="<b>Visser</b>", place='Den "Bosch" & Co')
    html = _search("coach9").content.decode()
    assert "Coach9 &lt;b&gt;Visser&lt;/b&gt;" in html
    assert "<b>Visser</b>" not in html
    assert "Den &quot;Bosch&quot; &amp; Co" in html
    assert f'<a href="/register/{coach.number}/">' in html
    assert f"· {coach.number} · geldig · Den &quot;Bosch&quot; &amp; Co</li>" in html


def test_the_public_pages_show_place_organisation_and_website_only_as_chosen():
    chosen = Registration(
        place="Zwolle", organisation="Werkfit", website="https://werkfit.example",
        show_place=True, show_organisation=True, show_website=True,
    )  # fmt: skip
    assert (chosen.shown_place, chosen.shown_organisation, chosen.shown_website) == (
        "Zwolle",
        "Werkfit",
        "https://werkfit.example",
    )
    hidden = Registration(place="Zwolle", organisation="Werkfit", website="https://w.example")
    assert (hidden.shown_place, hidden.shown_organisation, hidden.shown_website) == ("", "", "")
