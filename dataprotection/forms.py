from django import forms
from django.utils.translation import gettext_lazy as _

from dataprotection.enums import ErasureReason


class EraseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden"),
        choices=ErasureReason.choices,
        initial=ErasureReason.RETENTION_EXPIRED,
        widget=forms.RadioSelect,
        help_text=_(
            "Na de bewaartermijn kan het bureau altijd anonimiseren. Eerder alleen op "
            "verzoek van de kandidaat (recht op vergetelheid, AVG artikel 17)."
        ),
    )
    confirm = forms.BooleanField(
        label=_(
            "Ik begrijp dat de naam, het e-mailadres, alle teksten en alle bestanden van deze "
            "kandidaat definitief worden verwijderd."
        ),
        required=True,
    )
