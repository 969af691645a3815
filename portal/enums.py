from django.db import models
from django.utils.translation import gettext_lazy as _


def label_of(choices: type[models.TextChoices], value: str):
    """The label of `value`, as Model.get_FOO_display() gives it (the value itself when it
    is not a choice), without what Django's version does on every call: building a
    hashable copy of all the choices, which hashes every lazy label, one translation
    lookup each. Lists of reviews showed that in their profiles."""
    try:
        return choices(value).label
    except ValueError:
        return value


class Role(models.TextChoices):
    CANDIDATE = "candidate", _("Kandidaat")
    ASSESSOR = "assessor", _("Assessor")
    OFFICE = "office", _("Bureau")
    OBJECTION_MEMBER = "objection_member", _("Lid bezwaarcommissie")


class MailPreference(models.TextChoices):
    """How a person receives notices (status changes of work they follow). E-mails
    that ask them to act or that they must know (an assignment, a decision, a reminder,
    a password link) always come at once."""

    EACH = "each", _("Elke melding direct")
    DIGEST = "digest", _("Eén overzicht per dag")
    OFF = "off", _("Geen meldingen, alleen wat ik moet weten")
