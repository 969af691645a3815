import sys
import time

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.cache import FailSafeRedisCache
from portal.celery import app
from portal.enums import Role
from portal.forms import MailPreferenceForm
from portal.mfa import has_totp
from portfolio.selectors import active_portfolio
from profiles.selectors import current_published_version


@require_GET
def home(request):
    if request.user.is_authenticated:
        return redirect("start")
    return render(request, "portal/home.html")


@require_GET
@login_required
def start(request):
    """The role-aware start page after login."""
    user = request.user
    # A candidate's portfolio stays on the version it was started on: that is the one
    # they follow, not the newest (which is for starting a portfolio).
    portfolio = active_portfolio(user) if user.is_candidate else None
    version = portfolio.framework_version if portfolio else current_published_version()
    context = {"framework_version": version, "mfa_enabled": has_totp(user)}
    if user.is_office:
        template = "portal/start_office.html"
    elif user.is_assessor:
        template = "portal/start_assessor.html"
    elif user.role == Role.OBJECTION_MEMBER:
        return redirect("objections:member_list")
    else:
        template = "portal/start_candidate.html"
    return render(request, template, context)


@login_required
def mail_preferences(request):
    """The person chooses how notices reach them (each one, a daily digest, none)."""
    form = MailPreferenceForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je keuze voor meldingen per e-mail is opgeslagen."))
        return redirect("mail_preferences")
    return render(request, "portal/mail_preferences.html", {"form": form})


@require_GET
def admin_login(request):
    """The admin's login page, replaced: its own form would skip two-factor
    authentication, so everyone logs in through allauth (`?next=` kept)."""
    target = request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    if admin.site.has_permission(request):
        # Already logged in with access to the admin (the office, after a bookmark or the
        # back button): straight on, with the same condition the admin checks, so the two
        # can never send each other round in a loop.
        return redirect(target)
    if request.user.is_authenticated:
        # Logged in without access to the admin: a refusal (sending them to the login
        # page would bounce straight back).
        raise PermissionDenied
    return redirect_to_login(target)


@require_GET
@login_required
def admin_password_change(request):
    """The admin's own password form would change the password without the "Wachtwoord
    gewijzigd" e-mail and without logging out the other sessions: the portal's page
    (allauth) does both, for everyone."""
    return redirect("account_change_password")


@require_GET
@login_required
def bench_baseline(request):
    """The benchmark's yardstick: the same middleware, session and login as every page,
    one query of its own and the base template (routed only when BENCH_BASELINE is on)."""
    return render(request, "base.html", {"version": current_published_version()})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not healthy", reported as such
        return False


# The broker's state, per URL, as last found by this process: (when, status). A proxy or
# monitor may ask for /health/ many times a second; each check opens a new connection
# (a load run saw p99 of 0.8 s from that), so one check serves BROKER_CHECK_SECONDS.
BROKER_CHECK_SECONDS = 5
_broker_checked: dict[str, tuple[float, str]] = {}


def _broker_status() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "not configured (eager)"
    checked = _broker_checked.get(url)
    if checked and time.monotonic() - checked[0] < BROKER_CHECK_SECONDS:
        return checked[1]
    try:
        with app.connection_for_write(url=url) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001 - any failure means the broker is unreachable
        status = "unreachable"
    else:
        status = "ok"
    _broker_checked[url] = (time.monotonic(), status)
    return status


def _cache_status() -> str:
    default = caches["default"]
    if not isinstance(default, FailSafeRedisCache):
        return "in process"
    return "ok" if default.check() == "ok" else "unreachable (each process uses its own)"


@require_GET
@never_cache
def health(request):
    """Each dependency on its own line. Only a database that cannot be reached makes the
    web process unhealthy (503: the proxy stops sending users here); a cache or broker
    outage is "degraded" (200): pages, logins and autosave go on (README, "Failure
    behaviour"), and the operator sees what is down."""
    database = "ok" if _database_ok() else "unreachable"
    cache = _cache_status()
    broker = _broker_status()
    if database != "ok":
        status = "error"
    elif cache.startswith("unreachable") or broker == "unreachable":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "cache": cache, "broker": broker},
        status=503 if status == "error" else 200,
    )


# Seconds a reader (or a proxy) is asked to wait before trying again after a database outage:
# a restarted PostgreSQL is back within seconds (ops/db_restart_drill.py).
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """handler500: an error that no view answered, in Dutch and without the database.

    Called by Django while the exception is being handled. A lost database connection
    (PostgreSQL restarting or unreachable, met by the session or the user lookup in the
    middleware before any view) is not a bug in the page: the answer is 503 with
    Retry-After, and on /health/ the health check's own JSON, so that a monitor or proxy
    sends a session cookie or not and gets the same verdict. Everything else is a 500.
    Rendered without the request: its context processors would read the session and the
    user, which is what may have failed."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        if request.path == reverse("health"):
            response = JsonResponse({"status": "error", "database": "unreachable"}, status=503)
        else:
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


@require_GET
def favicon(request):
    """`/favicon.ico`, which browsers and crawlers ask for whatever the page's
    `<link rel="icon">` says: the static file (hashed in production)."""
    return redirect(static("favicon.ico"))
