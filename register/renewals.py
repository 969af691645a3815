"""A recertification of a registration: started by the job coach within the window of
the recertification framework, and on a grant the registration's renewal (its history).

Imported by `register.models`, so Django registers the model with the app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Recertification(models.Model):
    """One attempt at recertifying a registration's period: the portfolio started on the
    recertification framework, and once granted the period it extended (history kept:
    the old end date, the new one, the version and the review).

    An attempt is open until decided; one decided "not granted" is closed (`closed_at`)
    and the job coach may try again while the registration is within the window and not
    expired. Per period at most one attempt is open or granted (the constraint): a
    granted one ends the period (the registration's end date moves on)."""

    registration = models.ForeignKey(
        "register.Registration",
        verbose_name=_("registratie"),
        on_delete=models.CASCADE,
        related_name="recertifications",
    )
    portfolio = models.OneToOneField(
        "portfolio.Portfolio",
        verbose_name=_("portfolio"),
        on_delete=models.PROTECT,
        related_name="recertification",
    )
    # The end date of the period this recertification renews: one per period.
    period_valid_until = models.DateField(_("voor de periode tot en met"))
    started_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    # The review of the certification this one renews: its sealed snapshot is shown
    # beside the questions that ask for it (Question.shows_previous).
    previous_review = models.ForeignKey(
        "assessment.Review",
        verbose_name=_("vorige certificering"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review = models.ForeignKey(
        "assessment.Review",
        verbose_name=_("beoordeling"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    previous_version = models.ForeignKey(
        "profiles.FrameworkVersion",
        verbose_name=_("vorige kaderversie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    renewed_at = models.DateTimeField(_("verlengd op"), null=True, blank=True)
    renewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verlengd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    new_valid_until = models.DateField(_("nieuw geldig tot en met"), null=True, blank=True)
    # Decided "not granted": the attempt is over without a renewal (a new one may start).
    closed_at = models.DateTimeField(_("afgesloten (niet toegekend) op"), null=True, blank=True)

    class Meta:
        ordering = ["registration", "period_valid_until"]
        verbose_name = _("hercertificering")
        verbose_name_plural = _("hercertificeringen")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "period_valid_until"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_or_granted_recertification_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id} → {self.period_valid_until}"

    @property
    def is_renewed(self) -> bool:
        return self.renewed_at is not None

    @property
    def is_closed(self) -> bool:
        """Decided "not granted": no longer open, and it renewed nothing."""
        return self.closed_at is not None
