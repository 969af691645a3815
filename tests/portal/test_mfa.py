"""Two-factor authentication: required for assessors and the office, optional for
candidates; allauth's login stage asks for the code; recovery codes work once each."""

import time
from types import SimpleNamespace
from unittest import mock

import pytest
from allauth.core.internal import ratelimit
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.demo import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    demo_recovery_codes,
    ensure_demo_accounts,
)
from portal.enums import Role
from portal.models import User
from tests.factories.users import TEST_PASSWORD, UserFactory, log_in, totp_code

ACTIVATE = "/accounts/2fa/totp/activate/"
AUTHENTICATE = "/accounts/2fa/authenticate/"
REQUIRED_TEXT = "Verplicht voor assessoren en het bureau."


def _password_step(client, user, password=TEST_PASSWORD):
    return client.post("/accounts/login/", {"login": user.email, "password": password})


def _reauthenticate(client, password=TEST_PASSWORD, next_url="/start/"):
    """allauth asks for the password again before two-factor settings change."""
    response = client.post("/accounts/reauthenticate/", {"password": password, "next": next_url})
    assert response.status_code == 302, response.content.decode()
    return response


def _logged_in_as(client) -> int | None:
    raw = client.session.get("_auth_user_id")
    return int(raw) if raw else None


# --- required for assessors and the office ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "urls"),
    [
        (Role.ASSESSOR, ["/start/", "/beoordeling/mijn/", "/beoordeling/toewijzing/1/", "/kader/"]),
        (Role.OFFICE, ["/start/", "/beoordeling/wachtrij/", "/beheer/", "/kader/profielen/"]),
    ],
)
def test_staff_without_an_authenticator_is_sent_to_the_activation_page_everywhere(
    client, role, urls
):
    user = UserFactory(role=role, totp=False)
    client.force_login(user)
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, ACTIVATE), url
    # A POST is stopped too (no scoring or deciding on the way).
    response = client.post("/beoordeling/toewijzing/1/score/", {"target": "criterion-1"})
    assert (response.status_code, response["Location"]) == (302, ACTIVATE)
    # htmx requests get a client-side redirect instead of a page swapped into a fragment.
    response = client.post("/beoordeling/toewijzing/1/score/", HTTP_HX_REQUEST="true")
    assert (response.status_code, response["HX-Redirect"]) == (204, ACTIVATE)


@pytest.mark.django_db
def test_a_candidate_made_assessor_during_a_session_must_set_up_the_app(
    candidate_client, candidate
):
    assert candidate_client.get("/start/").status_code == 200
    User.objects.filter(pk=candidate.pk).update(role=Role.ASSESSOR)
    assert candidate_client.get("/start/")["Location"] == ACTIVATE


