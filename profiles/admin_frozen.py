"""Admin mixins that keep a published framework version frozen (profiles.admin)."""

from django.utils.translation import gettext_lazy as _

from profiles import models
from profiles.enums import VersionStatus
from profiles.services import ensure_editable


def _is_frozen(obj) -> bool:
    return obj is not None and obj.framework_version.is_published


# How a parent that framework content hangs under reaches its version's status: the
# admin offers (and accepts) only parents in a draft version.
_DRAFT_PARENTS = {
    models.FrameworkVersion: "status",
    models.Section: "version__status",
    models.EducationRequirement: "section__version__status",
    models.Declaration: "section__version__status",
    models.Question: "section__version__status",
    models.Criterion: "section__version__status",
}


class FrozenVersionMixin:
    """For model admins of framework content: read-only once the version is published.

    The add and change forms offer only parents (version, section, criterion …) of a
    draft version: choosing a published one — offered before, or posted by hand — is a
    form error ("Select a valid choice"), never a server error.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        lookup = _DRAFT_PARENTS.get(db_field.related_model)
        if lookup and db_field.related_model is not self.model:  # not "copied from"
            kwargs["queryset"] = db_field.related_model.objects.filter(
                **{lookup: VersionStatus.DRAFT}
            )
            kwargs["help_text"] = _(
                "Alleen uit een conceptversie: een gepubliceerde versie ligt vast. Wil je "
                "haar aanvullen, kopieer haar dan eerst naar een nieuw concept."
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        ensure_editable(obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        ensure_editable(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            ensure_editable(obj)
        super().delete_queryset(request, queryset)


class FrozenInlineMixin:
    """For inlines under framework content: `obj` is the parent object."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _is_frozen(obj) and super().has_delete_permission(request, obj)
