"""Races: two sessions doing the same thing at the same moment, against PostgreSQL.

Each scenario is repeated RUNS times; every repetition releases two threads (each with
its own database connection) through one barrier, then checks that exactly one of them
won and the database holds exactly one result.
"""

from functools import partial

import pytest

from assessment.enums import ReviewState
from assessment.models import Assessment, Assignment, Review
from assessment.services.assignment import assign_assessors, declare_conflict
from assessment.services.scoring import submit_assessment
from assessment.services.transition import ReviewError
from portal.enums import Role
from portfolio.enums import PortfolioState
from portfolio.models import Answer, Portfolio, Snapshot
from portfolio.services import (
    AlreadySubmitted,
    StaleAnswer,
    save_answer,
    start_portfolio,
    submit_portfolio,
)
from profiles.enums import AnswerKind
from tests.assessment.helpers import score_everything, transitions
from tests.factories.portfolios import make_portfolio
from tests.factories.users import UserFactory
from tests.reliability.conftest import RUNS, needs_postgresql, race

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]


def _entered(review, state) -> int:
    """How often the audit trail saw the review enter `state`."""
    return [target for _source, target, _actor in transitions(review)].count(state)


def _text_targets(version, count):
    """`count` text boxes of the version: free-text criteria and text questions."""
    from profiles.models import Criterion, Question  # noqa: PLC0415

    criteria = Criterion.objects.filter(
        section__version=version, answer_kind=AnswerKind.TEXT
    ).order_by("pk")
    questions = Question.objects.filter(
        section__version=version, answer_kind=AnswerKind.TEXT
    ).order_by("pk")
    targets = [*criteria, *questions][:count]
    assert len(targets) == count
    return targets


def _answer_lookup(target):
    from profiles.models import Criterion  # noqa: PLC0415

    return {"criterion": target} if isinstance(target, Criterion) else {"question": target}


def test_two_saves_of_an_existing_answer_from_the_same_revision(seeded_version, candidate):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    (target,) = _text_targets(seeded_version, 1)
    save_answer(portfolio=portfolio, target=target, text="begin", base_revision=0)
    for run in range(1, RUNS + 1):
        texts = {f"tab A, ronde {run}", f"tab B, ronde {run}"}
        outcome = race(
            *(
                partial(save_answer, portfolio=portfolio, target=target, text=t, base_revision=run)
                for t in sorted(texts)
            )
        )
        assert len(outcome.results) == 1, (run, outcome.errors)
        assert [type(e) for e in outcome.errors] == [StaleAnswer], (run, outcome.errors)
        answers = list(Answer.objects.filter(portfolio=portfolio, **_answer_lookup(target)))
        assert len(answers) == 1
        winner = outcome.results[0]
        assert (answers[0].text, answers[0].revision) == (winner.text, run + 1)
        assert answers[0].text in texts


def test_two_first_saves_of_a_new_answer(seeded_version, candidate):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    for run, target in enumerate(_text_targets(seeded_version, RUNS), start=1):
        outcome = race(
            *(
                partial(save_answer, portfolio=portfolio, target=target, text=t, base_revision=0)
                for t in (f"tab A {run}", f"tab B {run}")
            )
        )
        # The loser gets the stale-answer message, never an IntegrityError.
        assert len(outcome.results) == 1, (run, outcome.errors)
        assert [type(e) for e in outcome.errors] == [StaleAnswer], (run, outcome.errors)
        answers = list(Answer.objects.filter(portfolio=portfolio, **_answer_lookup(target)))
        assert [(a.text, a.revision) for a in answers] == [(outcome.results[0].text, 1)]
    assert Answer.objects.filter(portfolio=portfolio).count() == RUNS


def _complete_portfolio(version, number):
    candidate = UserFactory(email=f"race{number}@example.nl", first_name="Race", last_name="Test")
    return make_portfolio(candidate=candidate, version=version, state="complete")


@pytest.fixture
def people():
    """Four assessors and two office users."""
    assessors = [
        UserFactory(email=f"assessor{i}@example.nl", role=Role.ASSESSOR) for i in range(1, 5)
    ]
    offices = [UserFactory(email=f"bureau{i}@example.nl", role=Role.OFFICE) for i in (1, 2)]
    return assessors, offices


