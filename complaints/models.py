"""A complaint about a registered job coach, recorded and handled by the office. Its
state changes only through `complaints.services` (audited and e-mailed)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.enums import ComplaintOutcome, ComplaintState


class Complaint(models.Model):
    registration = models.ForeignKey(
        "register.Registration",
        verbose_name=_("registratie"),
        # An erased job coach's registration goes, and the complaints about it with it.
        on_delete=models.CASCADE,
        related_name="complaints",
    )
    complainant = models.CharField(_("ingediend door"), max_length=200)
    complainant_contact = models.CharField(_("contactgegevens klager"), max_length=200, blank=True)
    received_on = models.DateField(_("ontvangen op"))
    summary = models.TextField(_("samenvatting"), max_length=5000)
    state = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintState.choices,
        default=ComplaintState.RECEIVED,
        db_index=True,
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=ComplaintOutcome.choices, blank=True
    )
    outcome_reason = models.TextField(_("motivering van de uitkomst"), blank=True, max_length=5000)
    closed_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd"), auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")

    def __str__(self):
        return f"{self.registration_id} {self.received_on}"
