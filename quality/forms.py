"""The dashboard's filter: framework version and period (GET)."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import IdChoiceField
from profiles.models import FrameworkVersion

DEFAULT_QUARTERS = 8
MAX_DAYS = 366 * 5  # at most five years: twenty columns in the heat map


def default_start(today: date) -> date:
    """The first day of the quarter DEFAULT_QUARTERS - 1 quarters before today's."""
    index = today.year * 4 + (today.month - 1) // 3 - (DEFAULT_QUARTERS - 1)
    return date(index // 4, (index % 4) * 3 + 1, 1)


class PeriodForm(forms.Form):
    versie = IdChoiceField(
        queryset=FrameworkVersion.objects.none(), label=_("Versie van het toetsingskader")
    )
    van = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, versions):
        today = timezone.localdate()
        defaults = {
            "versie": str(versions[0].pk) if versions else "",
            "van": default_start(today).isoformat(),
            "tot": today.isoformat(),
        }
        merged = {key: (data.get(key) or value) for key, value in defaults.items()}
        super().__init__(merged)
        self.fields["versie"].choices = [
            (v.pk, f"{v.framework.name} v{v.number}") for v in versions
        ]
        # Chosen among the versions read: no query of its own, and no queryset to keep.
        self.fields["versie"].objects = {v.pk: v for v in versions}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and not timedelta(0) <= end - start <= timedelta(days=MAX_DAYS):
            raise forms.ValidationError(
                _("Kies een periode van hoogstens vijf jaar, met het begin vóór het einde.")
            )
        return cleaned