@pytest.mark.django_db
def test_staff_without_an_authenticator_still_reaches_logout_language_health_and_mfa(client):
    user = UserFactory(role=Role.ASSESSOR, totp=False)
    client.force_login(user)
    assert client.get("/health/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200
    language = client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert language["Location"] == "/"
    logout = client.post("/accounts/logout/")
    assert (logout.status_code, logout["Location"]) == (302, "/")
    assert _logged_in_as(client) is None


@pytest.mark.django_db
def test_assessor_activates_the_app_after_logging_in_and_then_gets_in(client):
    user = UserFactory(role=Role.ASSESSOR, totp=False)
    response = log_in(client, user)
    # Start page → activation page → allauth's password check before changing security
    # settings (exempt from the requirement, or the user could never get through).
    assert response.redirect_chain == [
        ("/start/", 302),
        (ACTIVATE, 302),
        ("/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F", 302),
    ]
    assert "Tweestapsverificatie is verplicht voor assessoren en het bureau." in (
        response.content.decode()
    )
    assert _reauthenticate(client, next_url=ACTIVATE)["Location"] == ACTIVATE
    response = client.get(ACTIVATE)
    html = response.content.decode()
    assert REQUIRED_TEXT in html
    assert "persoonsgegevens en portfolio's van kandidaten" in html
    # The QR code is an image (a data: URI), not a script; the key is shown to type over.
    secret = client.session["mfa.totp.secret"]
    assert 'src="data:image/svg+xml;base64,' in html
    assert f'value="{secret}"' in html
    assert client.get("/beoordeling/mijn/")["Location"] == ACTIVATE

    wrong = client.post(ACTIVATE, {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()

    activated = client.post(ACTIVATE, {"code": totp_code(secret)}, follow=True)
    assert activated.redirect_chain == [("/accounts/2fa/recovery-codes/", 302)]
    assert set(Authenticator.objects.filter(user=user).values_list("type", flat=True)) == {
        Authenticator.Type.TOTP,
        Authenticator.Type.RECOVERY_CODES,
    }
    codes = Authenticator.objects.get(user=user, type="recovery_codes").wrap().generate_codes()
    assert len(codes) == 10
    assert all(f"<li>{code}</li>" in activated.content.decode() for code in codes)
    assert client.get("/beoordeling/mijn/").status_code == 200


@pytest.mark.django_db
def test_login_with_an_authenticator_asks_for_the_code_and_refuses_a_wrong_one(client, assessor):
    step = _password_step(client, assessor)
    assert (step.status_code, step["Location"]) == (302, AUTHENTICATE)
    assert _logged_in_as(client) is None  # the password alone does not log in
    assert client.get("/start/")["Location"] == "/accounts/login/?next=/start/"

    page = client.get(AUTHENTICATE)
    assert "Vul de code van zes cijfers uit je" in page.content.decode()
    wrong = client.post(AUTHENTICATE, {"code": "123456" if totp_code() != "123456" else "654321"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet." in wrong.content.decode()
    assert _logged_in_as(client) is None

    right = client.post(AUTHENTICATE, {"code": totp_code()})
    assert (right.status_code, right["Location"]) == (302, "/start/")
    assert _logged_in_as(client) == assessor.pk
    assert client.get("/beoordeling/mijn/").status_code == 200


@pytest.mark.django_db
def test_a_totp_code_cannot_be_used_twice(client, assessor):
    code = totp_code()
    log_in(client, assessor, code=code)
    assert _logged_in_as(client) == assessor.pk
    client.post("/accounts/logout/")
    again = log_in(client, assessor, code=code)
    assert "Deze code klopt niet." in again.content.decode()
    assert _logged_in_as(client) is None


@pytest.mark.django_db
def test_each_recovery_code_works_once(client, office):
    codes = RecoveryCodes.activate(office).generate_codes()
    log_in(client, office, code=codes[0])
    assert _logged_in_as(client) == office.pk
    client.post("/accounts/logout/")

    reused = log_in(client, office, code=codes[0])
    assert "Deze code klopt niet." in reused.content.decode()
    assert _logged_in_as(client) is None

    client.post("/accounts/logout/")  # leave the half-finished login
    log_in(client, office, code=codes[1])
    assert _logged_in_as(client) == office.pk
    unused = Authenticator.objects.get(user=office, type="recovery_codes").wrap()
    assert unused.get_unused_codes() == codes[2:]


@pytest.mark.django_db
def test_staff_cannot_switch_the_authenticator_off(client, assessor):
    log_in(client, assessor)
    _reauthenticate(client)
    page = client.get("/accounts/2fa/totp/deactivate/")
    assert "uitschakelen kan niet" in page.content.decode()
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert "niet uitschakelen" in response.content.decode()
    assert Authenticator.objects.filter(user=assessor, type="totp").exists()


@pytest.mark.django_db
def test_wrong_codes_are_throttled_with_a_cool_off(client, assessor):
    _password_step(client, assessor)
    for _ in range(5):
        client.post(AUTHENTICATE, {"code": "000000" if totp_code() != "000000" else "111111"})
    # Sixth attempt, right code: refused all the same.
    blocked = client.post(AUTHENTICATE, {"code": totp_code()})
    assert "Te veel inlogpogingen" in blocked.content.decode()
    assert _logged_in_as(client) is None

    # Five minutes later the failures have left the window.
    later = SimpleNamespace(
        time=lambda: time.time() + 5 * 60 + 1, monotonic=time.monotonic, sleep=time.sleep
    )
    with mock.patch.object(ratelimit, "time", later):
        response = client.post(AUTHENTICATE, {"code": totp_code()})
    assert (response.status_code, response["Location"]) == (302, "/start/")
    assert _logged_in_as(client) == assessor.pk


# --- optional for candidates ------------------------------------------------------------


@pytest.mark.django_db
def test_candidate_without_mfa_logs_in_with_the_password_and_sees_how_to_switch_it_on(
    client, candidate
):
    response = log_in(client, candidate)
    assert response.redirect_chain == [("/start/", 302)]
    html = response.content.decode()
    assert "Tweestapsverificatie staat uit." in html
    assert 'href="/accounts/2fa/"' in html
    assert client.get("/portfolio/").status_code in {200, 302}
    assert client.get("/portfolio/").get("Location") != ACTIVATE


@pytest.mark.django_db
def test_candidate_switches_mfa_on_and_is_then_asked_for_the_code(client, candidate):
    log_in(client, candidate)
    index = client.get("/accounts/2fa/").content.decode()
    assert "Uit: je logt in met alleen je wachtwoord." in index
    _reauthenticate(client)
    page = client.get(ACTIVATE).content.decode()
    assert REQUIRED_TEXT not in page
    assert "kan iemand die je wachtwoord kent nog niet bij je portfolio" in page
    secret = client.session["mfa.totp.secret"]
    client.post(ACTIVATE, {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=candidate, type="totp").exists()
    assert "Tweestapsverificatie staat aan" in client.get("/start/").content.decode()

    client.post("/accounts/logout/")
    step = _password_step(client, candidate)
    assert step["Location"] == AUTHENTICATE
    # A candidate may switch it off again.
    client.post(AUTHENTICATE, {"code": totp_code(secret)})
    assert _logged_in_as(client) == candidate.pk
    _reauthenticate(client)
    client.post("/accounts/2fa/totp/deactivate/")
    assert not Authenticator.objects.filter(user=candidate, type="totp").exists()


# --- the admin's own login form is not a way around it -----------------------------------


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client, office, candidate):
    response = client.get("/beheer/")
    assert response["Location"] == "/beheer/login/?next=/beheer/"
    login = client.get("/beheer/login/?next=/beheer/")
    assert login["Location"] == "/accounts/login/?next=/beheer/"
    # Posting a password to the admin's login URL logs nobody in.
    posted = client.post("/beheer/login/", {"username": office.email, "password": TEST_PASSWORD})
    assert posted.status_code == 405
    assert _logged_in_as(client) is None
    # A logged-in user without admin access gets a refusal, not a redirect loop.
    client.force_login(candidate)
    assert client.get("/beheer/login/?next=/beheer/").status_code == 403
    # The office through allauth, with the code, reaches the admin.
    client.logout()
    response = log_in(client, office)
    assert client.get("/beheer/").status_code == 200
    # Logged in already (a bookmark, the back button): on to the admin, not a 403; a
    # foreign ?next= is not followed.
    assert client.get("/beheer/login/?next=/beheer/profiles/")["Location"] == "/beheer/profiles/"
    assert client.get("/beheer/login/?next=https://evil.example/")["Location"] == "/beheer/"


# --- demo accounts ------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_staff_get_the_fixed_authenticator_and_can_log_in_with_printed_codes(client, capsys):
    ensure_demo_accounts()
    ensure_demo_accounts()  # idempotent: one app and one set of codes per account
    staff = [a.email for a in DEMO_ACCOUNTS if a.role != Role.CANDIDATE]
    totp = Authenticator.objects.filter(type="totp")
    assert sorted(totp.values_list("user__email", flat=True)) == sorted(staff)
    assert Authenticator.objects.filter(type="recovery_codes").count() == len(staff)

    code = totp_code(DEMO_TOTP_SECRET)
    call_command("demo_totp")
    out = capsys.readouterr().out
    for email in staff:
        assert f"{email:<40} {code}" in out
    assert "kandidaat@" not in out

    assessor = User.objects.get(email="assessor@demo.registerjobcoach.nl")
    log_in(client, assessor, password=DEMO_PASSWORD, code=code)
    assert _logged_in_as(client) == assessor.pk

    # A printed recovery code works once; seed_demo makes it usable again.
    client.post("/accounts/logout/")
    office = User.objects.get(email="bureau@demo.registerjobcoach.nl")
    recovery = demo_recovery_codes()[0]
    log_in(client, office, password=DEMO_PASSWORD, code=recovery)
    assert _logged_in_as(client) == office.pk
    ensure_demo_accounts()
    codes = Authenticator.objects.get(user=office, type="recovery_codes").wrap()
    assert recovery in codes.get_unused_codes()


@pytest.mark.django_db
def test_seed_demo_prints_how_demo_staff_log_in(capsys, monkeypatch):
    monkeypatch.setattr("portal.management.commands.seed_demo.seed_apps", list)
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert ".venv/bin/python manage.py demo_totp" in out
    assert f"zet sleutel {DEMO_TOTP_SECRET} in een authenticator-app" in out
    assert " ".join(demo_recovery_codes()[:5]) in out


@pytest.mark.django_db
def test_demo_totp_refuses_other_addresses_and_production(settings, assessor):
    with pytest.raises(CommandError, match="geen demo-account"):
        call_command("demo_totp", assessor.email)
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="niet in productie"):
        call_command("demo_totp")
