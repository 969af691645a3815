import re
import time
from types import SimpleNamespace
from unittest import mock

import pytest
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth import hashers
from django.core import mail

from portal.enums import Role
from portal.models import User
from tests.factories.users import TEST_PASSWORD, UserFactory, log_in


@pytest.mark.django_db
def test_signup_creates_a_candidate_who_must_verify_the_email_address(client):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Noor",
            "last_name": "Vermeulen",
            "email": "Noor.Vermeulen@Example.nl",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email__iexact="noor.vermeulen@example.nl")
    assert (user.first_name, user.last_name, user.role) == ("Noor", "Vermeulen", Role.CANDIDATE)
    assert not user.is_staff
    # Not verified yet: logging in is refused until the link in the e-mail is followed.
    assert len(mail.outbox) == 1
    link = re.search(
        re.escape(settings.SITE_URL) + r"(/accounts/confirm-email/\S+/)", mail.outbox[0].body
    )
    assert link is not None
    client.logout()
    login = client.post(
        "/accounts/login/", {"login": user.email, "password": "een-lang-wachtwoord-42"}
    )
    assert login["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    # Following the link (GET shows a confirmation form, POST confirms) logs the user in.
    assert client.get(link.group(1)).status_code == 200
    confirmed = client.post(link.group(1))
    assert confirmed.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_signup_rejects_a_weak_password_with_a_message(client):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "A",
            "last_name": "B",
            "email": "a@example.nl",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="a@example.nl").exists()
    html = response.content.decode()
    assert "Dit wachtwoord is te kort: gebruik minstens 10 tekens." in html
    assert "Dit wachtwoord bestaat alleen uit cijfers" in html
    assert "too short" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fixture_name", "template_text"),
    [
        ("candidate", "Hier bouw je je portfolio"),
        ("assessor", "Naar mijn beoordelingen"),
        ("office", "Bureau Register Jobcoach"),
    ],
)
def test_login_leads_to_the_start_page_of_the_role(client, request, fixture_name, template_text):
    user = request.getfixturevalue(fixture_name)
    response = log_in(client, user)  # assessor and office: then the authenticator code
    assert response.redirect_chain[-1] == ("/start/", 302)
    assert template_text in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_is_refused_without_saying_whether_the_account_exists(client, candidate):
    wrong = client.post("/accounts/login/", {"login": candidate.email, "password": "fout"})
    unknown = client.post("/accounts/login/", {"login": "niemand@example.nl", "password": "fout"})
    assert wrong.status_code == unknown.status_code == 200
    assert "_auth_user_id" not in client.session
    wrong_errors = wrong.context["form"].non_field_errors()
    assert wrong_errors == unknown.context["form"].non_field_errors()


@pytest.mark.django_db
def test_password_reset_sends_a_link_that_sets_a_new_password(client, candidate):
    response = client.post("/accounts/password/reset/", {"email": candidate.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(
        re.escape(settings.SITE_URL) + r"(/accounts/password/reset/key/\S+/)", mail.outbox[0].body
    )
    form_page = client.get(path.group(1), follow=True)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"password1": "nieuw-wachtwoord-2026", "password2": "nieuw-wachtwoord-2026"}
    )
    assert done.status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password("nieuw-wachtwoord-2026")


