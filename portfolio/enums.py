from django.db import models
from django.utils.translation import gettext_lazy as _


class PortfolioState(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    REOPENED = "reopened", _("Heropend voor aanvullingen")
    # Decided, and the candidate has started the next certification (recertification):
    # no longer active; its snapshots, review and report stay as they were.
    CLOSED = "closed", _("Afgesloten")


class EntryState(models.TextChoices):
    """Where one item of a section stands (`progress.SectionProgress.states`): what the
    task page's index shows beside it."""

    DONE = "done", _("ingevuld")
    OPEN = "open", _("nog niet")
    # Filled in, but against a rule the progress checks (a case start out of its window).
    PROBLEM = "problem", _("voldoet niet")


# A candidate has at most one portfolio in one of these states.
ACTIVE_STATES = [PortfolioState.DRAFT, PortfolioState.SUBMITTED, PortfolioState.REOPENED]
