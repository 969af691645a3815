"""Reads of the framework and the competency profiles."""

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404
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


# Bump when framework_version_queryset() or its models change shape: old cache entries
# are ignored. 2: the routes' diploma windows and document-age severity.
_CONTENT_CACHE_VERSION = 2
_CONTENT_CACHE_SECONDS = 60 * 60 * 24
# The trees this process has already built or unpickled, newest last (a handful at most:
# one per published version in use).
_LOCAL_TREES: dict[str, FrameworkVersion] = {}
_LOCAL_TREES_MAX = 8


def content_stamp(published_at) -> float:
    """What keys anything kept of a published version's content (its tree here, rendered
    pieces of it in templates): a new publication time makes it all new."""
    return published_at.timestamp() if published_at else 0


def version_with_content(pk: int) -> FrameworkVersion:
    """The version with all its content prefetched (sections, requirements, criteria …).

    Every portfolio, scoring and framework page needs this tree of some 300 objects. A
    published version is frozen (the services refuse every edit), so its tree is built
    once and kept, keyed by id and publication time: in this process (unpickling the
    tree from the shared cache took 10-20 ms per request) and in the shared cache for
    the other processes. A request then costs one small status query. Drafts are always
    read fresh.

    The kept tree is shared by every request of the process: callers read it and must
    not change its objects (nothing does; `tests/profiles` checks that two calls give
    the same objects).
    """
    row = FrameworkVersion.objects.filter(pk=pk).values_list("status", "published_at").first()
    if row is None:
        raise FrameworkVersion.DoesNotExist(pk)
    status, published_at = row
    if status != VersionStatus.PUBLISHED:
        return framework_version_queryset().get(pk=pk)
    key = f"framework-version-content:{_CONTENT_CACHE_VERSION}:{pk}:{content_stamp(published_at)}"
    version = _LOCAL_TREES.get(key)
    if version is not None:
        return version
    version = cache.get(key)
    if version is None:
        version = framework_version_queryset().get(pk=pk)
        cache.set(key, version, _CONTENT_CACHE_SECONDS)
    _LOCAL_TREES[key] = version
    while len(_LOCAL_TREES) > _LOCAL_TREES_MAX:
        del _LOCAL_TREES[next(iter(_LOCAL_TREES))]
    return version


def forget_local_trees() -> None:
    """Drop this process's kept trees (the test suite does so between tests, with the
    cache)."""
    _LOCAL_TREES.clear()


def framework_version_detail(*, slug: str, number: int) -> FrameworkVersion:
    """A published version with all content prefetched (read-only pages). 404 otherwise."""
    pk = (
        FrameworkVersion.objects.filter(
            framework__slug=slug, number=number, status=VersionStatus.PUBLISHED
        )
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise Http404
    return version_with_content(pk)


def profile_list() -> QuerySet[Profile]:
    return Profile.objects.order_by("order", "title")


def profile_detail(*, slug: str) -> Profile:
    return get_object_or_404(profile_queryset(), slug=slug)
