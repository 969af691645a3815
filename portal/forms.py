from django import forms
from django.utils.translation import gettext_lazy as _

from portal import limits
from portal.enums import Role
from portal.models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form. Everyone who signs up is a candidate;
    assessors and office users are created by the office."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.role = Role.CANDIDATE
        user.save(update_fields=["first_name", "last_name", "role"])


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one object by its id, taking only an id written in ASCII digits:
    Django reads "٣" (Arabic-Indic three) as 3, so a tampered value could still pick a
    real object (the hostile-input walk found one on PostgreSQL).

    `objects` ({id: object}), when the form has read the choices already: the choice is
    looked up there, without a query of its own."""

    objects: dict | None = None

    def to_python(self, value):
        if (
            isinstance(value, str)
            and value not in self.empty_values
            and limits.parse_id(value) is None
        ):
            raise self._invalid()
        if self.objects is not None and value not in self.empty_values:
            chosen = self.objects.get(limits.parse_id(value) if isinstance(value, str) else value)
            if chosen is None:
                raise self._invalid()
            return chosen
        return super().to_python(value)

    def _invalid(self) -> forms.ValidationError:
        return forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class MailPreferenceForm(forms.ModelForm):
    """How the person receives notices (portal.mail)."""

    class Meta:
        model = User
        fields = ["mail_preference"]
        widgets = {"mail_preference": forms.RadioSelect}
        labels = {"mail_preference": _("Meldingen over het werk dat je volgt")}
        help_texts = {
            "mail_preference": _(
                "Een toewijzing, een gepland toetsgesprek, een besluit, een herinnering "
                "aan een termijn en je wachtwoordlinks krijg je altijd meteen. Over je "
                "eigen handelingen krijg je geen e-mail."
            )
        }
