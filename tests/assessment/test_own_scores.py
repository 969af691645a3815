"""The assessor's own assessment and scores, read in one query (`selectors.own_scores`),
and the assignment's framework version found without a query of its own
(`selectors.assignment_version`)."""

import pytest

from assessment import selectors
from assessment.models import Assessment
from assessment.services.scoring import save_score
from profiles.selectors import version_with_content


def _criteria(assignment, count):
    version = assignment.review.portfolio.framework_version
    return list(version.sections.get(code="C1").criteria.order_by("number")[:count])


@pytest.mark.django_db
def test_own_scores_reads_the_assessment_with_its_scores_in_one_query(
    declared, assessor, second_assessor, django_assert_num_queries
):
    first, second = declared
    first = selectors.assignment_for_assessor(assessor, first.pk)
    with django_assert_num_queries(1):
        assert selectors.own_scores(first) == (None, {})

    one, two = _criteria(first, 2)
    save_score(assignment=first, target=one, motivation="Eerste", actor=assessor)
    with django_assert_num_queries(1):  # an assessment with one score
        assessment, scores = selectors.own_scores(first)
    assert assessment.assignment_id == first.pk
    assert assessment.round == first.review.round
    assert assessment.submitted_at is None
    assert list(scores) == [("criterion", one.pk)]
    assert scores[("criterion", one.pk)].motivation == "Eerste"

    save_score(assignment=first, target=two, motivation="Tweede", actor=assessor)
    # The other assessor's scores are theirs, not this assessor's.
    save_score(assignment=second, target=one, motivation="Van de ander", actor=second_assessor)
    with django_assert_num_queries(1):
        assessment, scores = selectors.own_scores(first)
    assert {key: s.motivation for key, s in scores.items()} == {
        ("criterion", one.pk): "Eerste",
        ("criterion", two.pk): "Tweede",
    }
    # The same as the assessment's own rows read through the ORM.
    own = Assessment.objects.get(assignment=first, round=first.review.round)
    expected = selectors.scores_by_target(own)
    assert {k: (s.pk, s.option_id, s.met, s.motivation) for k, s in scores.items()} == {
        k: (s.pk, s.option_id, s.met, s.motivation) for k, s in expected.items()
    }
    assert assessment == own


@pytest.mark.django_db
def test_the_assignment_finds_its_versions_kept_tree_without_a_query(
    declared, assessor, django_assert_num_queries
):
    first, _second = declared
    assignment = selectors.assignment_for_assessor(assessor, first.pk)
    kept = version_with_content(first.review.portfolio.framework_version_id)
    with django_assert_num_queries(0):
        assert selectors.assignment_version(assignment) is kept
