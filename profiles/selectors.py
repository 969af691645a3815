"""Reads of the framework and the competency profiles."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from profiles.enums import VersionStatus
from profiles.models import FrameworkVersion, Profile
from profiles.serialization import framework_version_queryset, profile_queryset


def current_published_version(framework_slug: str | None = None) -> FrameworkVersion | None:
    """The newest published version (of one framework, or of any)."""
    qs = FrameworkVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related("framework")
    if framework_slug:
        qs = qs.filter(framework__slug=framework_slug)
    return qs.order_by("-published_at", "-number").first()


def published_versions() -> QuerySet[FrameworkVersion]:
    return (
        FrameworkVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("framework")
        .order_by("framework__name", "-number")
    )


def framework_version_detail(*, slug: str, number: int) -> FrameworkVersion:
    """A published version with all content prefetched (read-only pages). 404 otherwise."""
    queryset = framework_version_queryset()
    return get_object_or_404(
        queryset, framework__slug=slug, number=number, status=VersionStatus.PUBLISHED
    )


def profile_list() -> QuerySet[Profile]:
    return Profile.objects.order_by("order", "title")


def profile_detail(*, slug: str) -> Profile:
    return get_object_or_404(profile_queryset(), slug=slug)
