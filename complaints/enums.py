from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintState(models.TextChoices):
    RECEIVED = "ontvangen", _("Ontvangen")
    HANDLING = "in_behandeling", _("In behandeling")
    CLOSED = "afgehandeld", _("Afgehandeld")


class ComplaintOutcome(models.TextChoices):
    FOUNDED = "gegrond", _("Gegrond")
    PARTLY_FOUNDED = "deels_gegrond", _("Deels gegrond")
    UNFOUNDED = "ongegrond", _("Ongegrond")
    INADMISSIBLE = "niet_ontvankelijk", _("Niet-ontvankelijk")
    WITHDRAWN = "ingetrokken", _("Ingetrokken door de klager")


class MeasureKind(models.TextChoices):
    """What the office did to a registration."""

    SUSPENSION = "schorsing", _("Geschorst")
    LIFTING = "opheffing", _("Schorsing opgeheven")
    STRIKING_OFF = "doorhaling", _("Doorgehaald")
