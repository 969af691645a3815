from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CANDIDATE = "candidate", _("Kandidaat")
    ASSESSOR = "assessor", _("Assessor")
    OFFICE = "office", _("Bureau")
