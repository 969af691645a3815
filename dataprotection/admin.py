from django.contrib import admin

from dataprotection.models import Erasure
from dataprotection.rules import can_manage_candidate_data


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """The record of erasures: readable by the office, made only by the service."""

    list_display = ["user_id", "erased_at", "reason", "erased_by", "files_deleted_at"]
    list_filter = ["reason"]
    list_select_related = ["erased_by"]
    readonly_fields = [f.name for f in Erasure._meta.fields]

    # The office reads the record (portal.backends grants it no model permissions here).
    def has_module_permission(self, request):
        return can_manage_candidate_data(request.user)

    def has_view_permission(self, request, obj=None):
        return can_manage_candidate_data(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
