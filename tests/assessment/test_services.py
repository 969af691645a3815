import pytest
from django.core import mail

from assessment.enums import ReviewState
from assessment.models import AgreedScore, Assignment, Score
from assessment.services.assignment import assign_assessors, declare_conflict
from assessment.services.scoring import (
    IncompleteAssessment,
    record_agreement,
    save_score,
    submit_assessment,
)
from assessment.services.transition import ReviewError
from audit.enums import AuditAction
from audit.models import AuditEntry
from portal.enums import Role
from profiles.models import Criterion
from profiles.services import copy_version_to_draft
from tests.assessment.helpers import score_everything, transitions
from tests.factories.portfolios import make_portfolio
from tests.factories.users import UserFactory


@pytest.mark.django_db
def test_office_assigns_two_distinct_assessors_and_it_is_audited(review, office, assessor):
    assert review.state == ReviewState.ASSIGNED
    assert sorted(a.role for a in review.assignments.all()) == ["first", "second"]
    assert transitions(review) == [("submitted", "assigned", office.pk)]
    assert review.interview_required


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["candidate", "assessor"])
def test_only_the_office_assigns(request, submitted_portfolio, assessor, second_assessor, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(ReviewError, match="Alleen het bureau"):
        assign_assessors(
            portfolio=submitted_portfolio, first=assessor, second=second_assessor, actor=actor
        )
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_assignment_refusals(submitted_portfolio, assessor, second_assessor, office, candidate):
    with pytest.raises(ReviewError, match="twee verschillende"):
        assign_assessors(
            portfolio=submitted_portfolio, first=assessor, second=assessor, actor=office
        )
    with pytest.raises(ReviewError, match="geen assessor"):
        assign_assessors(portfolio=submitted_portfolio, first=assessor, second=office, actor=office)
    candidate.role = Role.ASSESSOR
    candidate.save()
    with pytest.raises(ReviewError, match="nooit zijn eigen assessor"):
        assign_assessors(
            portfolio=submitted_portfolio, first=assessor, second=candidate, actor=office
        )
    assert not Assignment.objects.exists()
    assign_assessors(
        portfolio=submitted_portfolio, first=assessor, second=second_assessor, actor=office
    )
    third = UserFactory(role=Role.ASSESSOR)
    with pytest.raises(ReviewError, match="al assessoren toegewezen"):
        assign_assessors(portfolio=submitted_portfolio, first=assessor, second=third, actor=office)


@pytest.mark.django_db
def test_scoring_before_declaring_no_conflict_is_refused(review, assessor):
    assignment = review.assignments.get(assessor=assessor)
    criterion = review.portfolio.framework_version.sections.get(code="C3").criteria.first()
    with pytest.raises(ReviewError, match="Verklaar eerst"):
        save_score(assignment=assignment, target=criterion, motivation="x", actor=assessor)
    assert not Score.objects.exists()


@pytest.mark.django_db
def test_a_declared_conflict_returns_the_review_to_the_office(review, assessor, office):
    assignment = review.assignments.get(assessor=assessor)
    declare_conflict(assignment=assignment, conflict="Oud-collega van de kandidaat", actor=assessor)
    review.refresh_from_db()
    assignment.refresh_from_db()
    assert review.state == ReviewState.SUBMITTED
    assert assignment.withdrawn_at is not None
    # The history keeps from → to and that there was a note, never the note itself.
    entry = AuditEntry.objects.filter(
        portfolio_id=review.portfolio_id, action=AuditAction.REVIEW_TRANSITION
    ).last()
    assert entry.changes["status"] == {"voor": "assigned", "na": "submitted"}
    assert entry.actor_id == assessor.pk
    assert "Oud-collega" not in str(entry.changes)
    assert entry.changes["toelichting"]["na"].startswith("«tekst verborgen")
    # The office can now assign a replacement.
    replacement = UserFactory(role=Role.ASSESSOR)
    second = review.assignments.exclude(pk=assignment.pk).get().assessor
    assign_assessors(portfolio=review.portfolio, first=replacement, second=second, actor=office)
    assert sorted(
        a.assessor_id for a in review.assignments.filter(withdrawn_at__isnull=True)
    ) == sorted([replacement.pk, second.pk])


@pytest.mark.django_db
def test_an_incomplete_assessment_cannot_be_submitted(declared, assessor):
    first, _second = declared
    with pytest.raises(IncompleteAssessment) as error:
        submit_assessment(assignment=first, actor=assessor)
    assert any(m.startswith("C1.0 ") for m in error.value.missing)
    assert any(m.startswith("A1.1: ") for m in error.value.missing)
    assert any(m.startswith("B1.1: ") for m in error.value.missing)


@pytest.mark.django_db(transaction=True)
def test_both_assessments_in_then_agreement(declared, assessor, second_assessor, office):
    first, second = declared
    items = score_everything(first, assessor)
    # Criteria of C1–C4 only: B2 and D are read, not scored.
    assert {c.section.code for c in items.criteria} == {"C1", "C2", "C3", "C4"}
    assert len(items.criteria) == 8 + 4 + 6 + 4
    submit_assessment(assignment=first, actor=assessor)
    review = first.review
    review.refresh_from_db()
    assert review.state == ReviewState.IN_ASSESSMENT
    score_everything(second, second_assessor, overrides={"C3.2": "toelichten"})
    submit_assessment(assignment=second, actor=second_assessor)
    review.refresh_from_db()
    assert review.state == ReviewState.ASSESSED
    with pytest.raises(ReviewError, match="niet worden gescoord"):
        save_score(
            assignment=second, target=items.criteria[0], motivation="later", actor=second_assessor
        )

    options = {o.code: o for o in review.portfolio.framework_version.score_options.all()}
    verdicts = {c.pk: (options["aangetoond"], "") for c in items.criteria}
    with pytest.raises(ReviewError, match=r"C3\.2"):
        record_agreement(review=review, verdicts=verdicts, actor=assessor)
    c32 = next(c for c in items.criteria if c.code == "C3.2")
    verdicts[c32.pk] = (options["toelichten"], "Bespreken in het toetsgesprek")
    # A crafted verdict: an option of another version's scale, or a criterion nobody
    # scored (B2's questions are read, not scored), is refused and saves nothing.
    draft = copy_version_to_draft(version=review.portfolio.framework_version, actor=office)
    other_scale = draft.score_options.get(code="aangetoond")
    unscored = Criterion.objects.filter(section__version=review.portfolio.framework_version_id)
    unscored = unscored.exclude(pk__in=verdicts).first()
    for crafted in (
        {**verdicts, c32.pk: (other_scale, "andere schaal")},
        *([{**verdicts, unscored.pk: (options["aangetoond"], "")}] if unscored else []),
    ):
        with pytest.raises(ReviewError, match="hoort niet bij de schaal of de criteria"):
            record_agreement(review=review, verdicts=crafted, actor=assessor)
    assert not AgreedScore.objects.filter(review=review).exists()
    record_agreement(review=review, verdicts=verdicts, questions="C3.2: voorbeeld?", actor=assessor)
    review.refresh_from_db()
    assert review.state == ReviewState.AGREED
    assert review.interview_questions.startswith("C3.2")
    assert AgreedScore.objects.filter(review=review).count() == len(items.criteria)
    assert [to for _from, to, _actor in transitions(review)] == [
        "assigned", "in_assessment", "assessed", "agreed",
    ]  # fmt: skip
    assert any("Gezamenlijk oordeel vastgesteld" in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_an_outsider_cannot_record_the_agreement(declared, assessor, second_assessor, outsider):
    first, second = declared
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    score_everything(second, second_assessor)
    submit_assessment(assignment=second, actor=second_assessor)
    with pytest.raises(ReviewError, match="Alleen de assessoren"):
        record_agreement(review=first.review, verdicts={}, actor=outsider)


@pytest.mark.django_db
def test_an_exempt_route_is_checked_formally_only(
    seeded_version, other_candidate, assessor, second_assessor, office
):
    portfolio = make_portfolio(
        candidate=other_candidate, version=seeded_version, state="submitted", a2_number=2
    )
    review = assign_assessors(
        portfolio=portfolio, first=assessor, second=second_assessor, actor=office
    )
    assert not review.interview_required
    first = review.assignments.get(assessor=assessor)
    declare_conflict(assignment=first, conflict="", actor=assessor)
    first.refresh_from_db()
    items = score_everything(first, assessor)
    assert items.criteria == []
    assert [d.code for d in items.formal_declarations] == ["B1.1", "B1.2", "E.1", "E.2", "E.3"]
    assert len(items.formal_conditions) == 3 + 1
