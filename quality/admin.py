from django.contrib import admin

from quality.models import (
    CalibrationCase,
    CalibrationReference,
    CalibrationScore,
    QualitySettings,
)


@admin.register(QualitySettings)
class QualitySettingsAdmin(admin.ModelAdmin):
    list_display = ["coefficient", "threshold", "min_pairs", "calibration_required"]


class ReferenceInline(admin.TabularInline):
    model = CalibrationReference
    extra = 0
    raw_id_fields = ["criterion", "option"]


@admin.register(CalibrationCase)
class CalibrationCaseAdmin(admin.ModelAdmin):
    list_display = ["title", "portfolio", "active", "created_at"]
    raw_id_fields = ["portfolio", "created_by"]
    inlines = [ReferenceInline]


@admin.register(CalibrationScore)
class CalibrationScoreAdmin(admin.ModelAdmin):
    list_display = ["case", "assessor", "criterion", "option", "scored_at"]
    list_filter = ["case"]
    raw_id_fields = ["case", "assessor", "criterion", "option"]
