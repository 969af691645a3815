"""Both assessors declaring a conflict (one after the other, on any database): both
conflicts count and the review returns to the office once. The simultaneous case is in
test_concurrency.py (PostgreSQL)."""

from assessment.enums import ReviewState
from assessment.services.assignment import assign_assessors, declare_conflict
from tests.assessment.helpers import transitions
from tests.factories.portfolios import make_portfolio


def test_the_second_conflict_is_recorded_without_a_second_transition(
    seeded_version, candidate, assessor, second_assessor, office
):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    review = assign_assessors(
        portfolio=portfolio, first=assessor, second=second_assessor, actor=office
    )
    first, second = review.assignments.order_by("role")
    declare_conflict(assignment=first, conflict="Mijn buurman.", actor=assessor)
    declare_conflict(assignment=second, conflict="Oud-collega.", actor=second_assessor)
    review.refresh_from_db()
    assert review.state == ReviewState.SUBMITTED
    assert [
        (a.conflict, a.withdrawn_at is not None) for a in review.assignments.order_by("role")
    ] == [
        ("Mijn buurman.", True),
        ("Oud-collega.", True),
    ]
    assert [(source, target) for source, target, _actor in transitions(review)] == [
        (ReviewState.SUBMITTED, ReviewState.ASSIGNED),
        (ReviewState.ASSIGNED, ReviewState.SUBMITTED),
    ]
