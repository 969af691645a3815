"""portal.queries.one_or_none: one row by its key, read without a sort."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from assessment import selectors
from assessment.enums import ReviewState
from assessment.models import Assignment
from portal.queries import one_or_none
from tests.factories.reviews import make_review

pytestmark = pytest.mark.django_db


def test_one_row_by_its_key_is_read_with_limit_1_and_no_sort(seeded_version):
    world = make_review(state=ReviewState.ASSIGNED, version=seeded_version)
    assignment, assessor = world.first, world.assessor
    candidate_id = world.review.portfolio.candidate_id
    with CaptureQueriesContext(connection) as queries:
        found = selectors.assignment_for_assessor(assessor, assignment.pk)
        # The candidate and the version come with it: no further query.
        assert found.review.portfolio.framework_version.assessor_count == 2
        assert found.review.portfolio.candidate.pk == candidate_id
    assert found == assignment
    assert len(queries) == 1, [q["sql"] for q in queries]
    sql = queries[0]["sql"].upper()
    assert "ORDER BY" not in sql
    assert sql.rstrip().endswith("LIMIT 1")


def test_nothing_found_is_none_and_someone_elses_assignment_is_a_404(seeded_version):
    world = make_review(state=ReviewState.ASSIGNED, version=seeded_version)
    assert one_or_none(Assignment.objects.filter(pk=0)) is None
    with pytest.raises(Http404):
        selectors.assignment_for_assessor(world.second.assessor, world.first.pk)
