"""portal.queries: one row by its key read without a sort (one_or_none); the rows of a
plain filter read through SQL compiled once (rows_where)."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from assessment import selectors
from assessment.enums import ReviewState
from assessment.models import Assignment
from portal.queries import one_or_none, rows_where
from portfolio.models import Answer, Document, Signature
from tests.factories.portfolios import make_portfolio
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


@pytest.mark.parametrize("model", [Answer, Document, Signature])
def test_rows_where_reads_what_the_orm_reads_in_its_order_and_types(seeded_version, model):
    portfolio = make_portfolio(version=seeded_version)
    make_portfolio(version=seeded_version)  # another's rows are not read
    orm = list(model.objects.filter(portfolio_id=portfolio.pk))
    assert orm, "the complete portfolio has rows of every kind"
    with CaptureQueriesContext(connection) as queries:
        read = rows_where(model, "portfolio_id", portfolio.pk)
    assert len(queries) == 1
    assert [row.pk for row in read] == [row.pk for row in orm]
    fields = [f.attname for f in model._meta.concrete_fields]
    # Each column converted as the ORM converts it (dates are dates, not text, on SQLite).
    assert [[getattr(row, f) for f in fields] for row in read] == [
        [getattr(row, f) for f in fields] for row in orm
    ]
    assert all(not row._state.adding for row in read)


def test_rows_where_refuses_what_is_not_a_column_of_the_model():
    with pytest.raises(ValueError, match="not a column"):
        rows_where(Document, "portfolio__candidate_id", 1)
