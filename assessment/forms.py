from django import forms
from django.utils.translation import gettext_lazy as _

from portal.enums import Role
from portal.models import User


class AssignForm(forms.Form):
    first = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Eerste assessor"),
        error_messages={"required": _("Kies de eerste assessor.")},
    )
    second = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Tweede assessor"),
        error_messages={"required": _("Kies de tweede assessor.")},
    )

    def __init__(self, *args, candidate, **kwargs):
        super().__init__(*args, **kwargs)
        assessors = User.objects.filter(role=Role.ASSESSOR, is_active=True).exclude(pk=candidate.pk)
        self.fields["first"].queryset = assessors
        self.fields["second"].queryset = assessors

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("first") == data.get("second"):
            raise forms.ValidationError(_("Kies twee verschillende assessoren."))
        return data


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Heb je een belangenconflict met deze kandidaat?"),
        choices=[("no", _("Nee, ik heb geen belangenconflict")), ("yes", _("Ja"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Geef aan of je een belangenconflict hebt.")},
    )
    conflict = forms.CharField(
        label=_("Beschrijf het belangenconflict"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") == "yes" and not data.get("conflict", "").strip():
            self.add_error("conflict", _("Beschrijf het belangenconflict."))
        return data
