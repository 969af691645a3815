"""The waiting page of a prepared file (htmx polls it) and its download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from downloads import selectors
from downloads.registry import KINDS
from portal.storage import serve_private_file


def answer_request(request, prepared, *, subject_id: int):
    """Where a request for a file goes next: straight to the file when it is already
    made (always so when Celery runs eagerly: one click), else to the waiting page —
    of the earlier request still in flight, when that one is about something else."""
    prepared.refresh_from_db()  # the build may have run on commit, after it was read
    if prepared.subject_id != subject_id:
        messages.info(
            request,
            _("Je vorige aanvraag wordt nog gemaakt. Vraag dit bestand daarna opnieuw aan."),
        )
    if prepared.is_ready:
        return redirect("downloads:download", prepared.pk)
    return redirect("downloads:status", prepared.pk)


@require_GET
@login_required
def status(request, pk):
    prepared = selectors.prepared_for(request.user, pk)
    kind = KINDS[prepared.kind]
    context = {
        "prepared": prepared,
        "label": kind.label(),
        "back_url": kind.back_url(prepared.owner, prepared.subject_id),
        "poll_url": reverse("downloads:status", args=[prepared.pk]),
    }
    template = "downloads/_status.html" if request.htmx else "downloads/status.html"
    return render(request, template, context)


@require_GET
@login_required
def download(request, pk):
    prepared = selectors.prepared_for(request.user, pk)
    if not prepared.is_ready:
        raise Http404
    return serve_private_file(
        prepared.file,
        filename=prepared.filename,
        content_type=prepared.content_type,
        as_attachment=True,
    )
