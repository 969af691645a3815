"""The framework editor in Dutch for the office: Django's own admin messages with the
right article ("het onderdeel", not "de onderdeel") and "je" instead of "u", and inline
tables whose every input has an accessible name (their column headers are no labels)."""

from django.forms.models import BaseInlineFormSet
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext as _

# Verbose names (profiles.models) that take "het": Django's Dutch catalogue says "de"
# for every model ("De onderdeel … is met succes gewijzigd.").
NEUTER = frozenset(
    {
        "competentieprofiel",
        "profielonderdeel",
        "kennisonderdeel",
        "tekstblok",
        "begrip",
        "toetsingskader",
        "onderdeel",
        "criterium",
        "inhoudsstempel",
    }
)


def dutch_message(message, verbose_name: str):
    """Django's Dutch admin message with the article of `verbose_name`, without the
    stilted "met succes" and addressing the reader with "je"."""
    text = str(message)
    neuter = str(verbose_name) in NEUTER
    if neuter and text.startswith(f"De {verbose_name} "):
        text = "Het" + text[2:]
    text = _je(text, neuter=neuter)
    return mark_safe(text) if isinstance(message, SafeData) else text  # noqa: S308 - was safe


def dutch_admin_text(message):
    """`dutch_message` for a message whose model is not known (the admin's message list
    shows those of every app): the article from the message's own first words."""
    text = str(message)
    name = next((n for n in NEUTER if text.startswith(f"De {n} ")), "")
    return dutch_message(message, name)


def _je(text: str, *, neuter: bool) -> str:
    text = text.replace(" is met succes ", " is ")
    text = text.replace(
        "U kunt deze hieronder", "Je kunt " + ("het" if neuter else "deze") + " hieronder"
    )
    return text.replace("U kunt", "Je kunt")


class DutchMessagesMixin:
    """For model admins: every message to the office in proper Dutch (dutch_message)."""

    def message_user(self, request, message, *args, **kwargs):
        message = dutch_message(message, self.model._meta.verbose_name)
        return super().message_user(request, message, *args, **kwargs)


class LabelledInlineFormSet(BaseInlineFormSet):
    """Every visible input of an inline row gets an accessible name: the column's label
    and the row number ("volgorde, rij 2"); a screen reader (and axe) found none."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        _label_fields(form, _("rij %(number)d") % {"number": i + 1})
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        _label_fields(form, _("nieuwe rij"))
        return form


def _label_fields(form, row: str) -> None:
    for field in form.fields.values():
        if field.widget.is_hidden:
            continue
        field.widget.attrs["aria-label"] = f"{field.label}, {row}"


class LabelledInlineMixin:
    """For inlines: rows from LabelledInlineFormSet."""

    formset = LabelledInlineFormSet
