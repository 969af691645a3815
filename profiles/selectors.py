"""Reads of the framework and the competency profiles."""

from django.core.cache import cache
from django.db.models import F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.queries import one_or_none
from profiles.enums import FrameworkKind, VersionStatus
from profiles.models import FrameworkVersion, Profile
from profiles.provenance import attach_sources
from profiles.serialization import framework_version_queryset, profile_queryset
from profiles.stamp import current_stamp_subquery


def current_published_version(
    framework_slug: str | None = None, *, kind: str = FrameworkKind.INITIAL
) -> FrameworkVersion | None:
    """The newest published version (of one framework, or of any framework of `kind`:
    a new candidate starts on the initial certification, never on a recertification)."""
    qs = FrameworkVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related("framework")
    if framework_slug:
        qs = qs.filter(framework__slug=framework_slug)
    else:
        qs = qs.filter(framework__kind=kind)
    return qs.order_by("-published_at", "-number").first()


def published_versions() -> QuerySet[FrameworkVersion]:
    return (
        FrameworkVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("framework")
        .order_by("framework__name", "-number")
    )


# Bump when framework_version_queryset() or its models change shape: old cache entries
# are ignored. 2: the routes' diploma windows and document-age severity; 3: with the
# provenance of every value.
_CONTENT_CACHE_VERSION = 3
_CONTENT_CACHE_SECONDS = 60 * 60 * 24
# The trees this process has already built or unpickled, under the content stamp they
# were read with: an entry of an older stamp is never read again and is dropped as soon
# as a tree of a newer one is kept (and there are at most a handful: one per published
# version in use).
_LOCAL_TREES: dict[tuple[str, str | None], FrameworkVersion] = {}  # (key, stamp): tree
_LOCAL_TREES_MAX = 8


def content_stamp(version: FrameworkVersion) -> str:
    """What keys anything kept of a version's content (its tree here, rendered pieces of
    it in templates): the version, its publication and the content stamp
    (`profiles.stamp`) it was read under, which every change to framework or profile
    data replaces. `version` must come from `version_with_content()`."""
    return version.content_key


def version_with_content(pk: int) -> FrameworkVersion:
    """The version with all its content prefetched (sections, requirements, criteria …)
    and the sources of its values (`profiles.provenance`).

    Every portfolio, scoring and framework page needs this tree of some 300 objects. It
    is built once and kept, keyed by id, publication time and the content stamp: in this
    process (unpickling the tree from the shared cache took 10-20 ms per request) and in
    the shared cache for the other processes. A request then costs one small query,
    which reads the version's status and the stamp together. Any change to framework or
    profile data (a profile item's title, the framework's name; drafts are edited too)
    replaces the stamp, so the next request of every process builds the tree anew.
    Drafts are always read fresh.

    The kept tree is shared by every request of the process: callers read it and must
    not change its objects (nothing does; `tests/profiles` checks that two calls give
    the same objects).
    """
    row = one_or_none(
        FrameworkVersion.objects.filter(pk=pk)
        .annotate(stamp=current_stamp_subquery())
        .values_list("status", "published_at", "stamp")
        .order_by()  # one row by its key: not the model's ordering (a join on the framework)
    )
    if row is None:
        raise FrameworkVersion.DoesNotExist(pk)
    return _tree(pk, *row)


def with_version_read(queryset: QuerySet, version: str = "framework_version") -> QuerySet:
    """`queryset` with what finds the kept tree of each row's framework version (the
    foreign key `version`, a path) without `version_with_content`'s own query: the
    version's status and publication, and the content stamp (`version_read`). For the
    one row a page reads anyway: the candidate's portfolio, the assessor's assignment."""
    return queryset.annotate(
        version_status=F(f"{version}__status"),
        version_published_at=F(f"{version}__published_at"),
        framework_stamp=current_stamp_subquery(),
    )


def version_read(row, pk: int) -> FrameworkVersion:
    """`version_with_content(pk)` for a `row` read through `with_version_read`: no query."""
    return _tree(pk, row.version_status, row.version_published_at, row.framework_stamp)


def _tree(pk: int, status: str, published_at, stamp: str | None) -> FrameworkVersion:
    moment = published_at.timestamp() if published_at else 0
    key = f"framework-version-content:{_CONTENT_CACHE_VERSION}:{pk}:{moment}:{stamp or '-'}"
    if status != VersionStatus.PUBLISHED:
        return _build(pk, key)
    version = _LOCAL_TREES.get((key, stamp))
    if version is not None:
        return version
    version = cache.get(key)
    if version is None:
        version = _build(pk, key)
        cache.set(key, version, _CONTENT_CACHE_SECONDS)
    _keep(key, stamp, version)
    return version


def _build(pk: int, key: str) -> FrameworkVersion:
    version = framework_version_queryset().get(pk=pk)
    attach_sources(version)
    version.content_key = key
    return version


def _keep(key: str, stamp: str | None, version: FrameworkVersion) -> None:
    for old in [k for k in _LOCAL_TREES if k[1] != stamp]:
        del _LOCAL_TREES[old]
    _LOCAL_TREES[(key, stamp)] = version
    while len(_LOCAL_TREES) > _LOCAL_TREES_MAX:
        del _LOCAL_TREES[next(iter(_LOCAL_TREES))]


def kept_tree_count() -> int:
    """How many trees this process keeps (for the tests)."""
    return len(_LOCAL_TREES)


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
