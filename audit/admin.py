"""The trail in the admin: readable by the office, changeable by nobody. And the mixin
that writes an entry for every change an admin makes to the framework and profiles."""

from django.contrib import admin
from django.db import transaction

from audit.enums import AuditAction
from audit.models import AuditEntry
from audit.services import change as before_after
from audit.services import record


def _value(value):
    if hasattr(value, "pk"):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_value(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _form_changes(form) -> dict:
    if not form.has_changed():
        return {}
    return {
        name: before_after(_value(form.initial.get(name)), _value(form.cleaned_data.get(name)))
        for name in form.changed_data
        if name in form.cleaned_data
    }


class AuditedAdminMixin:
    """Every add, change and delete in this admin (and its inlines) is audited with the
    changed fields before → after. The framework holds no personal data, so values are
    kept in full."""

    def save_model(self, request, obj, form, change):
        changes = _form_changes(form)
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            record(
                actor=request.user,
                action=AuditAction.FRAMEWORK_CHANGED,
                target=obj,
                summary=("gewijzigd: " if change else "toegevoegd: ") + str(obj),
                changes=changes,
            )

    def delete_model(self, request, obj):
        label, target = str(obj), obj
        with transaction.atomic():
            record(
                actor=request.user,
                action=AuditAction.FRAMEWORK_CHANGED,
                target=target,
                summary=f"verwijderd: {label}",
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                record(
                    actor=request.user,
                    action=AuditAction.FRAMEWORK_CHANGED,
                    target=obj,
                    summary=f"verwijderd: {obj}",
                )
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if not hasattr(inline_form, "cleaned_data") or not inline_form.has_changed():
                continue
            obj = inline_form.instance
            deleting = formset.can_delete and formset._should_delete_form(inline_form)
            record(
                actor=request.user,
                action=AuditAction.FRAMEWORK_CHANGED,
                target=obj if obj.pk else form.instance,
                summary=("verwijderd: " if deleting else "gewijzigd: ") + str(obj),
                changes={} if deleting else _form_changes(inline_form),
            )
        super().save_formset(request, form, formset, change)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "portfolio_id", "object_type", "summary"]
    list_filter = ["action"]
    search_fields = ["actor_label", "summary", "object_id"]
    date_hierarchy = "at"
    list_select_related = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
