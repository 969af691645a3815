"""Session lifetime, the two-factor requirement, and expired sessions under htmx.

Order in settings.MIDDLEWARE: after AuthenticationMiddleware and allauth's middleware.
"""

import time
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from portal.mfa import MFA_STATE, has_totp, mfa_required

AUTHENTICATED_AT = "portal.authenticated_at"
REFRESHED_AT = "portal.refreshed_at"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


class SessionTimeoutMiddleware:
    """Idle timeout per role and an absolute lifetime.

    Activity extends the session, so the expiry set here is an *idle* timeout: 30
    minutes for assessors and the office, 60 for candidates (settings). The session is
    saved with its new expiry at most once per SESSION_REFRESH_SECONDS (a minute), not
    on every request: that was a database write and commit per page view and per
    autosave; the idle timeout is then exact to within that minute. Independently of
    activity, a session ends SESSION_ABSOLUTE_TIMEOUT after the first request it was
    logged in for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(AUTHENTICATED_AT, now)
            if now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                messages.info(request, _("Je sessie is verlopen. Log opnieuw in."))
                return redirect_to_login(request.get_full_path())
            idle = (
                settings.SESSION_IDLE_TIMEOUT_STAFF
                if mfa_required(user)
                else settings.SESSION_IDLE_TIMEOUT_CANDIDATE
            )
            if request.session.get_expiry_age() != idle:
                request.session.set_expiry(idle)
            moment = timezone.now().timestamp()  # the clock the session expiry uses
            if moment - request.session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
                request.session[REFRESHED_AT] = moment  # saved, with a new expiry
        return self.get_response(request)


@cache
def _mfa_exempt_prefixes() -> tuple[str, ...]:
    # The pages a user without an authenticator still needs: setting one up (and the
    # re-authentication allauth may ask for first), logging out, the language switch,
    # static files and the health check.
    return (
        reverse("mfa_index"),
        reverse("account_reauthenticate"),
        reverse("account_logout"),
        "/i18n/",
        settings.STATIC_URL,
        reverse("health"),
    )


class RequireMFAMiddleware:
    """Assessors and the office must have an authenticator app: until they activate
    one, every page sends them to the activation page, which explains why.

    Whether the account has an app is looked up at login (portal.mfa.remember_mfa_state)
    and, while it has none, on each request until it has; then the session remembers it.
    Staff cannot switch the app off themselves (portal.mfa.PortalMFAAdapter).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            mfa_required(user)
            and request.session.get(MFA_STATE) != "ok"
            and not request.path.startswith(_mfa_exempt_prefixes())
        ):
            if not has_totp(user):
                url = reverse("mfa_activate_totp")
                if _is_htmx(request):
                    return HttpResponse(status=204, headers={"HX-Redirect": url})
                return redirect(url)
            request.session[MFA_STATE] = "ok"
        return self.get_response(request)


class HtmxLoginRedirectMiddleware:
    """An htmx request whose session has expired gets a 401 with a plain message.

    Without this, the XHR follows the redirect to the login page, htmx swaps that page
    into the "saved" status and the autosave looks successful while nothing was saved.
    The 401 keeps the text marked unsaved in the browser (static/js/portal.js), which
    saves it again once the user has logged in in another tab.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            _is_htmx(request)
            and response.status_code == 302
            and not request.user.is_authenticated
            and urlsplit(response["Location"]).path == reverse("account_login")
        ):
            body = render_to_string("account/_session_expired.html", request=request)
            return HttpResponse(body, status=401)
        return response


class PrivateNoStoreMiddleware:
    """Every response to a logged-in user is `Cache-Control: no-store, private`.

    Logged-in pages show personal data (case texts, scores, the queue, the audit trail,
    documents): a shared computer's browser or a proxy must not keep them. Responses that
    set their own Cache-Control keep it; anonymous pages and static files are untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response
