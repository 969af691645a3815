"""Publishing and copying a framework version from the admin, each after a confirmation
page that says what will happen (publishing cannot be undone): the admin actions show
the page; its form posts the same action back with `post=yes` (Django's own pattern for
deleting, so no extra URL). The change page offers both as buttons that open the page."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from profiles import models
from profiles.enums import VersionStatus
from profiles.services import FrameworkVersionFrozen, copy_version_to_draft, publish_version
from profiles.version_diff import counts, version_diff

CONFIRM_TEMPLATE = "admin/profiles/frameworkversion/confirm_action.html"


def _contents(version: models.FrameworkVersion) -> dict:
    """What the version holds: what publishing freezes and copying takes along."""
    sections = models.Section.objects.filter(version=version)
    return {
        "sections": sections.count(),
        "criteria": models.Criterion.objects.filter(section__version=version).count(),
        "declarations": models.Declaration.objects.filter(section__version=version).count(),
        "questions": models.Question.objects.filter(section__version=version).count(),
        "score_options": version.score_options.count(),
    }


def _next_number(version: models.FrameworkVersion) -> int:
    numbers = models.FrameworkVersion.objects.filter(framework_id=version.framework_id)
    return max(numbers.values_list("number", flat=True)) + 1


def _current_published(version: models.FrameworkVersion):
    """The published version new portfolios start on today (the one `version` succeeds)."""
    return (
        models.FrameworkVersion.objects.filter(
            framework_id=version.framework_id, status=VersionStatus.PUBLISHED
        )
        .order_by("-number")
        .first()
    )


def _diff(version: models.FrameworkVersion, current, *, publishing: bool) -> dict | None:
    """What publishing `version` changes against the published `current` (None when
    copying, or when there is nothing published to compare with)."""
    if not publishing or current is None or current.pk == version.pk:
        return None
    groups = version_diff(current, version)
    return {"groups": groups, "counts": counts(groups)}


class PublishCopyMixin:
    """Admin actions `publish` and `copy_to_draft` with a confirmation step."""

    def _confirm(self, request, queryset, *, action: str, title: str):
        versions = list(queryset.select_related("framework"))
        publishing = action == "publish"
        rows = []
        for version in versions:
            current = _current_published(version)
            rows.append(
                {
                    "version": version,
                    "contents": _contents(version),
                    "next_number": _next_number(version),
                    "current": current,
                    "diff": _diff(version, current, publishing=publishing),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "rows": rows,
            "action": action,
            "publishing": publishing,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, CONFIRM_TEMPLATE, context)

    @staticmethod
    def _confirmed(request) -> bool:
        return request.POST.get("post") == "yes"

    def publish(self, request, queryset):
        if not self._confirmed(request):
            return self._confirm(request, queryset, action="publish", title=_("Versie publiceren?"))
        for version in queryset:
            try:
                publish_version(version=version, actor=request.user)
            except (FrameworkVersionFrozen, ValueError) as exc:
                self.message_user(
                    request,
                    _("Versie %(number)s van %(framework)s: %(error)s")
                    % {"number": version.number, "framework": version.framework, "error": exc},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    _("Versie %(number)s van %(framework)s is gepubliceerd en ligt nu vast.")
                    % {"number": version.number, "framework": version.framework},
                    messages.SUCCESS,
                )
        return None

    publish.short_description = gettext_lazy("Publiceren (bevriest de versie)")

    def copy_to_draft(self, request, queryset):
        if not self._confirmed(request):
            return self._confirm(
                request,
                queryset,
                action="copy_to_draft",
                title=_("Kopiëren naar een nieuw concept?"),
            )
        for version in queryset:
            draft = copy_version_to_draft(version=version, actor=request.user)
            self.message_user(
                request,
                _(
                    "Versie %(source)s van %(framework)s is gekopieerd naar "
                    "conceptversie %(number)s."
                )
                % {
                    "source": version.number,
                    "framework": version.framework,
                    "number": draft.number,
                },
                messages.SUCCESS,
            )
        return None

    copy_to_draft.short_description = gettext_lazy("Kopiëren naar een nieuw concept")
