"""portal.queries: one row by its key read without a sort (one_or_none); reads through SQL
compiled once (one_row, rows_where) give what the ORM gives."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from assessment import selectors
from assessment.enums import ReviewState
from assessment.models import Assignment
from portal import queries
from portal.queries import one_or_none, one_row, rows_where
from portfolio.models import Answer, Document, Portfolio, Signature, Snapshot
from profiles.selectors import with_version_read
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


def _portfolio_of(portfolio_id: int, candidate_id: int):
    return with_version_read(
        Portfolio.objects.select_related("candidate").filter(
            pk=portfolio_id, candidate_id=candidate_id
        )
    )


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_one_row_gives_the_orms_object_with_its_joins_and_annotations(seeded_version):
    portfolio = make_portfolio(version=seeded_version, state="submitted")
    other = make_portfolio(version=seeded_version)
    orm = one_or_none(_portfolio_of(portfolio.pk, portfolio.candidate_id))
    for _ in range(2):  # compiled at the first call, reused at the second
        with CaptureQueriesContext(connection) as queries:
            read = one_row(_portfolio_of, portfolio.pk, portfolio.candidate_id)
            candidate = read.candidate  # joined: no query
        assert len(queries) == 1
        assert _fields(read) == _fields(orm)
        assert read.submitted_at == orm.submitted_at  # a datetime, converted (SQLite: text)
        assert _fields(candidate) == _fields(orm.candidate)
        assert (read.version_status, read.version_published_at, read.framework_stamp) == (
            orm.version_status,
            orm.version_published_at,
            orm.framework_stamp,
        )
        assert not read._state.adding
    # Other ids, the same compiled query: someone else's portfolio is not found.
    assert one_row(_portfolio_of, other.pk, portfolio.candidate_id) is None
    assert one_row(_portfolio_of, other.pk, other.candidate_id).pk == other.pk


def test_one_row_refuses_what_cannot_be_compiled_once_and_reads_odd_ids_as_the_orm(
    seeded_version,
):
    with pytest.raises(ValueError, match="module-level"):
        one_row(lambda pk: Portfolio.objects.filter(pk=pk), 1)
    portfolio = make_portfolio(version=seeded_version, state="started")
    # Not an integer (a string from somewhere): the ORM's own read, the same answer.
    assert one_row(_portfolio_of, str(portfolio.pk), portfolio.candidate_id).pk == portfolio.pk
    # Beyond what a column holds (a hostile URL): nothing found, no error.
    for huge in (2**31, 2**63, 10**20):
        assert one_row(_portfolio_of, huge, portfolio.candidate_id) is None


def _submitted_since_now(portfolio_id: int):
    from django.utils import timezone  # noqa: PLC0415 - only this test's build needs it

    return Portfolio.objects.filter(pk=portfolio_id, submitted_at__gte=timezone.now())


def _started(portfolio_id: int):
    return Portfolio.objects.filter(pk=portfolio_id, state="started")


def _by_state(portfolio_id: int):
    return Portfolio.objects.filter(state="started")  # the id is not in the query


def _this_and_the_next_round(portfolio_id: int, round_: int):
    return Snapshot.objects.filter(portfolio_id=portfolio_id, round__in=[round_, round_ + 1])


def _locked(portfolio_id: int):
    return Portfolio.objects.select_for_update().filter(pk=portfolio_id)


@pytest.mark.parametrize(
    ("build", "ids", "message"),
    [
        (_submitted_since_now, (1,), "cannot be compiled once"),  # a moment: kept frozen
        (_started, (1,), "a text, date or time"),
        (_by_state, (1,), "every id"),
        (_this_and_the_next_round, (1, 1), "depends on the ids"),  # round + 1: frozen too
        (_locked, (1,), "plain queryset"),  # the ORM checks its transaction
    ],
)
def test_what_would_be_frozen_or_skip_the_orms_checks_is_refused(build, ids, message):
    with pytest.raises(ValueError, match=message):
        one_row(build, *ids)
    assert ("one", build) not in queries._COMPILED


def test_rows_where_refuses_an_unsaved_rows_value():
    with pytest.raises(ValueError, match="unsaved"):
        rows_where(Answer, "portfolio_id", None)


def _snapshot_of(portfolio_id: int, round_: int):
    return Snapshot.objects.filter(portfolio_id=portfolio_id, round=round_).order_by()


def test_one_row_takes_an_id_of_a_small_integer_column(seeded_version):
    # PostgreSQL's backend wraps a small integer's value in its own type (Int2).
    portfolio = make_portfolio(version=seeded_version, state="submitted")
    snapshot = one_row(_snapshot_of, portfolio.pk, 1)
    assert snapshot.pk == portfolio.snapshots.get(round=1).pk
    assert one_row(_snapshot_of, portfolio.pk, 2) is None
