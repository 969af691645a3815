"""The registration's certificate: a PDF made by a Celery task (`register.tasks.
make_certificate`), stored privately, re-made whenever what it prints changes.

What it prints (`facts`) is hashed into a content key; the stored certificate is current
while its key is the registration's key of today. A saved registration queues the task
after commit (`connect`), the job coach's page and the download queue it when the
certificate is missing or out of date, and the task renders only when the key differs:
queueing twice, or a double click, makes nothing twice.
"""

import hashlib
import json
import posixpath
from dataclasses import asdict, dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from audit import services as audit
from audit.enums import AuditAction
from portal import reports
from portfolio.models import Snapshot
from register import rules
from register.models import Certificate, Registration, certificate_upload_to
from register.selectors import policy_for

# Fields whose change may change what the certificate prints.
PRINTED_FIELDS = frozenset({"number", "public_name", "starts_on", "valid_until", "status"})
# How long a queued task stops the pages from queueing another for the same content.
QUEUED_SECONDS = 5 * 60


@dataclass(frozen=True)
class Facts:
    """What a certificate prints (besides the day it was made)."""

    name: str
    number: str
    starts_on: date
    valid_until: date
    verification: str
    fingerprint: str
    verify_url: str
    version: str

    @property
    def key(self) -> str:
        data = {**asdict(self), "starts_on": self.starts_on.isoformat()}
        data["valid_until"] = self.valid_until.isoformat()
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def verify_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("register:verify", args=[number])


def sealed_fingerprint(registration: Registration) -> str:
    """The SHA-256 of the portfolio the grant sealed (the latest snapshot up to the
    granted review's round; one query), or "" for a registration without a review."""
    if registration.review_id is None:
        return ""
    snapshot = (
        Snapshot.objects.filter(
            portfolio__review__id=registration.review_id,
            round__lte=F("portfolio__review__round"),
        )
        .order_by("-round")
        .values_list("sha256", flat=True)
        .first()
    )
    return snapshot or ""


def facts(registration: Registration, *, today: date, known: dict | None = None) -> Facts:
    """What the certificate of `registration` prints on local date `today` (the status
    as the public verification answers it on that day)."""
    policy = policy_for(registration.framework_version_id, known)
    status = rules.status_on(registration, today=today, expiring_months=policy.expiring_months)
    version = registration.framework_version
    return Facts(
        name=registration.public_name,
        number=registration.number,
        starts_on=registration.starts_on,
        valid_until=registration.valid_until,
        verification=str(rules.verification(status).value),
        fingerprint=sealed_fingerprint(registration),
        verify_url=verify_url(registration.number),
        version=f"{version.title} {version.number}",
    )


def current_certificate(registration: Registration, *, today: date, known=None):
    """The stored certificate if it prints today's facts, else None (missing or stale)."""
    certificate = Certificate.objects.filter(registration_id=registration.pk).first()
    if certificate is None:
        return None
    if certificate.content_key != facts(registration, today=today, known=known).key:
        return None
    return certificate


def queue(registration_id: int, *, key: str = "") -> None:
    """Queue the certificate task, once per registration and content within
    QUEUED_SECONDS (the pages call this on every view of a missing certificate)."""
    from register.tasks import make_certificate  # noqa: PLC0415 - tasks import this module

    if key and not cache.add(f"certificate-queued:{registration_id}:{key}", 1, QUEUED_SECONDS):
        return
    # After commit: a page that is rolled back (or a test's savepoint) queues nothing; a
    # broker that is down is logged (the daily task makes up for it), never raised.
    transaction.on_commit(
        lambda: make_certificate.delay(registration_id=registration_id), robust=True
    )


def queue_missing() -> int:
    """Queue the certificate of every registration that has none (the daily task: makes
    up for a task lost while the broker was down). Out-of-date ones are queued by the
    save that changed them and by the pages that show them."""
    missing = Registration.objects.filter(certificate__isnull=True).values_list("pk", flat=True)
    queued = 0
    for registration_id in missing.iterator():
        queue(registration_id)
        queued += 1
    return queued


