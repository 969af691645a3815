"""The certificate download, for the job coach it names and for the office (404 for
anyone else). A missing or out-of-date certificate is queued, never made here."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.storage import serve_private_file
from register import certificate, selectors
from register.models import Certificate, Registration


def certificate_state(registration: Registration, *, known: dict | None = None) -> dict:
    """For a page that links the certificate: whether the current one is ready; when it
    is not, the task is queued (once per content, `certificate.queue`)."""
    today = timezone.localdate()
    facts = certificate.facts(registration, today=today, known=known)
    stored = Certificate.objects.filter(registration_id=registration.pk).first()
    ready = stored is not None and stored.content_key == facts.key
    if not ready:
        certificate.queue(registration.pk, key=facts.key)
    return {"certificate_ready": ready, "certificate": stored if ready else None}


@require_GET
@login_required
def download(request, number):
    """The current certificate PDF (audited); while it is being made, a page saying so."""
    registration = selectors.public_registration(number)
    if not request.user.has_perm("register.download_certificate", registration):
        raise Http404
    state = certificate_state(registration)
    if not state["certificate_ready"]:
        return render(request, "register/certificate_pending.html", {"registration": registration})
    certificate.record_download(
        certificate=state["certificate"], registration=registration, actor=request.user
    )
    return serve_private_file(
        state["certificate"].file,
        filename=f"certificaat-register-jobcoach-{registration.number}.pdf",
        content_type="application/pdf",
    )
