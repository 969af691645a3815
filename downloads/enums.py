from django.db import models
from django.utils.translation import gettext_lazy as _


class PreparedStatus(models.TextChoices):
    PENDING = "pending", _("Wordt gemaakt")
    READY = "ready", _("Klaar")
    FAILED = "failed", _("Mislukt")
