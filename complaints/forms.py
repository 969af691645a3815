from django import forms
from django.utils.translation import gettext_lazy as _

from complaints import services
from complaints.enums import ComplaintOutcome
from register.enums import RegistrationStatus
from register.services import STATUS_REASON

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CONFIRM = _("Ik bevestig deze maatregel. De jobcoach krijgt er een e-mail over.")


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Naam, nummer of e-mailadres"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *RegistrationStatus.choices],
    )
    open_complaints = forms.BooleanField(label=_("Met open klacht"), required=False)


class ComplaintForm(forms.Form):
    complainant = forms.CharField(
        label=_("Ingediend door"), max_length=services.COMPLAINANT.max_length
    )
    contact = forms.CharField(
        label=_("Contactgegevens van de klager"),
        required=False,
        max_length=services.CONTACT.max_length,
    )
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DATE)
    summary = forms.CharField(
        label=_("Samenvatting"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=services.SUMMARY.max_length,
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=ComplaintOutcome.choices)
    reason = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=services.OUTCOME_REASON.max_length,
    )


class MeasureForm(forms.Form):
    """A measure on a registration: its reason, confirmed; optionally the complaint it
    follows (one of this registration's)."""

    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=STATUS_REASON.max_length,
        help_text=_("De jobcoach krijgt deze reden per e-mail."),
    )
    complaint = forms.ModelChoiceField(
        label=_("Naar aanleiding van klacht"), queryset=None, required=False
    )
    confirm = forms.BooleanField(label=CONFIRM)

    def __init__(self, *args, registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complaint"].queryset = registration.complaints.order_by("-received_on")
        self.fields["complaint"].label_from_instance = lambda c: (
            _("ontvangen op %(date)s van %(who)s")
            % {"date": c.received_on.strftime("%d-%m-%Y"), "who": c.complainant}
        )


class SuspendForm(MeasureForm):
    until = forms.DateField(
        label=_("Geschorst tot en met"),
        required=False,
        widget=DATE,
        help_text=_("Leeg: tot het bureau de schorsing opheft."),
    )


class LiftForm(forms.Form):
    reason = MeasureForm.base_fields["reason"]
    confirm = forms.BooleanField(label=CONFIRM)
