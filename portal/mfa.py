"""Two-factor authentication: who must have it, and allauth.mfa's hooks for the portal.

Assessors and the office read and decide on many candidates' personal data, so they
must have an authenticator app (TOTP); for candidates it is optional. The requirement
is enforced by `portal.middleware.RequireMFAMiddleware`; this module holds the rule.
"""

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _

from portal import secret_box
from portal.enums import Role

MFA_REQUIRED_ROLES = frozenset({Role.ASSESSOR, Role.OFFICE, Role.OBJECTION_MEMBER})
# In the session: "ok" once the account is known to have an authenticator app, so the
# requirement costs a query at login, not on every request.
MFA_STATE = "portal.mfa_state"


def mfa_required(user) -> bool:
    """Must this account use two-factor authentication? (Staff accounts of any role too:
    they reach the admin.)"""
    return user.is_authenticated and (user.role in MFA_REQUIRED_ROLES or user.is_staff)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def remember_mfa_state(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver (connected in PortalConfig.ready)."""
    if request is not None and hasattr(request, "session"):
        request.session[MFA_STATE] = "ok" if has_totp(user) else "missing"


class PortalMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Voor assessoren en het bureau is tweestapsverificatie verplicht; je kunt de "
            "authenticator-app niet uitschakelen. Nieuwe telefoon? Log in met een herstelcode "
            "of neem contact op met het bureau."
        ),
        "incorrect_code": _("Deze code klopt niet. Probeer de nieuwste code uit je app."),
    }

    # The TOTP key and the recovery codes' seed are stored encrypted (portal.secret_box).
    def encrypt(self, text: str) -> str:
        return secret_box.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_box.decrypt(encrypted_text)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not (
            authenticator.type == Authenticator.Type.TOTP and mfa_required(authenticator.user)
        )
