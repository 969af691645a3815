"""Admin for the framework and the profiles (the office keeps them up to date here).

Published framework versions are frozen: every admin page of their content is read-only,
inlines offer no add/change/delete, and `save_model` refuses as a second line of defence.
The office copies a published version to a new draft, edits the draft and publishes it.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditedAdminMixin
from portal.admin_widgets import BoundedAdminMixin
from profiles import models, provenance, services
from profiles.admin_confirm import PublishCopyMixin
from profiles.admin_dutch import DutchMessagesMixin, LabelledInlineMixin
from profiles.admin_frozen import FrozenInlineMixin, FrozenVersionMixin
from profiles.serialization import export_framework_version, framework_version_queryset

# --- framework -------------------------------------------------------------------------------


@admin.register(models.Framework)
class FrameworkAdmin(DutchMessagesMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "kind"]
    list_filter = ["kind"]
    fields = ["name", "slug", "kind", "description"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class ScoreOptionInline(LabelledInlineMixin, FrozenInlineMixin, admin.TabularInline):
    model = models.ScoreOption
    fields = ["order", "code", "label", "counts_as_met", "refers_to_interview"]


class ValueSourceInline(LabelledInlineMixin, FrozenInlineMixin, admin.TabularInline):
    """Where each value of the version comes from (profiles.provenance); the keys the
    version still lacks are listed above, under "Herkomst"."""

    model = models.ValueSource
    fields = ["order", "key", "kind", "document", "location", "note"]
    classes = ["collapse"]


class SectionInline(LabelledInlineMixin, FrozenInlineMixin, admin.TabularInline):
    model = models.Section
    fields = ["order", "code", "title", "counts_for_assessment"]
    show_change_link = True


@admin.register(models.FrameworkVersion)
class FrameworkVersionAdmin(
    DutchMessagesMixin, PublishCopyMixin, FrozenVersionMixin, AuditedAdminMixin, admin.ModelAdmin
):
    list_display = ["framework", "number", "title", "status", "published_at"]
    list_filter = ["framework", "status"]
    search_fields = ["title", "framework__name"]
    readonly_fields = [
        "status",
        "published_at",
        "published_by",
        "copied_from",
        "created_at",
        "provenance_check",
    ]
    fields = [
        "framework",
        "number",
        "title",
        "intro",
        "case_start_within_months",
        "case_min_running_months",
        "upload_max_mb",
        "assessment_days",
        "additions_days",
        "reminder_days",
        "assessor_count",
        "has_interview",
        "recertification_window_months",
        *readonly_fields,
    ]
    inlines = [ScoreOptionInline, SectionInline, ValueSourceInline]
    actions = ["publish", "copy_to_draft", "export_json", "record_office_provenance"]

    @admin.action(description=_("Ontbrekende herkomst: vastgesteld door het bureau"))
    def record_office_provenance(self, request, queryset):
        """For a framework the office writes itself (no source document)."""
        for version in queryset:
            try:
                keys = services.record_office_provenance(version=version, actor=request.user)
            except services.FrameworkVersionFrozen as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Versie %(number)s: %(count)d waarden vastgesteld door het bureau.")
                    % {"number": version.number, "count": len(keys)},
                    messages.SUCCESS,
                )

    @admin.display(description=_("Herkomst"))
    def provenance_check(self, obj):
        """Whether every value of the version has a source (profiles.provenance)."""
        if obj is None or obj.pk is None:
            return "—"
        found = provenance.check(framework_version_queryset().get(pk=obj.pk))
        parts = []
        if found["missing"]:
            parts.append(_("Zonder herkomst: %(keys)s.") % {"keys": ", ".join(found["missing"])})
        if found["unknown"]:
            parts.append(
                _("Herkomst van onbekende waarden: %(keys)s.")
                % {"keys": ", ".join(found["unknown"])}
            )
        return " ".join(parts) or _("Elke waarde heeft een herkomst (bron of bureau).")

    @admin.action(description=_("Exporteren als JSON"))
    def export_json(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Kies precies één versie om te exporteren."), messages.ERROR
            )
            return None
        version = queryset.get()
        payload = json.dumps(export_framework_version(version), ensure_ascii=False, indent=2)
        response = HttpResponse(payload, content_type="application/json; charset=utf-8")
        filename = f"{slugify(version.framework.slug)}-v{version.number}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class EducationRequirementInline(LabelledInlineMixin, FrozenInlineMixin, admin.StackedInline):
    model = models.EducationRequirement
    fields = ["order", "level", "number", "criterion", "deliverables"]
    show_change_link = True


class DeclarationInline(LabelledInlineMixin, FrozenInlineMixin, admin.StackedInline):
    model = models.Declaration
    fields = [
        "order",
        "code",
        "criterion",
        "statement",
        "min_years",
        "years_label",
        "min_hours",
        "hours_label",
    ]
    show_change_link = True


class QuestionInline(LabelledInlineMixin, FrozenInlineMixin, admin.StackedInline):
    model = models.Question
    fields = ["order", "code", "text", "guidance", "answer_kind", "word_guide", "shows_previous"]


class CriterionInline(LabelledInlineMixin, FrozenInlineMixin, admin.TabularInline):
    model = models.Criterion
    fields = ["order", "number", "title", "answer_kind", "word_guide"]
    show_change_link = True


@admin.register(models.Section)
class SectionAdmin(DutchMessagesMixin, FrozenVersionMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "title", "version", "counts_for_assessment"]
    list_filter = ["version__framework", "version"]
    search_fields = ["code", "title", "intro"]
    list_select_related = ["version__framework"]
    inlines = [EducationRequirementInline, DeclarationInline, QuestionInline, CriterionInline]


class RequirementConditionInline(LabelledInlineMixin, FrozenInlineMixin, admin.TabularInline):
    model = models.Condition
    fk_name = "requirement"
    fields = ["order", "text"]
    exclude = ["declaration"]


class DeclarationConditionInline(LabelledInlineMixin, FrozenInlineMixin, admin.TabularInline):
    model = models.Condition
    fk_name = "declaration"
    fields = ["order", "text"]
    exclude = ["requirement"]


class EducationRequirementEligibilityForm(forms.ModelForm):
    """The accepted providers as one name per line (stored as a list)."""

    accepted_providers = forms.CharField(
        label=_("geaccepteerde opleiders"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén opleider per regel. Leeg = elke opleider."),
    )

    class Meta:
        model = models.EducationRequirement
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["accepted_providers"] = "\n".join(self.instance.accepted_providers)

    def clean_accepted_providers(self) -> list[str]:
        lines = self.cleaned_data["accepted_providers"].splitlines()
        return [" ".join(line.split()) for line in lines if line.strip()]


@admin.register(models.EducationRequirement)
class EducationRequirementAdmin(
    DutchMessagesMixin, BoundedAdminMixin, FrozenVersionMixin, AuditedAdminMixin, admin.ModelAdmin
):
    form = EducationRequirementEligibilityForm
    list_display = ["code", "criterion", "section", "waives_interview"]
    list_filter = ["section__version", "level"]
    search_fields = ["criterion", "deliverables"]
    list_select_related = ["section__version__framework"]
    filter_horizontal = ["exempt_sections"]
    inlines = [RequirementConditionInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Only sections of the same version can be exempted.
        if db_field.name == "exempt_sections":
            object_id = request.resolver_match.kwargs.get("object_id")
            requirement = self.get_object(request, object_id) if object_id else None
            if requirement is not None:
                kwargs["queryset"] = models.Section.objects.filter(
                    version_id=requirement.section.version_id
                )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(models.Declaration)
class DeclarationAdmin(DutchMessagesMixin, FrozenVersionMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "statement", "section", "min_years", "min_hours"]
    list_filter = ["section__version"]
    search_fields = ["statement", "criterion"]
    list_select_related = ["section__version__framework"]
    inlines = [DeclarationConditionInline]


@admin.register(models.Question)
class QuestionAdmin(DutchMessagesMixin, FrozenVersionMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "text", "answer_kind", "section"]
    list_filter = ["section__version", "answer_kind"]
    search_fields = ["text", "guidance"]
    list_select_related = ["section__version__framework"]


class CriterionIndicatorInline(LabelledInlineMixin, FrozenInlineMixin, admin.TabularInline):
    model = models.CriterionIndicator
    fields = ["order", "kind", "text"]


class ProductQuestionInline(LabelledInlineMixin, FrozenInlineMixin, admin.TabularInline):
    model = models.ProductQuestion
    fields = ["number", "text"]


@admin.register(models.Criterion)
class CriterionAdmin(
    DutchMessagesMixin, BoundedAdminMixin, FrozenVersionMixin, AuditedAdminMixin, admin.ModelAdmin
):
    list_display = ["__str__", "answer_kind", "word_guide", "section"]
    list_filter = ["section__version", "section__code", "answer_kind"]
    search_fields = ["title", "description", "guidance"]
    list_select_related = ["section__version__framework"]
    autocomplete_fields = ["related_items"]
    inlines = [CriterionIndicatorInline, ProductQuestionInline]


@admin.register(models.ScoreOption)
class ScoreOptionAdmin(DutchMessagesMixin, FrozenVersionMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["label", "code", "counts_as_met", "refers_to_interview", "version"]
    list_filter = ["version"]


# --- competency profiles -----------------------------------------------------------------------


class ProfileGroupInline(LabelledInlineMixin, admin.TabularInline):
    model = models.ProfileGroup
    fields = ["order", "code", "kind", "title"]
    extra = 0


class TextBlockInline(LabelledInlineMixin, admin.StackedInline):
    model = models.TextBlock
    fields = ["order", "key", "title", "body"]
    extra = 0


class ThresholdInline(LabelledInlineMixin, admin.TabularInline):
    model = models.Threshold
    fields = ["order", "name", "minimum", "maximum", "unit", "note"]
    extra = 0


class GlossaryTermInline(LabelledInlineMixin, admin.TabularInline):
    model = models.GlossaryTerm
    fields = ["order", "term", "definition"]
    extra = 0


@admin.register(models.Profile)
class ProfileAdmin(DutchMessagesMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "year", "order"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ProfileGroupInline, TextBlockInline, ThresholdInline, GlossaryTermInline]


class ProfileIndicatorInline(LabelledInlineMixin, admin.TabularInline):
    model = models.ProfileIndicator
    fields = ["order", "level", "text"]
    extra = 0


class KnowledgeItemInline(LabelledInlineMixin, admin.TabularInline):
    model = models.KnowledgeItem
    fields = ["order", "depth", "text"]
    extra = 0


@admin.register(models.ProfileItem)
class ProfileItemAdmin(DutchMessagesMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "code", "kind", "profile", "group", "required_level"]
    list_filter = ["profile", "kind"]
    search_fields = ["title", "definition", "code", "profile__title"]
    list_select_related = ["profile", "group"]
    inlines = [ProfileIndicatorInline, KnowledgeItemInline]