def test_workflow_races(seeded_version, people):
    """Per run, one portfolio through three races (filling a portfolio is the slow part,
    so the races share it):

    1. the candidate double-clicks "indienen": one snapshot, the other click is refused;
    2. two office users assign different pairs at once: one pair, one ASSIGNED event;
    3. both assessors submit their assessment at once: ASSESSED exactly once.
    """
    assessors, offices = people
    for run in range(1, RUNS + 1):
        portfolio = _race_double_submission(_complete_portfolio(seeded_version, run), run)
        review, pair = _race_two_assignments(portfolio, assessors, offices, run)
        _race_both_assessments(review, pair, run)


def _race_double_submission(portfolio, run):
    """Race 1: returns the submitted portfolio, read again."""
    actor = portfolio.candidate
    outcome = race(
        partial(submit_portfolio, portfolio=portfolio, actor=actor),
        partial(submit_portfolio, portfolio=portfolio, actor=actor),
    )
    assert len(outcome.results) == 1, (run, outcome.errors)
    assert [type(e) for e in outcome.errors] == [AlreadySubmitted], (run, outcome.errors)
    assert list(Snapshot.objects.filter(portfolio=portfolio).values_list("round", "pk")) == [
        (1, outcome.results[0].pk)
    ]
    portfolio = Portfolio.objects.get(pk=portfolio.pk)
    assert portfolio.state == PortfolioState.SUBMITTED
    return portfolio


def _race_two_assignments(portfolio, assessors, offices, run):
    """Race 2: returns the review and the winning pair ({assessor id: assignment})."""
    office_a, office_b = offices
    outcome = race(
        partial(
            assign_assessors,
            portfolio=portfolio,
            first=assessors[0],
            second=assessors[1],
            actor=office_a,
        ),
        partial(
            assign_assessors,
            portfolio=portfolio,
            first=assessors[2],
            second=assessors[3],
            actor=office_b,
        ),
    )
    assert len(outcome.results) == 1, (run, outcome.errors)
    assert [type(e) for e in outcome.errors] == [ReviewError], (run, outcome.errors)
    review = Review.objects.get(portfolio=portfolio)
    assert review.state == ReviewState.ASSIGNED
    active = Assignment.objects.filter(review=review, withdrawn_at__isnull=True)
    pair = {a.assessor_id: a for a in active}
    assert set(pair) in (
        {assessors[0].pk, assessors[1].pk},
        {assessors[2].pk, assessors[3].pk},
    )
    assert Assignment.objects.filter(review=review).count() == 2
    assert _entered(review, ReviewState.ASSIGNED) == 1
    return review, pair


def _race_both_assessments(review, pair, run) -> None:
    """Race 3: the pair declares and scores everything, then both submit at once."""
    first, second = sorted(pair.values(), key=lambda a: a.role)
    for assignment in (first, second):
        declare_conflict(assignment=assignment, conflict="", actor=assignment.assessor)
        assignment.refresh_from_db()
        score_everything(assignment, assignment.assessor)
    outcome = race(
        partial(submit_assessment, assignment=first, actor=first.assessor),
        partial(submit_assessment, assignment=second, actor=second.assessor),
    )
    assert outcome.errors == [], run
    review.refresh_from_db()
    assert review.state == ReviewState.ASSESSED
    assert _entered(review, ReviewState.ASSESSED) == 1
    assert _entered(review, ReviewState.IN_ASSESSMENT) == 1
    assert (
        Assessment.objects.filter(
            assignment__review=review, round=review.round, submitted_at__isnull=False
        ).count()
        == 2
    )


def test_both_assessors_declaring_a_conflict_at_once(seeded_version, people):
    """Both conflicts are recorded and the review returns to the office once."""
    assessors, (office, _other) = people
    for run in range(1, RUNS + 1):
        portfolio = _complete_portfolio(seeded_version, run)
        submit_portfolio(portfolio=portfolio, actor=portfolio.candidate)
        portfolio = Portfolio.objects.get(pk=portfolio.pk)
        review = assign_assessors(
            portfolio=portfolio, first=assessors[0], second=assessors[1], actor=office
        )
        first, second = review.assignments.order_by("role")
        outcome = race(
            partial(
                declare_conflict, assignment=first, conflict="Mijn buurman.", actor=first.assessor
            ),
            partial(
                declare_conflict, assignment=second, conflict="Oud-collega.", actor=second.assessor
            ),
        )
        assert outcome.errors == [], (run, outcome.errors)
        review.refresh_from_db()
        assert review.state == ReviewState.SUBMITTED
        assignments = review.assignments.order_by("role")
        assert [(a.conflict, a.withdrawn_at is not None) for a in assignments] == [
            ("Mijn buurman.", True),
            ("Oud-collega.", True),
        ]
        assert _entered(review, ReviewState.SUBMITTED) == 1
