"""The review reads its shape from the framework version (profiles: assessor_count,
has_interview): an initial framework without an interview goes from the joint verdict
straight to the office's decision, and its scoring page asks no interview questions; a
version with one assessor refuses a second."""

import pytest
from django.urls import reverse

from assessment import rules
from assessment.enums import ReviewState
from assessment.services import assignment as assignment_service
from assessment.services.transition import ReviewError
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import agree_all, assign_two
from tests.factories.users import client_for
from tests.factories.versions import publish_edited_copy


def _without_interview(draft):
    draft.has_interview = False
    draft.save(update_fields=["has_interview"])


def test_without_an_interview_the_office_decides_after_the_joint_verdict(
    seeded_version, candidate, assessor, second_assessor, office
):
    version = publish_edited_copy(seeded_version, actor=office, edit=_without_interview)
    portfolio = make_portfolio(candidate=candidate, version=version, state="submitted")
    review, first, second = assign_two(portfolio, assessor, second_assessor, office)
    assert not review.interview_required
    assert review.assessor_count == 2
    review = agree_all(first, second)
    assert review.state == ReviewState.AGREED
    assert not rules.may_plan_interview.test(office, review)
    assert rules.may_decide.test(office, review)
    # Read from the framework: no question box for a toetsgesprek, and why there is none.
    html = client_for(assessor).get(reverse("assessment:score", args=[first.pk])).content
    html = html.decode()
    assert 'name="interview_question"' not in html
    assert "geen toetsgesprek in dit toetsingskader" in html
    assert "vrijgestelde route" not in html


def test_with_an_interview_the_scoring_page_asks_its_questions(
    seeded_version, candidate, assessor, second_assessor, office
):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    _review, first, _second = assign_two(portfolio, assessor, second_assessor, office)
    html = client_for(assessor).get(reverse("assessment:score", args=[first.pk])).content
    assert b'name="interview_question"' in html
    assert b"geen toetsgesprek" not in html


def test_a_version_of_two_assessors_refuses_one(seeded_version, candidate, assessor, office):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    with pytest.raises(ReviewError, match="twee assessoren"):
        assignment_service.assign_assessors(portfolio=portfolio, first=assessor, actor=office)
