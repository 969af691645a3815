"""An objection (bezwaar) against a review's decision, its attachments, its reminders and
the periods the office sets per framework version."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.enums import Decision
from objections.enums import ObjectionReminderKind, ObjectionState
from portal.enums import label_of


class ObjectionTerms(models.Model):
    """The objection periods of one framework version, set by the office (not source text
    of the toetsingskader). A version without a row uses these defaults."""

    version = models.OneToOneField(
        "profiles.FrameworkVersion",
        on_delete=models.CASCADE,
        related_name="objection_terms",
        verbose_name=_("versie van het toetsingskader"),
    )
    period_days = models.PositiveSmallIntegerField(
        _("bezwaartermijn (dagen)"),
        default=42,
        help_text=_("Dagen na het besluit waarbinnen de kandidaat bezwaar kan maken."),
    )
    assignment_days = models.PositiveSmallIntegerField(
        _("termijn toewijzing (dagen)"),
        default=7,
        help_text=_("Dagen na het bezwaar waarbinnen het bureau een commissielid toewijst."),
    )
    decision_days = models.PositiveSmallIntegerField(
        _("termijn uitspraak (dagen)"),
        default=42,
        help_text=_("Dagen na de toewijzing waarbinnen het commissielid uitspraak doet."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("herinnering (dagen voor de termijn)"), default=5
    )

    class Meta:
        verbose_name = _("bezwaartermijnen")
        verbose_name_plural = _("bezwaartermijnen")

    def __str__(self):
        return str(self.version)


class Objection(models.Model):
    """One objection per review. Only `objections.services` changes `state`."""

    review = models.OneToOneField(
        "assessment.Review", on_delete=models.PROTECT, related_name="objection"
    )
    state = models.CharField(
        _("status"),
        max_length=20,
        choices=ObjectionState.choices,
        default=ObjectionState.LODGED,
        db_index=True,
    )
    # The decision objected to, as it was when the objection was lodged.
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices)
    reasons = models.TextField(_("gronden van het bezwaar"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objections",
        verbose_name=_("commissielid"),
    )
    assigned_at = models.DateTimeField(_("toegewezen op"), null=True, blank=True)
    declared_at = models.DateTimeField(_("belangenverklaring op"), null=True, blank=True)
    outcome_reason = models.TextField(_("motivering van de uitspraak"), blank=True)
    revised_decision = models.CharField(
        _("herzien besluit"), max_length=20, choices=Decision.choices, blank=True
    )
    decided_at = models.DateTimeField(_("uitspraak op"), null=True, blank=True)
    lodged_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    state_changed_at = models.DateTimeField(_("status gewijzigd op"), auto_now_add=True)

    class Meta:
        ordering = ["lodged_at", "pk"]
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")

    def __str__(self):
        return f"{self.review_id} · {self.get_state_display()}"

    def get_state_display(self):  # see label_of
        return label_of(ObjectionState, self.state)

    def get_decision_display(self):
        return label_of(Decision, self.decision)


def attachment_upload_to(instance, filename: str) -> str:
    return f"objections/{instance.objection_id}/{uuid.uuid4().hex}"


class ObjectionAttachment(models.Model):
    """A file the candidate adds to the objection (checked as portfolio uploads are)."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("bestand"), upload_to=attachment_upload_to, max_length=300)
    name = models.CharField(_("naam"), max_length=150)
    content_type = models.CharField(_("soort"), max_length=50)
    size = models.PositiveIntegerField(_("grootte"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bijlage bij een bezwaar")
        verbose_name_plural = _("bijlagen bij bezwaren")

    def __str__(self):
        return self.name


class ObjectionReminder(models.Model):
    """A reminder that went out: at most one per objection, kind and local day (the
    unique constraint keeps the daily task idempotent, also when two runs overlap)."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("soort"), max_length=20, choices=ObjectionReminderKind.choices)
    sent_on = models.DateField(_("verstuurd op (lokale datum)"))
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("herinnering bij een bezwaar")
        verbose_name_plural = _("herinneringen bij bezwaren")
        constraints = [
            models.UniqueConstraint(
                fields=["objection", "kind", "sent_on"], name="one_objection_reminder_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.objection_id} {self.kind} {self.sent_on}"
