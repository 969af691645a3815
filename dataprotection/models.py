"""The record of an erasure. It holds no personal data: an account id, when, by whom (an
office account, or the system), why and how much was removed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dataprotection.enums import ErasureReason


class Erasure(models.Model):
    # A plain id: the account row stays (anonymised), but the record must not depend on it.
    user_id = models.BigIntegerField(_("account-id"), unique=True)
    erased_at = models.DateTimeField(_("geanonimiseerd op"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: de dagelijkse taak of het beheercommando."),
    )
    reason = models.CharField(_("reden"), max_length=20, choices=ErasureReason.choices)
    counts = models.JSONField(_("aantallen"), default=dict, blank=True)
    files_deleted_at = models.DateTimeField(
        _("bestanden verwijderd op"),
        null=True,
        blank=True,
        help_text=_("Leeg zolang de bestanden nog uit de opslag moeten worden verwijderd."),
    )

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("anonimisering")
        verbose_name_plural = _("anonimiseringen")

    def __str__(self):
        return f"#{self.user_id} · {self.erased_at:%Y-%m-%d} · {self.get_reason_display()}"
