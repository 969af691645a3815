"""The public register (no login): search, a page per registration, verification; and
the job coach's own page on which they choose what it shows."""

from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import jinja
from register import recertification, rules, selectors, services, visibility
from register.certificate_views import certificate_state
from register.enums import Verification
from register.forms import PublicationForm, SearchForm

# Requests to the public pages per client address and minute: a person searching or
# checking a few certificates stays far below it; a scraper walking the numbers does not.
PUBLIC_REQUESTS_PER_MINUTE = settings.REGISTER_PUBLIC_REQUESTS_PER_MINUTE
RESULTS = "register/_results.html"  # under register/jinja2/


def _too_many(request) -> bool:
    """Count this request in the client's window of the current minute (cache). The
    client's address as the login rate limit sees it (allauth's, which trusts
    TRUSTED_PROXY_COUNT proxies' X-Forwarded-For): behind the proxy, not the proxy's."""
    minute = int(timezone.now().timestamp() // 60)
    key = f"register-public:{get_adapter(request).get_client_ip(request)}:{minute}"
    cache.add(key, 0, 90)
    try:
        return cache.incr(key) > PUBLIC_REQUESTS_PER_MINUTE
    except ValueError:  # evicted between add and incr: count afresh
        return False


def public(view):
    """A public page: refused with 429 before any work when the client asks too often."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if _too_many(request):
            response = render(request, "register/too_many.html", status=429)
            response["Retry-After"] = "60"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _public(request, template: str, context: dict, *, known: dict):
    """Render a public page with the office's choice about search engines."""
    policy = selectors.policy_for(None, known)
    response = render(request, template, {**context, "noindex": policy.noindex})
    if policy.noindex:
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _entry(registration, *, today, known) -> dict:
    """What the public pages show of a registration: its status on today's local date
    (right from 00:00, before the daily task has run) and only what was published."""
    policy = selectors.policy_for(registration.framework_version_id, known)
    status = rules.status_on(registration, today=today, expiring_months=policy.expiring_months)
    suspended = rules.verification(status) == Verification.SUSPENDED
    return {
        "registration": registration,
        "status": status,
        "verification": rules.verification(status),
        "is_valid": rules.is_publicly_valid(status),
        "suspended_until": registration.suspended_until if suspended else None,
    }


def _public_entry(number: str, *, known: dict) -> dict:
    """The entry of a public page, or 404 when the office's policy withholds it (a
    suspension not shown, a striking-off shown no longer): "not in the register"."""
    registration = selectors.public_registration(number)
    today = timezone.localdate()
    entry = _entry(registration, today=today, known=known)
    policy = selectors.policy_for(None, known)
    if not visibility.is_public(registration, status=entry["status"], today=today, policy=policy):
        raise Http404
    return entry


@require_GET
@public
def search(request):
    """Search by name, place or number; without a query, only the form (no listing)."""
    known = selectors.policies()
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        today = timezone.localdate()
        withheld = visibility.withheld(today=today, policy=selectors.policy_for(None, known))
        found = selectors.search(form.cleaned_data["q"], withheld=withheld)
        results = [_entry(r, today=today, known=known) for r in found]
    context = {
        "form": form,
        "results": results,
        "results_html": _results_html(results) if results else "",
        "limit": selectors.SEARCH_RESULTS,
    }
    return _public(request, "register/search.html", context, known=known)


def _results_html(results) -> str:
    """The search's result rows, on Jinja2: 25 rows cost a fifth of the page in Django's
    engine."""
    rows = [
        {"entry": entry, "url": reverse("register:detail", args=[entry["registration"].number])}
        for entry in results
    ]
    return jinja.render(RESULTS, {"rows": rows})


@require_GET
@public
def detail(request, number):
    known = selectors.policies()
    entry = _public_entry(number, known=known)
    return _public(request, "register/detail.html", entry, known=known)


@require_GET
@public
def verify(request, number):
    """ "geldig / verlopen / geschorst / doorgehaald" for whoever holds a certificate."""
    known = selectors.policies()
    entry = _public_entry(number, known=known)
    return _public(request, "register/verify.html", entry, known=known)


@require_http_methods(["GET", "POST"])
@login_required
def mine(request):
    """The job coach's registration and what the public register shows of it."""
    registration = selectors.own_registration(request.user)
    form = PublicationForm(request.POST or None, instance=registration)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_publication(
                registration=registration, actor=request.user, **form.cleaned_data
            )
        except services.RegisterError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Je keuze is opgeslagen."))
            return redirect("register:mine")
    if request.method == "POST":
        registration.refresh_from_db()  # the invalid form wrote its values into it
    known = selectors.policies()
    entry = _entry(registration, today=timezone.localdate(), known=known)
    context = {
        **entry,
        **certificate_state(registration, known=known),
        "form": form,
        "recertification": _recertification(registration),
    }
    return render(request, "register/mine.html", context)


def _recertification(registration) -> dict:
    """What /mijn-registratie/ says about recertification: whether it can start now, and
    if not why (only when a recertification framework is published)."""
    version = recertification.current_version()
    if version is None:  # nothing to say (and nothing more to read)
        return {"version": None}
    refused = recertification.refusal(registration, version, today=timezone.localdate())
    return {
        "version": version,
        "may_start": refused is None,
        "refused": refused,
        "history": list(registration.recertifications.select_related("portfolio")),
    }


@require_POST
@login_required
def recertify(request):
    """Start the recertification portfolio (register.recertification guards it)."""
    selectors.own_registration(request.user)  # 404 for anyone without a registration
    try:
        portfolio = recertification.start(candidate=request.user)
    except recertification.RecertificationRefused as exc:
        messages.error(request, str(exc))
        return redirect("register:mine")
    messages.success(request, _("Je hercertificering is gestart."))
    return redirect("portfolio:dashboard", pk=portfolio.pk)
