from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessment.enums import Decision, ReviewState
from assessment.selectors import snapshot_changes
from assessment.services.decision import decide, request_additions, resume_review
from assessment.services.scoring import submit_assessment
from assessment.services.transition import ReviewError
from portfolio.enums import PortfolioState
from portfolio.models import Answer
from portfolio.services import PortfolioError, save_answer, submit_portfolio
from tests.assessment.helpers import agree_everything, hold_interview, score_everything


@pytest.mark.django_db(transaction=True)
@pytest.mark.dates
def test_additions_reopen_exactly_the_named_parts_and_return_to_the_same_assessors(
    declared, assessor, second_assessor, office, candidate
):
    first, second = declared
    review = agree_everything(first, second, assessor, second_assessor)
    review.interview_required = False
    review.save(update_fields=["interview_required"])
    portfolio = review.portfolio
    _request_additions_on_c2(review, portfolio, office, candidate)
    _the_candidate_adds_to_c2_only(review, portfolio, office, candidate)

    resume_review(review=review, actor=office)
    review.refresh_from_db()
    assert (review.state, review.round) == (ReviewState.ASSIGNED, 2)
    # Whether the interview is needed follows the routes as resubmitted (A1.1 + A2.4
    # need it), not the flag the review had (set aside above).
    assert review.interview_required is True
    # The same assessors score round 2; round 1 stays as history.
    first.refresh_from_db()
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    assert first.assessments.count() == 2
    client = Client()
    client.force_login(assessor)
    page = client.get(reverse("assessment:score", args=[first.pk])).content.decode()
    assert 'id="changes"' in page
    assert "Oordeel van eerdere rondes" in page


def _request_additions_on_c2(review, portfolio, office, candidate) -> None:
    """Refused without a reason; with one, C2 is reopened and the candidate mailed."""
    deadline = timezone.localdate() + timedelta(days=portfolio.framework_version.additions_days)
    with pytest.raises(ReviewError, match="Schrijf wat"):
        request_additions(
            review=review, sections=["C2"], deadline=deadline, reason="", actor=office
        )
    mail.outbox.clear()
    request_additions(
        review=review,
        sections=["C2"],
        deadline=deadline,
        reason="Werk kennisgebied 1 uit met een voorbeeld.",
        actor=office,
    )
    review.refresh_from_db()
    portfolio.refresh_from_db()
    assert review.state == ReviewState.ADDITIONS_REQUESTED
    assert review.decision == Decision.ADDITIONS
    assert (portfolio.state, portfolio.reopened_sections) == (PortfolioState.REOPENED, ["C2"])
    assert any(m.to == [candidate.email] and "Aanvullingen" in m.subject for m in mail.outbox)


def _the_candidate_adds_to_c2_only(review, portfolio, office, candidate) -> None:
    """Only C2 can be changed; the review resumes only once the portfolio is resubmitted,
    and the second snapshot's changes are C2.1's."""
    area = portfolio.framework_version.sections.get(code="C2").criteria.get(number=1)
    task = portfolio.framework_version.sections.get(code="C1").criteria.get(number=0)
    answer = Answer.objects.get(portfolio=portfolio, criterion=area)
    save_answer(
        portfolio=portfolio,
        target=area,
        text=answer.text + " Aangevuld met een voorbeeld.",
        base_revision=answer.revision,
    )
    task_answer = Answer.objects.get(portfolio=portfolio, criterion=task)
    with pytest.raises(PortfolioError, match="C1 is niet heropend"):
        save_answer(portfolio=portfolio, target=task, text="x", base_revision=task_answer.revision)
    with pytest.raises(ReviewError, match="nog niet ingediend"):
        resume_review(review=review, actor=office)

    submit_portfolio(portfolio=portfolio, actor=candidate)
    portfolio.refresh_from_db()
    assert portfolio.snapshots.count() == 2
    changes = snapshot_changes(portfolio, 2)
    assert [c["code"] for c in changes] == ["C2.1"]
    assert changes[0]["after"].endswith("Aangevuld met een voorbeeld.")


@pytest.mark.django_db
@pytest.mark.dates
def test_additions_need_known_sections_and_a_future_deadline(
    declared, assessor, second_assessor, office
):
    first, second = declared
    review = hold_interview(
        agree_everything(first, second, assessor, second_assessor), office, assessor
    )
    with pytest.raises(ReviewError, match="Noem de onderdelen"):
        request_additions(
            review=review,
            sections=["X9"],
            deadline=timezone.localdate() + timedelta(days=5),
            reason="x",
            actor=office,
        )
    with pytest.raises(ReviewError, match="toekomst"):
        request_additions(
            review=review, sections=["C2"], deadline=timezone.localdate(), reason="x", actor=office
        )
    review.refresh_from_db()
    assert review.state == ReviewState.INTERVIEW_HELD
    decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
