from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureReason(models.TextChoices):
    # The retention period has passed (the command, the daily task, or the office).
    RETENTION_EXPIRED = "retention", _("Bewaartermijn verstreken")
    # The right to erasure (AVG art. 17): the office may act before the period is over.
    CANDIDATE_REQUEST = "request", _("Op verzoek van de kandidaat")


# The kind of prepared file (downloads) that a data export is.
DATA_EXPORT = "data_export"
