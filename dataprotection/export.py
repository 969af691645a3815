"""The candidate's data export: a ZIP of gegevens.json (`dataprotection.export_data`),
LEESMIJ.txt, their uploads, reports, objections' attachments and certificate, within
EXPORT_MAX_MB (audited)."""

import json
import shutil
import tempfile
import zipfile

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment.models import Report
from audit import services as audit
from audit.enums import AuditAction
from dataprotection import export_data
from downloads.registry import TooLarge
from objections.models import ObjectionAttachment
from portal.models import User
from portfolio.models import Document
from register.models import Certificate

CHUNK = 1024 * 1024


def export_too_large_message() -> str:
    return _(
        "Je gegevens zijn samen groter dan %(max)d MB en passen niet in één download. "
        "Neem contact op met het bureau; dat stuurt ze je in delen."
    ) % {"max": settings.EXPORT_MAX_MB}


def _copy_into(archive: zipfile.ZipFile, field_file, arcname: str, budget: list[int]) -> bool:
    """Stream one stored file into the ZIP through the storage API (local or S3), within
    what is left of the export's size bound (`budget`, in bytes; TooLarge beyond it)."""
    if not field_file.name or not field_file.storage.exists(field_file.name):
        return False
    budget[0] -= field_file.storage.size(field_file.name)
    if budget[0] < 0:
        raise TooLarge(export_too_large_message())
    with (
        field_file.storage.open(field_file.name, "rb") as source,
        archive.open(arcname, "w", force_zip64=True) as target,
    ):
        shutil.copyfileobj(source, target, CHUNK)
    return True


def export_candidate_data(*, candidate: User, actor):
    """The candidate's data as a ZIP in a temporary file (positioned at 0; the caller
    closes it): gegevens.json, LEESMIJ.txt, bestanden/…, rapporten/…, bezwaren/… and
    registratie/…. Made by a Celery
    task (dataprotection.prepared), never in a request; the stored files it copies are
    bounded by EXPORT_MAX_MB together (TooLarge beyond).

    Side effect: a DATA_EXPORTED audit entry (actor: the candidate or the office).
    """
    data = export_data.candidate_data(candidate)
    now = timezone.now()
    with translation.override("nl"):
        readme = render_to_string(
            "dataprotection/LEESMIJ.txt",
            {
                "candidate": candidate,
                "now": now,
                "retention_years": settings.RETENTION_YEARS,
                "inactive_years": settings.RETENTION_INACTIVE_YEARS,
            },
        )
    data = {"gemaakt_op": now.isoformat(), **data}
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, closed by the caller
    try:
        files = _write_archive(handle, candidate, readme, data)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    audit.record(
        actor=actor,
        action=AuditAction.DATA_EXPORTED,
        subject_user_id=candidate.pk,
        target=candidate,
        summary=_("Alle gegevens gedownload (%(count)d bestanden)") % {"count": files},
    )
    return handle


def _write_archive(handle, candidate: User, readme: str, data: dict) -> int:
    """Write the export's ZIP into `handle`; the number of stored files copied."""
    files, budget = 0, [settings.EXPORT_MAX_MB * 1_000_000]
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LEESMIJ.txt", readme)
        archive.writestr("gegevens.json", json.dumps(data, ensure_ascii=False, indent=2))
        documents = Document.objects.filter(portfolio__candidate=candidate).order_by("pk")
        for document in documents:
            path = export_data.document_path(document)
            files += _copy_into(archive, document.file, path, budget)
        reports = Report.objects.filter(review__portfolio__candidate=candidate).order_by("pk")
        for report in reports:
            files += _copy_into(archive, report.file, export_data.report_path(report), budget)
        files += _copy_objections_and_certificate(archive, candidate, budget)
    return files


def _copy_objections_and_certificate(archive, candidate: User, budget: list[int]) -> int:
    """The objections' attachments and the registration's certificate, into the ZIP."""
    files = 0
    attachments = ObjectionAttachment.objects.filter(
        objection__review__portfolio__candidate=candidate
    ).order_by("pk")
    for attachment in attachments:
        path = export_data.attachment_path(attachment)
        files += _copy_into(archive, attachment.file, path, budget)
    certificate = (
        Certificate.objects.filter(registration__candidate=candidate)
        .select_related("registration")
        .first()
    )
    if certificate is not None:
        path = export_data.certificate_path(certificate.registration)
        files += _copy_into(archive, certificate.file, path, budget)
    return files
