"""Pages do a fixed number of queries and show a bounded number of rows, however many
portfolios, reviews and assignments there are (the benchmark's constant-query target).

The rows are made directly with the ORM (fast fixtures for read-only pages); the review
workflow itself is tested through the services elsewhere.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.enums import AssessorRole, ReviewState
from assessment.models import Assignment, Review
from assessment.office_queue import office_dashboard_changed
from audit import services as audit
from audit.enums import AuditAction
from portal import views as portal_views
from portal.models import User
from portfolio.enums import PortfolioState
from portfolio.models import Portfolio
from tests.factories.portfolios import fill_portfolio
from tests.factories.users import UserFactory


def _get(client, url, *, fresh_dashboard=False) -> tuple[int, str]:
    """Queries and HTML of a page on a warm worker (the published framework's content
    is cached after the first page that needs it; `test_cache` counts the cold page).
    `fresh_dashboard`: as after a committed change to a review (assessment.signals; the
    rows here are made inside the test's transaction, which never commits)."""
    client.get(url)
    if fresh_dashboard:
        office_dashboard_changed()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def _reviews(count, version, first, second, *, assigned_days_ago, start=0):
    """`count` submitted portfolios with a review assigned `assigned_days_ago` days ago."""
    now = timezone.now()
    for n in range(start, start + count):
        # No password, no factory: these candidates never log in (and hashing is slow).
        candidate = User.objects.create(email=f"massa{n}@example.nl", last_name=f"Massa{n:03}")
        portfolio = Portfolio.objects.create(
            candidate=candidate,
            framework_version=version,
            state=PortfolioState.SUBMITTED,
            submitted_at=now - timedelta(days=assigned_days_ago + 1),
        )
        review = Review.objects.create(portfolio=portfolio, state=ReviewState.ASSIGNED)
        audit.record(
            actor=None,
            action=AuditAction.REVIEW_TRANSITION,
            portfolio_id=portfolio.pk,
            target=review,
            summary="assign",
            changes={"status": audit.change(ReviewState.SUBMITTED, ReviewState.ASSIGNED)},
        )
        for assessor, role in ((first, AssessorRole.FIRST), (second, AssessorRole.SECOND)):
            Assignment.objects.create(review=review, assessor=assessor, role=role)
    Assignment.objects.update(created_at=now - timedelta(days=assigned_days_ago))


@pytest.mark.django_db
def test_the_office_queue_is_constant_in_queries_and_rows(
    seeded_version, office_client, assessor, second_assessor
):
    url = reverse("assessment:queue")
    overdue_days = seeded_version.assessment_days + 3
    _reviews(1, seeded_version, assessor, second_assessor, assigned_days_ago=overdue_days)
    one, html_one = _get(office_client, url, fresh_dashboard=True)
    warm, _html = _get(office_client, url)
    _reviews(59, seeded_version, assessor, second_assessor, assigned_days_ago=overdue_days, start=1)
    sixty, html_sixty = _get(office_client, url, fresh_dashboard=True)
    # session, user, the paginator's count; the dashboard: counts per state, average
    # wait per state (the time per state comes from the cache), the assessment periods,
    # the oldest overdue reviews, their rows, overdue additions, the two overdue totals;
    # the assessors of the filter, the page of portfolios (candidate, version, review
    # joined), their assignments with assessors.
    assert (one, sixty) == (14, 14)
    # Within the minute and without a change, the dashboard's 8 and the paginator's count
    # come from the cache.
    assert warm == 5
    assert html_one.count('<li><a href="/beoordeling/wachtrij/') == 1
    # At most one page of 25 portfolios and the 20 oldest overdue reviews, with a total.
    assert html_sixty.count('class="btn btn-sm btn-outline-dark" href="/beoordeling/') == 25
    assert html_sixty.count('<li><a href="/beoordeling/wachtrij/') == 20
    assert "De oudste 20 van 60 getoond" in html_sixty
    assert "1 / 3" in html_sixty
    # The filtered second page is as cheap as the first.
    second_page, _html = _get(office_client, url + "?status=assigned&pagina=2")
    assert second_page == 5


@pytest.mark.django_db
def test_the_assessors_list_is_paginated(seeded_version, assessor, second_assessor):
    from django.test import Client  # noqa: PLC0415

    client = Client()
    client.force_login(assessor)
    url = reverse("assessment:my_reviews")
    _reviews(1, seeded_version, assessor, second_assessor, assigned_days_ago=1)
    one, html_one = _get(client, url)
    _reviews(39, seeded_version, assessor, second_assessor, assigned_days_ago=1, start=1)
    forty, html_forty = _get(client, url)
    # session, user, the count, one page of assignments (review, portfolio, candidate and
    # version joined).
    assert (one, forty) == (4, 4)
    assert html_one.count('class="list-group-item d-flex') == 1
    assert html_forty.count('class="list-group-item d-flex') == 25
    assert "1 / 2" in html_forty
    page_two, html_two = _get(client, url + "?pagina=2")
    assert page_two == 4
    assert html_two.count('class="list-group-item d-flex') == 15


@pytest.mark.django_db
def test_the_preview_and_framework_page_do_not_grow(candidate_client, seeded_version, candidate):
    from portfolio.services import start_portfolio  # noqa: PLC0415

    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    preview = reverse("portfolio:preview", args=[portfolio.pk])
    framework = reverse(
        "profiles:framework_detail",
        kwargs={"slug": seeded_version.framework.slug, "number": seeded_version.number},
    )
    empty = (_get(candidate_client, preview)[0], _get(candidate_client, framework)[0])
    fill_portfolio(portfolio)
    _reviews(5, seeded_version, *UserFactory.create_batch(2), assigned_days_ago=1)
    full = (_get(candidate_client, preview)[0], _get(candidate_client, framework)[0])
    # preview: session, user, portfolio (with its version's status and the content
    # stamp: the version's content comes from the kept tree), answers, documents,
    # signatures, the latest snapshot; framework: session, user, the version's id, its
    # status, the published versions. (The session is saved at most once a minute, not on
    # these requests.) The preview read 8 before the version's status came with the
    # portfolio.
    assert empty == full
    assert full == (7, 5)


@pytest.mark.django_db
def test_the_published_frameworks_content_is_cached_and_drafts_are_not(seeded_version):
    from django.core.cache import cache  # noqa: PLC0415

    from profiles.enums import VersionStatus  # noqa: PLC0415
    from profiles.models import FrameworkVersion  # noqa: PLC0415
    from profiles.selectors import forget_local_trees, version_with_content  # noqa: PLC0415

    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        version = version_with_content(seeded_version.pk)
    with CaptureQueriesContext(connection) as warm:
        again = version_with_content(seeded_version.pk)
    # the status (with the content stamp), then the version and its 13 prefetches (the
    # value sources among them); warm: only the status.
    assert (len(cold), len(warm)) == (15, 1)
    assert again is version  # kept in this process: no unpickling per request
    # Another process (its own memory empty) takes the tree from the shared cache.
    forget_local_trees()
    with CaptureQueriesContext(connection) as other_process:
        unpickled = version_with_content(seeded_version.pk)
    assert len(other_process) == 1
    assert unpickled is not version
    assert [s.code for s in unpickled.sections.all()] == [s.code for s in version.sections.all()]
    # Published again (a new publication time): a new tree, not the kept one.
    FrameworkVersion.objects.filter(pk=seeded_version.pk).update(
        published_at=seeded_version.published_at + timedelta(seconds=1)
    )
    with CaptureQueriesContext(connection) as republished:
        assert version_with_content(seeded_version.pk) is not unpickled
    assert len(republished) == 15
    FrameworkVersion.objects.filter(pk=seeded_version.pk).update(status=VersionStatus.DRAFT)
    with CaptureQueriesContext(connection) as draft:
        version_with_content(seeded_version.pk)
    assert len(draft) == 15


@pytest.mark.django_db
def test_the_benchmark_baseline_runs_one_query(seeded_version, candidate):
    request = RequestFactory().get("/bench/baseline/")
    request.user = candidate
    with CaptureQueriesContext(connection) as captured:
        response = portal_views.bench_baseline(request)
    assert response.status_code == 200
    assert len(captured) == 1
    assert "Register Jobcoach" in response.content.decode()


def test_the_baseline_is_routed_only_when_the_bench_setting_is_on():
    from django.urls import NoReverseMatch  # noqa: PLC0415

    with pytest.raises(NoReverseMatch):
        reverse("bench_baseline")
