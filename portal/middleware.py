"""Session lifetime, the two-factor requirement, expired sessions under htmx, and control
characters refused in any request.

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

from portal.limits import CONTROL_CHARACTER_MESSAGE, has_control_characters
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


def _control_characters_in(request) -> bool:
    """Whether the query string or the posted form holds a control character: keys and
    values, multipart fields too. (Django drops non-printable characters from the names
    of uploaded files itself: MultiPartParser.sanitize_file_name.)"""
    sources = [request.GET]
    if request.method == "POST":
        sources.append(request.POST)
    for data in sources:
        for key, values in data.lists():
            if has_control_characters(key) or any(has_control_characters(v) for v in values):
                return True
    return False


def bad_input_response(request, message) -> HttpResponse:
    """A 400 with a Dutch message: a page, or for htmx a fragment to show in place."""
    template = "portal/_bad_input.html" if _is_htmx(request) else "portal/bad_input.html"
    return HttpResponse(
        render_to_string(template, {"message": message}, request=request), status=400
    )


class ControlCharacterMiddleware:
    """NUL and the other C0/C1 control characters (tab, LF and CR excepted) are refused
    anywhere in a request with a 400 and a Dutch message, before a view reads them.

    No text of the portal needs them; NUL cannot be stored by PostgreSQL at all (a 500
    before this), and the others hide text in what an assessor or the office reads. The
    path is checked on every request; the query string and the form in process_view, so
    that it runs after CsrfViewMiddleware's check (a forged POST is still a 403) and only
    for URLs that resolve. Order in settings.MIDDLEWARE: after CsrfViewMiddleware and
    django-htmx's middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request.path):
            return bad_input_response(request, CONTROL_CHARACTER_MESSAGE)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _control_characters_in(request):
            return bad_input_response(request, CONTROL_CHARACTER_MESSAGE)
        return None