def qr_svg(url: str) -> str:
    """The QR code of `url` as an SVG element (vector, no image library needed)."""
    import qrcode  # noqa: PLC0415 - only the certificate task draws QR codes
    from qrcode.image.svg import SvgPathImage  # noqa: PLC0415 - idem

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=10,
        border=4,
        image_factory=SvgPathImage,
    )
    code.add_data(url)
    code.make(fit=True)
    return code.make_image().to_string(encoding="unicode")


def render(certificate_facts: Facts, *, made_on: date) -> bytes:
    """The certificate PDF (WeasyPrint: call from the Celery task only)."""
    with translation.override("nl"):
        return reports.render_pdf(
            "register/certificate_pdf.html",
            {
                "facts": certificate_facts,
                "made_on": made_on,
                # Our own markup of a URL made of the site address and a checked number.
                "qr": mark_safe(qr_svg(certificate_facts.verify_url)),  # noqa: S308
            },
        )


def _registration(registration_id: int, *, lock: bool = False) -> Registration | None:
    rows = Registration.objects.select_related("review", "framework_version")
    if lock:
        rows = rows.select_for_update(of=("self",))
    return rows.filter(pk=registration_id).first()


def make_certificate(*, registration_id: int, today: date | None = None):
    """Render and store the registration's certificate if the stored one is missing or
    prints something else. Idempotent: None when nothing was (re)made.

    Side effects: the PDF stored privately (the old one deleted after commit); a
    CERTIFICATE_GENERATED audit entry.
    """
    today = today or timezone.localdate()
    registration = _registration(registration_id)
    if registration is None:
        return None
    wanted = facts(registration, today=today)
    if Certificate.objects.filter(registration=registration, content_key=wanted.key).exists():
        return None
    pdf = render(wanted, made_on=today)  # outside the lock: the slow part
    with transaction.atomic():
        registration = _registration(registration_id, lock=True)
        # Changed while rendering: the change queued its own task, which makes it.
        if registration is None or facts(registration, today=today).key != wanted.key:
            return None
        certificate = Certificate.objects.filter(registration=registration).first()
        if certificate is not None and certificate.content_key == wanted.key:
            return None
        _remove_orphan_files(registration, keep=certificate)
        return _store(registration, certificate, pdf, key=wanted.key, today=today)


def _store(registration, certificate, pdf: bytes, *, key: str, today: date) -> Certificate:
    """Save the PDF as the registration's certificate (the old file goes after commit)."""
    old_name = certificate.file.name if certificate is not None else ""
    certificate = certificate or Certificate(registration=registration)
    certificate.registration = registration
    certificate.sha256 = hashlib.sha256(pdf).hexdigest()
    certificate.content_key = key
    certificate.made_on = today
    certificate.file.save("certificaat.pdf", ContentFile(pdf), save=False)
    certificate.save()
    if old_name:
        storage = certificate.file.storage
        transaction.on_commit(lambda: storage.delete(old_name), robust=True)
    audit.record(
        actor=None,
        action=AuditAction.CERTIFICATE_GENERATED,
        subject_user_id=registration.candidate_id,
        target=certificate,
        summary=f"{registration.number}, SHA-256 {certificate.sha256[:16]}…",
    )
    return certificate


def _remove_orphan_files(registration: Registration, *, keep) -> None:
    """Delete files in the job coach's certificate folder that no row names (a worker
    killed between storing and committing, or an old file whose deletion failed). Call
    under the registration's row lock."""
    storage = Certificate._meta.get_field("file").storage
    probe = Certificate(registration=registration)
    folder = posixpath.dirname(certificate_upload_to(probe, "x"))
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    known = {keep.file.name} if keep is not None else set()
    for name in files:
        if f"{folder}/{name}" not in known:
            storage.delete(f"{folder}/{name}")


def record_download(*, certificate: Certificate, registration: Registration, actor) -> None:
    """Audit that `actor` downloaded the certificate (after the access check)."""
    audit.record(
        actor=actor,
        action=AuditAction.CERTIFICATE_DOWNLOADED,
        subject_user_id=registration.candidate_id,
        target=certificate,
        summary=registration.number,
    )


def _saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    """A registration saved with a printed field changed: (re)make after commit."""
    if not created and update_fields is not None and not PRINTED_FIELDS & set(update_fields):
        return
    queue(instance.pk)  # after commit


def connect() -> None:
    post_save.connect(_saved, sender=Registration, dispatch_uid="register-certificate")
