"""Files the portal prepares in the background for one person to download (a PDF of a
portfolio, a data export): made by a Celery task with time and memory limits, never in
a web request, and kept by what they contain (`key`) so the same content is made once."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from downloads.enums import PreparedStatus


def prepared_upload_to(instance, filename: str) -> str:
    return f"prepared/{instance.owner_id}/{uuid.uuid4().hex}"


class PreparedFile(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prepared_files"
    )
    kind = models.CharField(_("soort"), max_length=30)
    subject_id = models.PositiveBigIntegerField(_("waarover (id)"))
    key = models.CharField(_("inhoudssleutel"), max_length=64)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PreparedStatus.choices,
        default=PreparedStatus.PENDING,
    )
    file = models.FileField(_("bestand"), upload_to=prepared_upload_to, max_length=300, blank=True)
    filename = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    content_type = models.CharField(_("soort inhoud"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    error = models.CharField(_("fout"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("voorbereid bestand")
        verbose_name_plural = _("voorbereide bestanden")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "subject_id", "key"], name="one_prepared_file_per_key"
            ),
            # One in flight per person and kind: a second request waits for the first.
            models.UniqueConstraint(
                fields=["owner", "kind"],
                condition=models.Q(status=PreparedStatus.PENDING),
                name="one_prepared_file_in_flight",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.subject_id} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == PreparedStatus.PENDING

    @property
    def is_ready(self) -> bool:
        return self.status == PreparedStatus.READY

    @property
    def has_failed(self) -> bool:
        return self.status == PreparedStatus.FAILED
