from django.contrib import admin

from objections.models import ObjectionTerms


@admin.register(ObjectionTerms)
class ObjectionTermsAdmin(admin.ModelAdmin):
    """The office sets the objection periods per framework version (data, not code)."""

    list_display = ["version", "period_days", "assignment_days", "decision_days", "reminder_days"]
    list_select_related = ["version__framework"]
    fields = ["version", "period_days", "assignment_days", "decision_days", "reminder_days"]
