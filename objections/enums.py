from django.db import models
from django.utils.translation import gettext_lazy as _


class ObjectionState(models.TextChoices):
    LODGED = "lodged", _("Ingediend, wacht op toewijzing")
    ASSIGNED = "assigned", _("Toegewezen, wacht op verklaring van het commissielid")
    IN_REVIEW = "in_review", _("In behandeling bij de bezwaarcommissie")
    UPHELD = "upheld", _("Gegrond: het besluit is herzien")
    REJECTED = "rejected", _("Ongegrond: het besluit blijft staan")


class ObjectionReminderKind(models.TextChoices):
    ASSIGNMENT = "assignment", _("Bezwaar nog niet toegewezen")
    DECISION = "decision", _("Uitspraak op bezwaar bijna op termijn")
