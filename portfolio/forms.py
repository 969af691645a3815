from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import limits
from portal.forms import IdChoiceField
from profiles.enums import EducationLevel


class RouteChoiceForm(forms.Form):
    basic_route = IdChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        label=_("A1 · Basisopleidingseis"),
        error_messages={"required": _("Kies een basisopleidingseis (A1).")},
    )
    supplementary_route = IdChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        label=_("A2 · Aanvullende opleidingseis"),
        error_messages={"required": _("Kies een aanvullende opleidingseis (A2).")},
    )

    diploma_date = forms.DateField(
        label=_("Datum van je diploma"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Alleen voor een route die een periode noemt (zoals ‘na augustus 2022’)."),
    )
    diploma_provider = forms.ChoiceField(
        label=_("Opleider van je diploma"),
        required=False,
        help_text=_("Alleen voor een route die opleiders noemt."),
    )

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        requirements = section.education_requirements.all()
        providers = dict.fromkeys(p for r in requirements for p in r.accepted_providers)
        self.fields["diploma_provider"].choices = [
            ("", _("— kies de opleider —")),
            *((p, p) for p in providers),
        ]
        self.fields["basic_route"].queryset = requirements.filter(level=EducationLevel.BASIC)
        self.fields["supplementary_route"].queryset = requirements.filter(
            level=EducationLevel.SUPPLEMENTARY
        )
        for name in ("basic_route", "supplementary_route"):
            self.fields[name].label_from_instance = lambda r: f"{r.code} · {r.criterion}"


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (PDF, JPEG of PNG)"),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )
    document_date = forms.DateField(
        label=_("Datum van het document"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De datum waarop het diploma, certificaat of rapport is afgegeven."),
        error_messages={"required": _("Vul de datum van het document in.")},
    )
    study_hours = forms.IntegerField(
        label=_("Studie-uren op dit document"),
        min_value=limits.STUDY_HOURS.minimum,
        max_value=limits.STUDY_HOURS.maximum,
        required=False,
    )

    def __init__(self, *args, needs_hours: bool = False, key: str = "", **kwargs):
        # A page holds several upload blocks: each one's ids carry its target (`key`), so
        # every label names its own field.
        if key:
            kwargs.setdefault("auto_id", f"id_{key}_%s")
        super().__init__(*args, **kwargs)
        if needs_hours:
            self.fields["study_hours"].required = True
            self.fields["study_hours"].error_messages["required"] = _(
                "Vul het aantal studie-uren in dat op het document staat."
            )
        else:
            del self.fields["study_hours"]

    def clean_document_date(self):
        return _bounded_date(self.cleaned_data["document_date"])


class SignatureForm(forms.Form):
    years = forms.IntegerField(
        label=_("Jaren actief als uitvoerend jobcoach"),
        min_value=limits.YEARS.minimum,
        max_value=limits.YEARS.maximum,
    )
    hours = forms.IntegerField(
        label=_("Uren beroepsgerichte werkervaring"),
        min_value=limits.HOURS.minimum,
        max_value=limits.HOURS.maximum,
    )
    full_name = forms.CharField(
        label=_("Je volledige naam (als handtekening)"), max_length=limits.FULL_NAME.max_length
    )
    signed_on = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date", "readonly": True}, format="%Y-%m-%d"),
    )
    confirmed = forms.BooleanField(
        label=_("Ik verklaar dat dit naar waarheid is ingevuld."),
        error_messages={"required": _("Bevestig dat de verklaring naar waarheid is.")},
    )

    def __init__(self, *args, declaration, **kwargs):
        kwargs.setdefault("initial", {})["signed_on"] = timezone.localdate()
        # B1 and E hold several declarations: ids per declaration, so each label ticks its
        # own box.
        kwargs.setdefault("auto_id", f"id_declaration-{declaration.pk}_%s")
        super().__init__(*args, **kwargs)
        # The fields' names are the framework's (a recertification asks for other hours).
        self.fields["years"].label = declaration.years_field_label
        self.fields["hours"].label = declaration.hours_field_label
        if declaration.min_years is None:
            del self.fields["years"]
        if declaration.min_hours is None:
            del self.fields["hours"]


class AnswerForm(forms.Form):
    """The autosave payload of one text box (or the case's date field)."""

    target = forms.RegexField(regex=r"^(question|criterion|product_question)-\d+$")
    revision = forms.IntegerField(min_value=0, max_value=limits.MAX_ID)
    text = forms.CharField(required=False, strip=False)  # bounded in clean_text
    date_value = forms.DateField(required=False)

    def clean_text(self):
        # Not max_length: its message is generic, this one names the limit.
        text = self.cleaned_data["text"]
        if problem := limits.ANSWER.problem(text):
            raise forms.ValidationError(problem)
        return text

    def clean_date_value(self):
        value = self.cleaned_data["date_value"]
        return value if value is None else _bounded_date(value)


def _bounded_date(value):
    """A date of the past (a document, a case): refused when absurdly far off."""
    if problem := limits.date_problem(value, today=timezone.localdate()):
        raise forms.ValidationError(problem)
    return value