@pytest.mark.django_db
def test_logout_is_post_only(candidate_client):
    assert candidate_client.get("/start/").status_code == 200
    # A GET (a link, an image, a prefetch) only shows the confirmation form: still logged in.
    confirm = candidate_client.get("/accounts/logout/")
    assert confirm.status_code == 200
    assert 'method="post"' in confirm.content.decode()
    assert candidate_client.get("/start/").status_code == 200
    # The form's POST logs out.
    candidate_client.post("/accounts/logout/")
    assert candidate_client.get("/start/")["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_start_page_requires_login(client):
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/start/"


# --- throttling: a cool-off, never a permanent lock ---------------------------------------


def _later(seconds: float) -> mock._patch:
    """allauth's rate limits, seen `seconds` from now (only their clock moves)."""
    shifted = SimpleNamespace(
        time=lambda: time.time() + seconds, monotonic=time.monotonic, sleep=time.sleep
    )
    return mock.patch.object(ratelimit, "time", shifted)


def _attempt(client, email, password, **extra):
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


TOO_MANY = "Te veel inlogpogingen. Probeer het later nogmaals."


@pytest.mark.django_db
def test_five_failures_lock_the_account_for_five_minutes_then_it_opens_again(client, candidate):
    for _ in range(5):
        assert "_auth_user_id" not in _attempt(client, candidate.email, "fout").wsgi_request.session
    # Now even the right password is refused, with a message that says why.
    blocked = _attempt(client, candidate.email, TEST_PASSWORD)
    assert blocked.status_code == 200
    assert blocked.context["form"].non_field_errors() == [TOO_MANY]
    assert "_auth_user_id" not in client.session
    # Still closed after four minutes...
    with _later(4 * 60):
        assert _attempt(client, candidate.email, TEST_PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session
    # ...open again once the failures have left the five-minute window.
    with _later(5 * 60 + 1):
        response = _attempt(client, candidate.email, TEST_PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/start/")
    assert int(client.session["_auth_user_id"]) == candidate.pk


@pytest.mark.django_db
def test_the_account_lock_does_not_depend_on_the_address_the_attacker_uses(client, candidate):
    for n in range(5):
        _attempt(client, candidate.email, "fout", REMOTE_ADDR=f"203.0.113.{n}")
    blocked = _attempt(client, candidate.email, TEST_PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert blocked.context["form"].non_field_errors() == [TOO_MANY]


@pytest.mark.django_db
def test_ten_failures_from_one_address_block_that_address_for_a_minute(client, candidate):
    others = [UserFactory() for _ in range(5)]
    for user in others:  # two per account: no single account reaches its own limit
        _attempt(client, user.email, "fout", REMOTE_ADDR="203.0.113.9")
        _attempt(client, user.email, "fout", REMOTE_ADDR="203.0.113.9")
    blocked = _attempt(client, candidate.email, TEST_PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert blocked.context["form"].non_field_errors() == [TOO_MANY]
    # Another address is not affected; the blocked one is free again after a minute.
    other_client = type(client)()
    allowed = _attempt(other_client, candidate.email, TEST_PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert allowed["Location"] == "/start/"
    with _later(61):
        again = _attempt(client, candidate.email, TEST_PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert again["Location"] == "/start/"


@pytest.mark.django_db
def test_behind_the_proxy_the_limit_is_per_client_not_per_proxy(client, settings, candidate):
    # Production sets TRUSTED_PROXY_COUNT=1: the client is the address the proxy adds.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    others = [UserFactory() for _ in range(5)]
    for user in others:
        for _ in range(2):
            proxied = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
            _attempt(client, user.email, "fout", **proxied)
    other_client = type(client)()
    allowed = _attempt(
        other_client,
        candidate.email,
        TEST_PASSWORD,
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert allowed["Location"] == "/start/"


def _signup(client, email):
    return client.post(
        "/accounts/signup/",
        {
            "first_name": "Noor",
            "last_name": "Vermeulen",
            "email": email,
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("known", [False, True], ids=["new address", "registered address"])
def test_signup_does_the_same_work_and_answers_the_same_for_any_address(client, assessor, known):
    """A new account hashed its password and a registered address did not: 241–263 ms
    against 13–19 ms told which addresses (staff included) have accounts. Both now hash
    it once, answer with the same page and send one e-mail."""
    email = assessor.email if known else "nieuw@example.nl"
    hashed = []
    real = hashers.make_password

    def counting(password, *args, **kwargs):
        hashed.append(password)
        return real(password, *args, **kwargs)

    with (
        mock.patch("portal.signup.make_password", counting),
        mock.patch("django.contrib.auth.base_user.make_password", counting),
    ):
        response = _signup(client, email)
    assert (response.status_code, response["Location"]) == (302, "/accounts/confirm-email/")
    assert hashed == ["een-lang-wachtwoord-42"]
    assert [m.to for m in mail.outbox] == [[email]]
    assert User.objects.filter(email__iexact=email).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("known", [False, True], ids=["unknown address", "registered address"])
def test_password_reset_answers_the_same_for_any_address(client, candidate, known):
    email = candidate.email if known else "onbekend@example.nl"
    response = client.post("/accounts/password/reset/", {"email": email})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/done/")
    assert [m.to for m in mail.outbox] == [[email]]
