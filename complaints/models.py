"""A complaint about a registered job coach, recorded and handled by the office, and the
office's measures on a registration. Both change only through `complaints.services`
(audited and e-mailed)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.enums import ComplaintOutcome, ComplaintState, MeasureKind
from register.enums import RegistrationStatus


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


class Measure(models.Model):
    """A measure the office took on a registration (suspend, lift, strike off), kept as a
    row of its history with its reason: the registration holds only the current status
    and reason, and the audit trail masks reasons (personal data)."""

    registration = models.ForeignKey(
        "register.Registration",
        verbose_name=_("registratie"),
        # An erased job coach's registration goes, and its measures with it.
        on_delete=models.CASCADE,
        related_name="measures",
    )
    kind = models.CharField(_("maatregel"), max_length=20, choices=MeasureKind.choices)
    status_before = models.CharField(
        _("status ervoor"), max_length=20, choices=RegistrationStatus.choices
    )
    status_after = models.CharField(
        _("status erna"), max_length=20, choices=RegistrationStatus.choices
    )
    reason = models.CharField(_("reden"), max_length=300)
    taken_on = models.DateField(_("genomen op"))
    suspended_until = models.DateField(_("geschorst tot en met"), null=True, blank=True)
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("naar aanleiding van klacht"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("genomen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")

    def __str__(self):
        return f"{self.registration_id} {self.kind} {self.taken_on}"
