"""The audit trail: an append-only record of who did what, when, to which object.

Rows are never edited or deleted through the application: the model refuses it, and on
PostgreSQL a trigger refuses it in the database as well (see migration 0002). The one
exception is erasure under the AVG, which anonymises the rows of an erased candidate
inside `audit.services.erasure_allowed()` (`audit.guard`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.enums import AuditAction
from audit.guard import AuditImmutable, require_erasure


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        require_erasure()
        return super().update(**kwargs)

    def delete(self):
        require_erasure()
        return super().delete()


class AuditEntry(models.Model):
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        # No database constraint and no cascade: the trail outlives the accounts in it.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    # The actor's e-mail address at the time, so the entry still says who it was if the
    # account is later removed; anonymised on erasure.
    actor_label = models.CharField(_("wie (label)"), max_length=254, blank=True)
    action = models.CharField(_("handeling"), max_length=40, choices=AuditAction.choices)
    # Plain ids, not foreign keys: the trail outlives what it describes.
    portfolio_id = models.BigIntegerField(_("portfolio"), null=True, blank=True, db_index=True)
    subject_user_id = models.BigIntegerField(
        _("betrokken gebruiker"), null=True, blank=True, db_index=True
    )
    object_type = models.CharField(_("objecttype"), max_length=60, blank=True)
    object_id = models.CharField(_("object-id"), max_length=40, blank=True)
    summary = models.CharField(_("omschrijving"), max_length=300, blank=True)
    changes = models.JSONField(_("wijzigingen (voor → na)"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        indexes = [models.Index(fields=["portfolio_id", "at"], name="audit_portfolio_at")]

    def __str__(self):
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        # Append-only: an existing row is never saved again (erasure uses update()).
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AuditImmutable("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        require_erasure()
        return super().delete(*args, **kwargs)
