"""Admin form fields and widgets that stay up under tampered input (the office's admin is
walked by tests/portal/test_hostile_input.py like every other page)."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from portal import limits


def _beyond_any_id(value) -> bool:
    """A whole number no id column can hold: the database raises on it (a 500)."""
    text = str(value).strip().lstrip("+-")
    return text.isascii() and text.isdecimal() and int(text) > limits.MAX_ID


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django looks the chosen values up with `pk__in`; a number beyond 2**63 - 1 there
    overflowed (SQLite) or was out of range (PostgreSQL). It is an invalid choice."""

    def _check_values(self, value):
        for pk in value:
            if _beyond_any_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class _BoundedLookup:
    """Django's autocomplete widgets look the posted values up as ids when a form with
    errors is shown again: a value that is no id ("abc", "1e9", 2**63) raised a 500 there.
    Only values that can be ids are looked up; the form has already refused the rest."""

    def optgroups(self, name, value, attr=None):
        ids = [v for v in value if limits.parse_id(str(v)) is not None]
        return super().optgroups(name, ids, attr)


class BoundedAutocompleteSelect(_BoundedLookup, AutocompleteSelect):
    pass


class BoundedAutocompleteSelectMultiple(_BoundedLookup, AutocompleteSelectMultiple):
    pass


class BoundedAdminMixin:
    """A ModelAdmin mixin: many-to-many fields and `autocomplete_fields` that answer a
    tampered value with a form error."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                BoundedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                BoundedAutocompleteSelectMultiple(
                    db_field, self.admin_site, using=kwargs.get("using")
                ),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
