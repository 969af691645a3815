"""allauth's pages and e-mails in the portal's Dutch: password rules with "je", errors
in Dutch, and mails from the register with links built from SITE_URL (not the Host)."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

from tests.factories.users import UserFactory

SIGNUP = {
    "first_name": "Noor",
    "last_name": "Vermeulen",
    "email": "noor@example.nl",
    "password1": "een-lang-wachtwoord-42",
    "password2": "een-lang-wachtwoord-42",
}


@pytest.mark.django_db
def test_the_password_rules_and_errors_are_dutch_and_say_je(client):
    page = client.post("/accounts/signup/", {**SIGNUP, "password1": "abc", "password2": "abc"})
    html = page.content.decode()
    assert "Dit wachtwoord is te kort: gebruik minstens 10 tekens." in html
    assert "Dit wachtwoord wordt te vaak gebruikt; kies een ander." in html
    rules = re.search(r'id="id_password1_helptext"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", rules) == [
        "Je wachtwoord lijkt niet op je naam of e-mailadres.",
        "Je wachtwoord heeft minstens 10 tekens.",
        "Je wachtwoord is geen veelgebruikt wachtwoord.",
        "Je wachtwoord bestaat niet alleen uit cijfers.",
    ]
    assert "Uw " not in html
    assert "This password" not in html


@pytest.mark.django_db
def test_a_password_like_the_address_is_refused_in_dutch():
    user = UserFactory(email="noorvermeulen@example.nl")
    with pytest.raises(ValidationError) as refused:
        validate_password("noorvermeulen", user)
    assert refused.value.messages == ["Dit wachtwoord lijkt te veel op je e-mailadres."]


@pytest.mark.django_db
@override_settings(SITE_URL="https://register.example.nl")
def test_the_confirmation_mail_comes_from_the_register_with_a_site_url_link(client):
    response = client.post("/accounts/signup/", SIGNUP, HTTP_HOST="127.0.0.1")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "[Register Jobcoach] Bevestig je e-mailadres"
    assert message.body.startswith("Hallo,\n")
    assert "Je hebt dit e-mailadres opgegeven voor een account bij Register Jobcoach." in (
        message.body
    )
    assert re.search(r"https://register\.example\.nl/accounts/confirm-email/\S+/", message.body)
    assert "127.0.0.1" not in message.body
    assert "testserver" not in message.body
    assert "Hallo van" not in message.body


@pytest.mark.django_db
@override_settings(SITE_URL="https://register.example.nl")
def test_the_password_reset_and_already_registered_mails_link_to_site_url(client, candidate):
    client.post("/accounts/password/reset/", {"email": candidate.email})
    client.post("/accounts/signup/", {**SIGNUP, "email": candidate.email})
    reset, exists = mail.outbox
    assert reset.subject == "[Register Jobcoach] Nieuw wachtwoord instellen"
    assert re.search(r"https://register\.example\.nl/accounts/password/reset/key/\S+/", reset.body)
    assert exists.subject == "[Register Jobcoach] Je hebt al een account"
    assert "https://register.example.nl/accounts/password/reset/" in exists.body
    for message in (reset, exists):
        assert "testserver" not in message.body
        assert message.body.rstrip().endswith("Register Jobcoach\nhttps://register.example.nl")
