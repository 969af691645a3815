from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.models import User


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's form; its warning under "password-based authentication" is English only."""

    # Lazy: the language of each request (the admin shows help texts as HTML).
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("Zet je dit uit, dan gaat het huidige wachtwoord van deze gebruiker verloren."),
    )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    change_password_form = PasswordChangeForm
    ordering = ["last_name", "first_name", "email"]
    list_display = ["email", "first_name", "last_name", "role", "is_staff", "is_active"]
    list_filter = ["role", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name"]}),
        (_("Rol en rechten"), {"fields": ["role", "is_active", "is_staff", "is_superuser"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "first_name", "last_name", "role", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    # Django's own help texts of these fields address the reader with "u" in Dutch.
    help_texts = {
        "is_active": _(
            "Zet dit uit in plaats van de gebruiker te verwijderen: een inactieve gebruiker "
            "kan niet meer inloggen."
        ),
        "is_staff": _("Of de gebruiker kan inloggen op dit beheer."),
        "is_superuser": _("De gebruiker heeft alle rechten, zonder ze apart toe te kennen."),
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.help_texts:
            field.help_text = self.help_texts[db_field.name]
        return field
