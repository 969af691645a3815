from django import forms
from django.utils.translation import gettext_lazy as _

from register.models import Registration

QUERY_MIN, QUERY_MAX = 2, 100


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Naam, plaats of registratienummer"),
        min_length=QUERY_MIN,
        max_length=QUERY_MAX,
        strip=True,
    )


class PublicationForm(forms.ModelForm):
    """What the job coach chooses to show besides name and number."""

    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Registration
        fields = [
            "place",
            "show_place",
            "organisation",
            "show_organisation",
            "website",
            "show_website",
        ]
        help_texts = {
            "show_place": _("Dan kunnen mensen je ook op plaats vinden."),
        }
