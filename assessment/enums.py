from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend, wacht op assessoren")
    ASSIGNED = "assigned", _("Assessoren toegewezen")
    IN_ASSESSMENT = "in_assessment", _("Wordt beoordeeld")
    ASSESSED = "assessed", _("Beide beoordelingen binnen")
    AGREED = "agreed", _("Gezamenlijk oordeel vastgesteld")
    INTERVIEW_PLANNED = "interview_planned", _("Toetsgesprek gepland")
    INTERVIEW_HELD = "interview_held", _("Toetsgesprek gehouden")
    ADDITIONS_REQUESTED = "additions_requested", _("Aanvullingen gevraagd")
    DECIDED = "decided", _("Besluit genomen")


class Decision(models.TextChoices):
    GRANTED = "granted", _("Toegekend")
    NOT_GRANTED = "not_granted", _("Niet toegekend")
    ADDITIONS = "additions", _("Aanvullingen gevraagd")


class AssessorRole(models.TextChoices):
    FIRST = "first", _("Eerste assessor")
    SECOND = "second", _("Tweede assessor")
    THIRD = "third", _("Derde assessor")


class RuleVerdict(models.TextChoices):
    """What the decision rule says (assessment.decision); the office's decision may
    deviate from it only with written reasons."""

    GRANTED = "granted", _("Toekennen")
    NOT_GRANTED = "not_granted", _("Niet toekennen")
    UNDECIDED = "undecided", _("Nog niet beslisbaar")
