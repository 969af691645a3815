"""The candidate's portfolio pages that read: start, dashboard, a section, submitting,
the preview. Thin: fetch with an access check, take the page model, call one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from downloads.services import request_file
from downloads.views import answer_request
from portfolio import pages, selectors, services
from portfolio.prepared import PREVIEW_PDF
from profiles.selectors import current_published_version


def _require_candidate(request):
    if not request.user.is_candidate:
        raise Http404


@require_GET
@login_required
def home(request):
    """The candidate's entry point: the active portfolio, or a start button."""
    _require_candidate(request)
    portfolio = selectors.active_portfolio(request.user)
    if portfolio is not None:
        return redirect("portfolio:dashboard", portfolio.pk)
    return render(
        request, "portfolio/start.html", {"framework_version": current_published_version()}
    )


@require_POST
@login_required
def start(request):
    _require_candidate(request)
    version = current_published_version()
    if version is None:
        messages.error(request, _("Er is nog geen gepubliceerd toetsingskader."))
        return redirect("portfolio:home")
    try:
        portfolio = services.start_portfolio(candidate=request.user, version=version)
    except services.PortfolioError:
        # A double click: the first click already started it.
        portfolio = selectors.active_portfolio(request.user)
    first_section = portfolio.framework_version.sections.order_by("order").first()
    return redirect("portfolio:section", portfolio.pk, first_section.code)


@require_GET
@login_required
def dashboard(request, pk):
    content = selectors.candidate_content(request.user, pk)
    return render(
        request, "portfolio/dashboard.html", pages.dashboard_context(request.user, content)
    )


@require_GET
@login_required
def section(request, pk, code):
    content = selectors.candidate_content(request.user, pk)
    section = next((s for s in content.version.sections.all() if s.code == code), None)
    if section is None:
        raise Http404
    progress = selectors.portfolio_progress(content)
    context = pages.section_context(content, section, progress, csrf_token=get_token(request))
    return render(request, "portfolio/section.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def submit(request, pk):
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    if request.method == "GET":
        return render(request, "portfolio/submit.html", pages.submit_context(portfolio))
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Bevestig dat je het portfolio definitief wilt indienen."))
        return redirect("portfolio:submit", portfolio.pk)
    try:
        snapshot = services.submit_portfolio(
            portfolio=portfolio,
            actor=request.user,
            privacy_confirmed=request.POST.get("privacy_confirm") == "yes",
            privacy_digest=request.POST.get("privacy_digest") or None,
        )
    except services.AlreadySubmitted:
        messages.info(request, _("Je portfolio was al ingediend."))
    except services.IncompletePortfolio:
        messages.error(
            request, _("Je portfolio is nog niet compleet; hieronder staat wat er ontbreekt.")
        )
        return redirect("portfolio:submit", portfolio.pk)
    except services.PrivacyNotConfirmed as exc:
        messages.error(request, str(exc))
        return redirect(reverse("portfolio:submit", args=[portfolio.pk]) + "#privacy")
    except services.PortfolioError as exc:
        messages.error(request, str(exc))
        return redirect("portfolio:submit", portfolio.pk)
    else:
        messages.success(
            request,
            _("Je portfolio is ingediend. Vingerafdruk (SHA-256): %(sha)s")
            % {"sha": snapshot.sha256},
        )
    return redirect("portfolio:dashboard", portfolio.pk)


@require_GET
@login_required
def preview(request, pk):
    content = selectors.candidate_content(request.user, pk)
    return render(request, "portfolio/preview.html", selectors.preview_context(content))


@require_POST
@login_required
def preview_pdf(request, pk):
    """Ask for the portfolio's PDF: made by a Celery task (never in this request), once
    per content; the candidate waits on the download's page or gets it at once."""
    portfolio = selectors.portfolio_for_candidate(request.user, pk)
    prepared = request_file(owner=request.user, kind=PREVIEW_PDF, subject_id=portfolio.pk)
    return answer_request(request, prepared, subject_id=portfolio.pk)
