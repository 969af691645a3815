from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    VALID = "geldig", _("Geldig")
    EXPIRING = "verloopt", _("Geldig, verloopt binnenkort")
    EXPIRED = "verlopen", _("Verlopen")
    SUSPENDED = "geschorst", _("Geschorst")
    STRUCK_OFF = "doorgehaald", _("Doorgehaald")


class Verification(models.TextChoices):
    """The one-word answer of /verifieer/<number>/ for whoever holds a certificate."""

    VALID = "geldig", _("geldig")
    EXPIRED = "verlopen", _("verlopen")
    SUSPENDED = "geschorst", _("geschorst")
    STRUCK_OFF = "doorgehaald", _("doorgehaald")
