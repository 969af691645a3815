"""System checks of the deployment (`manage.py check --deploy`).

Every link in an e-mail is built from SITE_URL (portal.account_adapter, portal.mail), never
from the request's Host header. In production it must therefore be the portal's public
https address: its default (http://127.0.0.1:8000) would send people links to nowhere,
and a plain http link would carry a password-reset key in the clear.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})  # noqa: S104 - names only


def site_url_problem(value: str) -> str | None:
    """Why `value` cannot be the production SITE_URL, or None."""
    if not value:
        return "SITE_URL is not set."
    parts = urlsplit(value)
    if parts.scheme != "https":
        return f"SITE_URL must be an https address, not {value!r}."
    if not parts.hostname or parts.hostname in LOCAL_HOSTS:
        return f"SITE_URL must name the portal's public host, not {value!r}."
    if parts.query or parts.fragment:
        return f"SITE_URL must be a plain address without query or fragment: {value!r}."
    return None


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    if not getattr(settings, "PRODUCTION", False):
        return []
    problem = site_url_problem(getattr(settings, "SITE_URL", ""))
    if problem is None:
        return []
    return [
        checks.Error(
            problem,
            hint="Set SITE_URL to the portal's public address, e.g. "
            "https://portal.registerjobcoach.nl (deploy/portal.env.example).",
            id="portal.E001",
        )
    ]
