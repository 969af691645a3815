from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditedAdminMixin
from profiles.admin_dutch import DutchMessagesMixin
from register.models import Recertification, RegisterPolicy, Registration


@admin.register(RegisterPolicy)
class RegisterPolicyAdmin(DutchMessagesMixin, AuditedAdminMixin, admin.ModelAdmin):
    """The office's register policy (audited like the framework it belongs with)."""

    list_display = [
        "__str__",
        "number_format",
        "validity_months",
        "expiring_months",
        "reminder_months",
        "noindex",
        "show_suspension",
        "struck_off_visible_months",
        "source",
    ]
    list_select_related = ["version__framework"]
    readonly_fields = ["source", "updated_at"]

    @admin.display(description=_("herkomst"))
    def source(self, obj):
        return obj.provenance

    def has_delete_permission(self, request, obj=None):
        # The default policy stays: without it a grant registers nothing (fails closed).
        if obj is not None and obj.version_id is None:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: a registration changes only through register.services (audited and
    e-mailed); suspension and striking-off get their own pages."""

    list_display = ["number", "public_name", "status", "starts_on", "valid_until"]
    list_filter = ["status"]
    search_fields = ["number", "public_name"]
    readonly_fields = [field.name for field in Registration._meta.fields] + ["certificate_link"]

    @admin.display(description=_("certificaat"))
    def certificate_link(self, obj):
        """The download (audited; made by a task when missing or out of date)."""
        url = reverse("register:certificate", args=[obj.number])
        return format_html('<a href="{}">{}</a>', url, _("Certificaat (pdf)"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Recertification)
class RecertificationAdmin(admin.ModelAdmin):
    """Read-only history of recertifications: the period each renewed, and its new end
    (written only by register.recertification, audited and e-mailed)."""

    list_display = [
        "registration",
        "period_valid_until",
        "started_at",
        "new_valid_until",
        "closed_at",
    ]
    search_fields = ["registration__number", "registration__public_name"]
    list_select_related = ["registration"]
    readonly_fields = [field.name for field in Recertification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
