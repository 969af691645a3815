"""The candidate's data download; the office's retention overview, export and erasure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dataprotection import selectors, services
from dataprotection.enums import DATA_EXPORT
from dataprotection.forms import EraseForm
from dataprotection.models import Erasure
from dataprotection.rules import can_export_own_data, can_manage_candidate_data
from downloads.services import request_file
from downloads.views import answer_request


@require_GET
@login_required
def my_data(request):
    """What the portal keeps about the candidate, how long, and the download button."""
    if not can_export_own_data(request.user):
        raise Http404
    retention = selectors.retention_for([request.user])[request.user.pk]
    return render(request, "dataprotection/my_data.html", {"retention": retention})


@require_POST
@login_required
def download_my_data(request):
    """Ask for the candidate's own data as a ZIP, made by a Celery task (audited)."""
    if not can_export_own_data(request.user):
        raise Http404
    prepared = request_file(owner=request.user, kind=DATA_EXPORT, subject_id=request.user.pk)
    return answer_request(request, prepared, subject_id=request.user.pk)


@require_GET
@login_required
def office_overview(request):
    if not can_manage_candidate_data(request.user):
        raise Http404
    page, rows = selectors.office_overview(request.GET.get("pagina"), timezone.now())
    return render(request, "dataprotection/office.html", {"page": page, "rows": rows})


@require_POST
@login_required
def office_download(request, candidate_id):
    """The office exports a candidate's data (e.g. to answer a request by post)."""
    candidate = selectors.candidate_for_office(request.user, candidate_id)
    prepared = request_file(owner=request.user, kind=DATA_EXPORT, subject_id=candidate.pk)
    return answer_request(request, prepared, subject_id=candidate.pk)


@require_http_methods(["GET", "POST"])
@login_required
def erase(request, candidate_id):
    """Confirm and anonymise one candidate; refused before the retention period is
    over unless the candidate asked for it."""
    candidate = selectors.candidate_for_office(request.user, candidate_id)
    erasure = Erasure.objects.filter(user_id=candidate.pk).first()
    retention = selectors.retention_for([candidate])[candidate.pk]
    form = EraseForm(request.POST or None)
    if request.method == "POST" and erasure is None and form.is_valid():
        try:
            services.erase_candidate(
                candidate=candidate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.ErasureRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Kandidaat #%(id)d is geanonimiseerd.") % {"id": candidate.pk},
            )
            return redirect("dataprotection:office")
    return render(
        request,
        "dataprotection/erase.html",
        {
            "candidate": candidate,
            "erasure": erasure,
            "retention": retention,
            "expired": retention.expired(timezone.now()),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
