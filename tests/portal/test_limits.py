"""portal.limits (the bounds in one place) and the middleware that refuses control
characters in any request."""

from datetime import date, timedelta

import pytest
from django.test import Client

from portal import limits

MESSAGE = (
    "Je invoer bevat een ongeldig teken (een stuurteken). Verwijder het en probeer het opnieuw."
)


# --- the limits --------------------------------------------------------------------------------


def test_a_text_limit_names_the_field_the_maximum_and_the_length():
    limit = limits.TextLimit("De motivering", 5_000)
    assert limit.problem("x" * 5_000) is None
    assert limit.problem("regel 1\n\tregel 2\r\n") is None  # tab, LF and CR are text
    assert limit.problem("x" * 5_001) == (
        "De motivering is te lang: maximaal 5.000 tekens, nu 5.001. Maak de tekst korter."
    )
    for char in ("\x00", "\x1b", "\x7f", "\x85", "\x9f"):
        assert limit.problem(f"a{char}b") == (
            "De motivering bevat een ongeldig teken (een stuurteken). Verwijder het."
        )


def test_a_text_limit_raises_the_services_own_error():
    class DomainError(Exception):
        pass

    with pytest.raises(DomainError, match=r"^De motivering is te lang: maximaal 5\.000 tekens"):
        limits.MOTIVATION.check("x" * 5_001, error=DomainError)
    limits.MOTIVATION.check("x" * 5_000, error=DomainError)


def test_the_b1_numbers_are_bounded_to_a_career():
    assert limits.YEARS.problem(60) is None
    assert limits.YEARS.problem(None) is None  # "not stated" is the service's own check
    assert limits.YEARS.problem(65537) == "Het aantal jaren moet tussen 0 en 60 liggen."
    assert limits.YEARS.problem(-1) == "Het aantal jaren moet tussen 0 en 60 liggen."
    assert limits.HOURS.problem(100_000) is None
    assert limits.HOURS.problem(4_294_968_496) == (
        "Het aantal uren moet tussen 0 en 100.000 liggen."
    )
    # Inside every integer column they are stored in: nothing wraps (65537 → 1).
    assert limits.YEARS.maximum <= 32767  # PositiveSmallIntegerField
    assert limits.HOURS.maximum <= 2_147_483_647  # PositiveIntegerField


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
        ("0", None),
        ("-1", None),
        ("+1", None),
        ("1e9", None),
        ("٣", None),  # int() would read 3
        ("²", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_id_takes_only_an_id_that_can_exist(value, expected):
    assert limits.parse_id(value) == expected


def test_parse_page_is_the_first_page_for_garbage():
    assert limits.parse_page("3") == 3
    assert [limits.parse_page(v) for v in ("abc", "0", "-2", str(2**63), None)] == [1] * 5
    assert limits.parse_page(str(limits.MAX_PAGE + 1)) == 1


def test_dates_far_off_are_refused():
    today = date(2026, 6, 15)
    assert limits.date_problem(date(1950, 1, 1), today=today) is None
    assert limits.date_problem(date(1949, 12, 31), today=today) == "Kies een datum na 01-01-1950."
    assert limits.date_problem(date(1, 1, 1), today=today) == "Kies een datum na 01-01-1950."
    assert limits.date_problem(date(9999, 12, 31), today=today) == (
        "Deze datum ligt te ver in de toekomst."
    )
    latest = today + timedelta(days=366)
    assert limits.date_problem(latest, today=today, future=True) is None
    assert limits.date_problem(latest + timedelta(days=1), today=today, future=True) == (
        "Kies een datum binnen een jaar, uiterlijk 16-06-2027."
    )


# --- the middleware ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["q=a%00b", "q=a%1Bb", "q=a%C2%85b", "a%00=1", "next=%7F"])
def test_a_control_character_in_the_query_string_is_a_400_page(query):
    response = Client().get(f"/accounts/login/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Ongeldige invoer · Register Jobcoach</title>" in html
    assert f'<p class="alert alert-danger" role="alert">{MESSAGE}</p>' in html


@pytest.mark.django_db
def test_htmx_gets_a_fragment_to_show_in_place():
    response = Client().get("/accounts/login/?q=%00", headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert response.content.decode() == (
        f'<span class="text-danger fw-semibold" role="alert">{MESSAGE} '
        "Dit is níet opgeslagen.</span>\n"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/portfolio/%00/", "/x%01y/", "/kader/%C2%9F/"])
def test_a_control_character_in_the_path_is_a_400(path):
    response = Client().get(path)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


@pytest.mark.django_db
def test_posted_forms_are_checked_multipart_and_urlencoded_keys_and_values(candidate):
    client = Client()
    client.force_login(candidate)
    url = "/accounts/email/"
    multipart = client.post(url, {"email": "a\x00b@example.nl", "action_add": ""})
    urlencoded = client.post(
        url, "email=a%C2%85b%40example.nl", content_type="application/x-www-form-urlencoded"
    )
    key = client.post(url, {"em\x1bail": "x"})
    assert [r.status_code for r in (multipart, urlencoded, key)] == [400, 400, 400]
    # Tab, line feed and carriage return are text: the form answers as usual.
    ordinary = client.post(url, {"email": "a\tb\r\n", "action_add": ""})
    assert ordinary.status_code == 200
    assert "stuurteken" not in ordinary.content.decode()


@pytest.mark.django_db
def test_csrf_still_applies_before_the_check(candidate):
    """A forged POST is refused by CSRF (403) first, whatever it holds."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(candidate)
    response = client.post("/accounts/email/", {"email": "a\x00b"})
    assert response.status_code == 403
