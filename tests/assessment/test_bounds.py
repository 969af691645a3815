"""Input bounds of the review: every text of the assessors and the office is length-limited
and free of control characters in the service itself (a direct call is refused too), and
tampered ids and filters are a 400/404, never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import AgreedScore, Assignment, Interview, Review, Score
from assessment.services.assignment import declare_conflict
from assessment.services.decision import decide, request_additions
from assessment.services.interview import plan_interview, record_interview
from assessment.services.scoring import record_agreement, save_score
from assessment.services.transition import ReviewError
from audit.models import AuditEntry
from portal import limits
from profiles.models import Criterion, ScoreOption

CONTROL = "bevat een ongeldig teken (een stuurteken). Verwijder het."


def _too_long(limit) -> tuple[str, str]:
    """A text one character over `limit`, and the exact message the service gives."""
    count = limit.max_length + 1
    most, now = (f"{n:,}".replace(",", ".") for n in (limit.max_length, count))
    return "x" * count, (
        f"{limit.label} is te lang: maximaal {most} tekens, nu {now}. Maak de tekst korter."
    )


def _refused(call, message):
    audit_rows = AuditEntry.objects.count()
    with pytest.raises(ReviewError) as exc:
        call()
    assert str(exc.value) == message
    assert AuditEntry.objects.count() == audit_rows


@pytest.mark.django_db
def test_a_score_with_a_motivation_too_long_or_a_nul_is_refused(declared, assessor):
    first, _second = declared
    criterion = Criterion.objects.filter(section__version=first.review.portfolio.framework_version)
    target = criterion.first()
    option = ScoreOption.objects.get(version=target.framework_version, code="aangetoond")
    text, message = _too_long(limits.MOTIVATION)

    def save(**texts):
        return lambda: save_score(
            assignment=first, target=target, option=option, actor=assessor, **texts
        )

    _refused(save(motivation=text), message)
    _refused(save(motivation="a\x00b"), f"De motivering {CONTROL}")
    text, message = _too_long(limits.INTERVIEW_QUESTION)
    _refused(save(interview_question=text), message)
    assert not Score.objects.exists()
    # At the limit it is saved.
    save_score(
        assignment=first,
        target=target,
        option=option,
        motivation="x" * limits.MOTIVATION.max_length,
        actor=assessor,
    )
    assert len(Score.objects.get().motivation) == 5_000


@pytest.mark.django_db
def test_a_conflict_description_too_long_is_refused(review, assessor):
    assignment = review.assignments.get(assessor=assessor)
    text, message = _too_long(limits.CONFLICT)
    _refused(
        lambda: declare_conflict(assignment=assignment, conflict=text, actor=assessor),
        message,
    )
    assignment.refresh_from_db()
    assert assignment.declared_at is None


@pytest.mark.django_db
def test_the_agreement_texts_are_bounded(review, assessor):
    criterion = Criterion.objects.filter(
        section__version=review.portfolio.framework_version
    ).first()
    option = ScoreOption.objects.get(version=criterion.framework_version, code="aangetoond")
    text, message = _too_long(limits.INTERVIEW_QUESTIONS)
    _refused(
        lambda: record_agreement(review=review, verdicts={}, questions=text, actor=assessor),
        message,
    )
    text, message = _too_long(limits.AGREED_REASON)
    _refused(
        lambda: record_agreement(
            review=review, verdicts={criterion.pk: (option, text)}, actor=assessor
        ),
        message,
    )
    assert not AgreedScore.objects.exists()


@pytest.mark.django_db
def test_the_office_texts_and_dates_are_bounded(review, office):
    text, message = _too_long(limits.DECISION_REASON)
    _refused(
        lambda: decide(review=review, decision="granted", reason=text, actor=office),
        message,
    )
    text, message = _too_long(limits.ADDITIONS_REASON)
    deadline = timezone.localdate() + timedelta(days=28)
    _refused(
        lambda: request_additions(
            review=review, sections=["C1"], deadline=deadline, reason=text, actor=office
        ),
        message,
    )
    soon = timezone.now() + timedelta(days=7)

    def plan(**kwargs):
        return lambda: plan_interview(
            review=review,
            actor=office,
            **{"scheduled_at": soon, "location": "", "video_link": ""} | kwargs,
        )

    _refused(plan(location="x" * 301), _too_long(limits.LOCATION)[1])
    _refused(
        plan(video_link="https://" + "x" * 200),
        "De videolink is te lang: maximaal 200 tekens, nu 208. Maak de tekst korter.",
    )
    far = timezone.now() + timedelta(days=400)
    latest = (timezone.localdate() + timedelta(days=366)).strftime("%d-%m-%Y")
    _refused(
        plan(scheduled_at=far, location="Utrecht"),
        f"Kies een datum binnen een jaar, uiterlijk {latest}.",
    )
    review.refresh_from_db()
    assert (review.decision, review.decision_reason) == ("", "")
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_interview_notes_too_long_are_refused(review, assessor):
    text, message = _too_long(limits.INTERVIEW_NOTES)
    _refused(
        lambda: record_interview(review=review, notes=text, final_scores={}, actor=assessor),
        message,
    )


@pytest.mark.django_db
def test_save_score_with_a_tampered_id_is_no_500(declared, assessor, assessor_client):
    first, _second = declared
    url = reverse("assessment:save_score", args=[first.pk])
    criterion = Criterion.objects.filter(
        section__version=first.review.portfolio.framework_version
    ).first()
    answers = [
        assessor_client.post(url, {"target": f"criterion-{value}", "option": "1"}).status_code
        for value in (str(2**63), "9" * 30, "-1", "٣", "0")
    ]
    assert answers == [400, 400, 400, 400, 400]
    huge_option = assessor_client.post(
        url, {"target": f"criterion-{criterion.pk}", "option": str(2**64), "motivation": "m"}
    )
    assert huge_option.status_code == 302
    assert Score.objects.get().option is None  # no option: nothing chosen


@pytest.mark.django_db
def test_save_score_by_htmx_with_a_text_too_long_says_why(declared, assessor_client):
    first, _second = declared
    criterion = Criterion.objects.filter(
        section__version=first.review.portfolio.framework_version
    ).first()
    response = assessor_client.post(
        reverse("assessment:save_score", args=[first.pk]),
        {"target": f"criterion-{criterion.pk}", "motivation": "x" * 5_001},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    assert response.content.decode() == (
        "De motivering is te lang: maximaal 5.000 tekens, nu 5.001. Maak de tekst korter."
    )
    assert not Score.objects.exists()


@pytest.mark.django_db
def test_the_queue_filters_are_bounded(review, office_client):
    hostile = {"status": "x" * 100_000, "assessor": "9" * 30, "dagen": "٣" * 200, "pagina": "-1"}
    response = office_client.get(reverse("assessment:queue"), hostile)
    assert response.status_code == 200
    # The portfolio is listed: the tampered filters filtered nothing out (the page holds
    # the rows as values, assessment.queue_rows).
    assert response.context["page"].object_list[0]["pk"] == review.portfolio_id
    assert response.context["status_filter"] == "x" * limits.QUERY_VALUE
    assert response.context["page"].number == 1


@pytest.mark.django_db
def test_the_office_forms_refuse_far_dates_and_long_texts_with_a_field_error(review, office_client):
    url = reverse("assessment:additions", args=[review.portfolio_id])
    far = (timezone.localdate() + timedelta(days=3650)).isoformat()
    response = office_client.post(
        url, {"sections": ["C1"], "deadline": far, "reason": "x" * 10_001}, follow=True
    )
    texts = [str(m) for m in response.context["messages"]]
    latest = (timezone.localdate() + timedelta(days=366)).strftime("%d-%m-%Y")
    assert f"Uiterlijk op: Kies een datum binnen een jaar, uiterlijk {latest}." in texts
    assert any(t.startswith("Wat moet de kandidaat aanvullen?: ") and "10000" in t for t in texts)
    assert Review.objects.get().decision == ""
    assert Assignment.objects.filter(review=review).count() == 2
