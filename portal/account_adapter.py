"""allauth's e-mails from the register, not from the request's host: the register's
name in every mail and every link built from SITE_URL, like the portal's own mails
(allauth built them from the Host header: "Hallo van 127.0.0.1:8101!")."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Register:
    """What allauth's templates read as `current_site`."""

    name: str
    domain: str


def site_link(path: str) -> str:
    """An absolute link to `path` on the portal, from SITE_URL."""
    return settings.SITE_URL.rstrip("/") + path


class PortalAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request_root = self.request.build_absolute_uri("/") if self.request else None
        context = {key: _rebased(value, request_root) for key, value in context.items()}
        context["current_site"] = Register(
            name=_("Register Jobcoach"), domain=urlsplit(settings.SITE_URL).netloc
        )
        context["site_url"] = settings.SITE_URL
        super().send_mail(template_prefix, email, context)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return site_link(reverse("account_confirm_email", args=[emailconfirmation.key]))


def _rebased(value, request_root: str | None):
    """A link allauth built from the request (signup, password reset) on SITE_URL."""
    if request_root and isinstance(value, str) and value.startswith(request_root):
        return site_link("/" + value.removeprefix(request_root))
    return value
