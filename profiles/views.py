"""Read-only pages of the framework and the competency profiles, for logged-in users."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from profiles import selectors


@require_GET
@login_required
def framework_current(request):
    version = selectors.current_published_version()
    if version is None:
        raise Http404
    return redirect("profiles:framework_detail", slug=version.framework.slug, number=version.number)


@require_GET
@login_required
def framework_detail(request, slug, number):
    version = selectors.framework_version_detail(slug=slug, number=number)
    return render(
        request,
        "profiles/framework_detail.html",
        {
            "version": version,
            "version_stamp": selectors.content_stamp(version),
            "other_versions": selectors.published_versions(),
        },
    )


@require_GET
@login_required
def profile_list(request):
    return render(request, "profiles/profile_list.html", {"profiles": selectors.profile_list()})


@require_GET
@login_required
def profile_detail(request, slug):
    return render(
        request, "profiles/profile_detail.html", {"profile": selectors.profile_detail(slug=slug)}
    )
