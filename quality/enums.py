from django.db import models
from django.utils.translation import gettext_lazy as _


class Coefficient(models.TextChoices):
    """Which coefficient the office's threshold applies to."""

    KAPPA = "kappa", _("Cohens kappa")
    AC1 = "ac1", _("Gwets AC1")
