import re

import pytest
from django.core import mail

from portal.enums import Role
from portal.models import User
from tests.factories.users import log_in


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
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
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
    assert "te kort" in response.content.decode() or "too short" in response.content.decode()


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
    path = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
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
    candidate_client.post("/accounts/logout/")
    assert candidate_client.get("/start/")["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_start_page_requires_login(client):
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/start/"
