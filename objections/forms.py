from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.forms import ConflictForm
from objections import rules as objection_rules
from objections.services import MAX_ATTACHMENTS, OUTCOME_REASON, REASONS
from portal.enums import Role
from portal.forms import IdChoiceField
from portal.models import User


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe); each is checked by the
    service with the portfolio's upload validation."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class LodgeForm(forms.Form):
    reasons = forms.CharField(
        label=_("Waarom maak je bezwaar?"),
        max_length=REASONS.max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Schrijf waarom je bezwaar maakt.")},
    )
    files = MultipleFileField(
        label=_("Bijlagen (PDF, JPEG of PNG)"),
        required=False,
        help_text=_("Hoogstens %(max)d bestanden.") % {"max": MAX_ATTACHMENTS},
    )


class AssignMemberForm(forms.Form):
    member = IdChoiceField(
        queryset=User.objects.none(),
        label=_("Lid van de bezwaarcommissie"),
        error_messages={"required": _("Kies een lid van de bezwaarcommissie.")},
    )

    def __init__(self, *args, objection, **kwargs):
        super().__init__(*args, **kwargs)
        self.objection = objection
        self.fields["member"].queryset = User.objects.filter(
            role=Role.OBJECTION_MEMBER, is_active=True
        )

    def clean_member(self):
        member = self.cleaned_data["member"]
        if objection_rules.was_assessor_of_review(member, self.objection.review):
            raise forms.ValidationError(
                _(
                    "%(name)s was assessor van deze beoordeling; een assessor oordeelt nooit "
                    "over het bezwaar tegen de eigen beoordeling. Kies een ander lid."
                )
                % {"name": member}
            )
        return member


class DeclareForm(ConflictForm):
    """The committee member's conflict-of-interest declaration: the assessors' form
    (assessment.forms.ConflictForm), asked about the candidate or the decision."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["has_conflict"].label = _(
            "Heb je een belangenconflict met deze kandidaat of dit besluit?"
        )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitspraak"),
        choices=[
            ("upheld", _("Gegrond: het besluit wordt herzien")),
            ("rejected", _("Ongegrond: het besluit blijft staan")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies gegrond of ongegrond.")},
    )
    reason = forms.CharField(
        label=_("Motivering"),
        max_length=OUTCOME_REASON.max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Motiveer de uitspraak op het bezwaar.")},
    )
