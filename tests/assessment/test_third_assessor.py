import pytest
from django.test import Client
from django.urls import reverse

from assessment.enums import AssessorRole, ReviewState
from assessment.selectors import disputed_criteria
from assessment.services.assignment import add_third_assessor, declare_conflict
from assessment.services.scoring import record_agreement, save_score, submit_assessment
from assessment.services.transition import ReviewError
from portal.enums import Role
from tests.assessment.helpers import score_everything
from tests.factories.users import UserFactory


@pytest.mark.django_db
def test_a_third_assessor_scores_only_the_disputed_criteria_independently(
    declared, assessor, second_assessor, office
):
    first, second = declared
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    score_everything(second, second_assessor, overrides={"C3.1": "niet_aangetoond"})
    submit_assessment(assignment=second, actor=second_assessor)
    review = first.review
    review.refresh_from_db()
    disputed = disputed_criteria(review)
    assert [c.code for c in disputed] == ["C3.1"]
    third_user = UserFactory(role=Role.ASSESSOR, first_name="Derde")
    third = _the_office_adds_the_third(review, disputed, third_user, assessor, office)
    met = _the_third_scores_the_disputed_criterion(review, disputed, third, third_user)

    items = [
        c
        for s in review.portfolio.framework_version.sections.all()
        for c in s.criteria.all()
        if s.code in {"C1", "C2", "C3", "C4"}
    ]
    verdicts = {
        c.pk: (met, "Met de derde assessor: aangetoond." if c.pk == disputed[0].pk else "")
        for c in items
    }
    record_agreement(review=review, verdicts=verdicts, actor=third_user)
    review.refresh_from_db()
    assert review.state == ReviewState.AGREED


def _the_office_adds_the_third(review, disputed, third_user, assessor, office):
    """Only the office adds one, only on disputed criteria, never an assessor of the
    review; the review is in assessment again. Returns the third's assignment."""
    other = review.portfolio.framework_version.sections.get(code="C1").criteria.first()
    with pytest.raises(ReviewError, match="waarover de assessoren verschillen"):
        add_third_assessor(review=review, assessor=third_user, criteria=[other.pk], actor=office)
    with pytest.raises(ReviewError, match="al"):
        add_third_assessor(
            review=review, assessor=assessor, criteria=[disputed[0].pk], actor=office
        )
    with pytest.raises(ReviewError, match="Alleen het bureau"):
        add_third_assessor(
            review=review, assessor=third_user, criteria=[disputed[0].pk], actor=assessor
        )
    third = add_third_assessor(
        review=review, assessor=third_user, criteria=[disputed[0].pk], actor=office
    )
    review.refresh_from_db()
    assert (third.role, review.state) == (AssessorRole.THIRD, ReviewState.IN_ASSESSMENT)
    return third


def _the_third_scores_the_disputed_criterion(review, disputed, third, third_user):
    """Same rules: declare first, no view of the others' scores, only the disputed
    criterion; once submitted, the review is assessed and the comparison shows the
    motivations. Returns the option "aangetoond"."""
    client = Client()
    client.force_login(third_user)
    assert client.get(reverse("assessment:score", args=[third.pk]))["Location"].endswith(
        "/verklaring/"
    )
    declare_conflict(assignment=third, conflict="", actor=third_user)
    third.refresh_from_db()
    page = client.get(reverse("assessment:score", args=[third.pk])).content.decode()
    assert "Motivering bij C3.1:" not in page
    assert "C3.1 Methodisch werken" in page
    assert "C1.0 " not in page
    task = review.portfolio.framework_version.sections.get(code="C1").criteria.first()
    with pytest.raises(ReviewError, match="alleen de betwiste"):
        save_score(assignment=third, target=task, motivation="x", actor=third_user)
    met = review.portfolio.framework_version.score_options.get(code="aangetoond")
    save_score(
        assignment=third,
        target=disputed[0],
        option=met,
        motivation="Voldoende.",
        actor=third_user,
    )
    submit_assessment(assignment=third, actor=third_user)
    review.refresh_from_db()
    assert review.state == ReviewState.ASSESSED
    compare = client.get(reverse("assessment:compare", args=[third.pk])).content.decode()
    assert "Voldoende." in compare
    assert "Motivering bij C3.1:" in compare
    return met
