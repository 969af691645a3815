"""Demo accounts for every role (used by `manage.py seed_demo`; never in production)."""

import functools
import time
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt, encrypt
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from portal.enums import Role
from portal.mfa import mfa_required
from portal.models import User

DEMO_PASSWORD = "jobcoach-demo-2026"  # noqa: S105 - printed on purpose, demo only
DEMO_DOMAIN = "@demo.registerjobcoach.nl"
# The demo assessors and office must use two-factor authentication like everyone in
# their role. Their authenticator app holds this key (printed by seed_demo, to add to a
# phone app), `manage.py demo_totp` prints the current codes, and the recovery codes
# below (derived from a fixed seed) each work once until seed_demo resets them.
DEMO_TOTP_SECRET = "KJDUOY3PMFRWQIDEMOTOTPKEYAAAAAAA"  # noqa: S105 - demo only, printed
_DEMO_RECOVERY_SEED = "register-jobcoach-demo-recovery-codes-seed-not-secret"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: str
    superuser: bool = False  # the admin: every part of /beheer/, not only the office's


DEMO_ACCOUNTS = [
    DemoAccount("kandidaat@demo.registerjobcoach.nl", "Kim", "de Vries", Role.CANDIDATE),
    DemoAccount("kandidaat2@demo.registerjobcoach.nl", "Sanne", "Jansen", Role.CANDIDATE),
    DemoAccount("kandidaat3@demo.registerjobcoach.nl", "Youssef", "Amrani", Role.CANDIDATE),
    DemoAccount("kandidaat4@demo.registerjobcoach.nl", "Eva", "Smit", Role.CANDIDATE),
    DemoAccount("assessor@demo.registerjobcoach.nl", "Pieter", "Bakker", Role.ASSESSOR),
    DemoAccount("assessor2@demo.registerjobcoach.nl", "Fatima", "El Amrani", Role.ASSESSOR),
    DemoAccount("bureau@demo.registerjobcoach.nl", "Marieke", "Visser", Role.OFFICE),
    DemoAccount("bezwaar@demo.registerjobcoach.nl", "Henk", "de Graaf", Role.OBJECTION_MEMBER),
    # A long name on purpose: the header must cut it off, not wrap it (portal/tour.py).
    DemoAccount(
        "beheer@demo.registerjobcoach.nl",
        "Alexandra",
        "van Oudshoorn-Vandenberghe",
        Role.OFFICE,
        superuser=True,
    ),
]


def demo_password_hash() -> str:
    """DEMO_PASSWORD hashed once per process and hasher (`shared_password_hash`)."""
    return shared_password_hash(DEMO_PASSWORD)


def shared_password_hash(password: str) -> str:
    """`password` hashed by the configured hasher, once per process and hasher, for
    accounts that all have this one known password: the demo's, and the test suite's.
    PBKDF2 costs about 0.3 s a hash; the accounts share one salt, and log in through the
    real hasher as freshly hashed ones would. Never for a real person's password."""
    return _hashed(password, settings.PASSWORD_HASHERS[0])


@functools.cache
def _hashed(password: str, hasher: str) -> str:
    return make_password(password)


def demo_candidate(email: str, first_name: str, last_name: str) -> User:
    """A demo job coach who can log in with DEMO_PASSWORD (made once, then found)."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "role": Role.CANDIDATE,
            "password": demo_password_hash(),
        },
    )
    if created:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@transaction.atomic
def ensure_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create (or reset) the demo accounts. Returns (account, created) pairs."""
    result = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.update_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "role": account.role,
                "is_staff": account.role == Role.OFFICE,
                "is_superuser": account.superuser,
                "is_active": True,
            },
        )
        user.password = demo_password_hash()
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if mfa_required(user):
            _ensure_demo_authenticators(user)
        result.append((account, created))
    return result


def _ensure_demo_authenticators(user: User) -> None:
    """The fixed demo authenticator app and recovery codes (all unused again)."""
    Authenticator.objects.update_or_create(
        user=user,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}},
    )
    Authenticator.objects.update_or_create(
        user=user,
        type=Authenticator.Type.RECOVERY_CODES,
        defaults={"data": {"seed": encrypt(_DEMO_RECOVERY_SEED), "used_mask": 0}},
    )


def demo_recovery_codes() -> list[str]:
    codes = Authenticator(
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": encrypt(_DEMO_RECOVERY_SEED), "used_mask": 0},
    )
    return codes.wrap().generate_codes()


def is_demo_email(email: str) -> bool:
    return email.lower().endswith(DEMO_DOMAIN)


def current_totp_code(secret: str, *, at: float | None = None) -> tuple[str, int]:
    """The code an authenticator app holding `secret` shows now, and its seconds left."""
    moment = time.time() if at is None else at
    period = mfa_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(secret, int(moment) // period))
    return code, period - int(moment) % period


def demo_totp_codes() -> list[tuple[str, str, int]]:
    """(e-mail, current code, seconds left) for every demo account with an authenticator
    app; accounts outside the demo domain are never included."""
    rows = []
    for authenticator in (
        Authenticator.objects.filter(
            type=Authenticator.Type.TOTP, user__email__iendswith=DEMO_DOMAIN
        )
        .select_related("user")
        .order_by("user__email")
    ):
        secret = decrypt(authenticator.data["secret"])
        code, left = current_totp_code(secret)
        rows.append((authenticator.user.email, code, left))
    return rows
