import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client

from portal.demo import shared_password_hash
from portal.enums import Role
from portal.mfa import mfa_required
from portal.models import User

TEST_PASSWORD = "test-wachtwoord-123"
# Assessors and the office must have an authenticator app (portal.middleware); the
# factory gives them one with this secret unless asked not to (`totp=False`).
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TEST_TOTP_SECRET, *, at: float | None = None) -> str:
    """The current code of an authenticator app holding `secret` (what the phone shows).

    Near the end of a 30-second step it waits for the next one, so the code is still
    valid when the server checks it."""
    period = mfa_settings.TOTP_PERIOD
    if at is None and (left := period - int(time.time()) % period) < 3:
        time.sleep(left)
    moment = time.time() if at is None else at
    return format_hotp_value(hotp_value(secret, int(moment) // period))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.nl")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Test"
    role = Role.CANDIDATE
    is_staff = factory.LazyAttribute(lambda o: o.role == Role.OFFICE)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.password = shared_password_hash(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        wanted = extracted if extracted is not None else mfa_required(self)
        if create and wanted:
            TOTP.activate(self, TEST_TOTP_SECRET)


def log_in(client, user, *, password: str = TEST_PASSWORD, code: str | None = None):
    """Log in through the real forms: the password, then (if the account has an
    authenticator app) the code. Returns the last response, redirects followed."""
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": password}, follow=True
    )
    if response.redirect_chain and response.redirect_chain[-1][0] == "/accounts/2fa/authenticate/":
        response = client.post(
            "/accounts/2fa/authenticate/", {"code": code or totp_code()}, follow=True
        )
    return response


def client_for(user) -> Client:
    """A test client logged in as `user` (no login pages: for tests of what comes after)."""
    client = Client()
    client.force_login(user)
    return client
