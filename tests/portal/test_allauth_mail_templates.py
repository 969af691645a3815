"""Every e-mail allauth can send has the portal's own Dutch template (with "je"), from
the register, with its links on SITE_URL — also the rare ones (a login code, an address
changed, an authenticator app removed)."""

import re
from datetime import UTC, datetime
from pathlib import Path

import allauth
import pytest
from allauth.core.context import request_context
from django.core import mail
from django.test import RequestFactory, override_settings

from portal.account_adapter import PortalAccountAdapter

ROOT = Path(__file__).resolve().parents[2]
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
OURS = ROOT / "templates"


def _mails() -> list[str]:
    """The template prefixes of every mail the installed allauth defines."""
    return sorted(
        str(path.relative_to(ALLAUTH_TEMPLATES)).removesuffix("_message.txt")
        for folder in ("account/email", "mfa/email")
        for path in (ALLAUTH_TEMPLATES / folder).glob("*_message.txt")
        if not path.name.startswith("base_")
    )


MAILS = _mails()
ENGLISH = re.compile(
    r"\b(You|Your|you|your|Please|please|This mail|has been|Hello|Thank|account with)\b"
)
FORMAL = re.compile(r"\b([Uu]|[Uu]w)\b")


def test_allauth_defines_the_mails_we_expect():
    # A new allauth release with a new mail fails here until it has a Dutch template.
    assert len(MAILS) >= 18
    assert "account/email/login_code" in MAILS
    assert "mfa/email/totp_deactivated" in MAILS


@pytest.mark.parametrize("prefix", MAILS)
def test_the_portal_has_a_dutch_template_for_every_allauth_mail(prefix):
    for part in ("subject", "message"):
        assert (OURS / f"{prefix}_{part}.txt").is_file(), f"{prefix}_{part}.txt"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", MAILS)
@override_settings(SITE_URL="https://register.example.nl")
def test_every_mail_is_dutch_from_the_register_with_site_url_links(prefix, candidate):
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1")
    request.user = candidate
    root = request.build_absolute_uri("/")
    context = {
        "user": candidate,
        "email": candidate.email,
        "code": "ABC123",
        "key": "k3y",
        "activate_url": root + "accounts/confirm-email/k3y/",
        "password_reset_url": root + "accounts/password/reset/key/1-set/",
        "signup_url": root + "accounts/signup/",
        "from_email": "oud@example.nl",
        "to_email": "nieuw@example.nl",
        "deleted_email": "weg@example.nl",
        "ip": "192.0.2.1",
        "user_agent": "Firefox",
        "timestamp": datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
    }
    with request_context(request):
        PortalAccountAdapter(request).send_mail(prefix, candidate.email, context)
    (message,) = mail.outbox
    assert message.subject.startswith("[Register Jobcoach] ")
    body = message.body
    assert body.startswith("Hallo,\n")
    assert body.rstrip().endswith("Register Jobcoach\nhttps://register.example.nl")
    for text in (message.subject, body):
        assert not ENGLISH.search(text), text
        assert not FORMAL.search(text), text
    assert "127.0.0.1" not in body
    for link in re.findall(r"https?://\S+", body):
        assert link.startswith("https://register.example.nl"), link


@pytest.mark.django_db
@override_settings(SITE_URL="https://register.example.nl")
def test_a_completed_password_reset_is_confirmed_by_mail_in_dutch(client, candidate):
    client.post("/accounts/password/reset/", {"email": candidate.email}, HTTP_HOST="127.0.0.1")
    path = re.search(
        r"https://register\.example\.nl(/accounts/password/reset/key/\S+/)", mail.outbox[0].body
    ).group(1)
    set_url = client.get(path, follow=True).redirect_chain[-1][0]
    new = "nieuw-wachtwoord-2026"
    client.post(set_url, {"password1": new, "password2": new}, HTTP_HOST="127.0.0.1")
    notice = mail.outbox[-1]
    assert notice.subject == "[Register Jobcoach] Je wachtwoord is opnieuw ingesteld"
    assert "Aan je account is het volgende gewijzigd:" in notice.body
    assert "Je wachtwoord is opnieuw ingesteld." in notice.body
