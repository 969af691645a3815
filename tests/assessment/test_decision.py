import io
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone
from pypdf import PdfReader

from assessment.decision import load_outcome
from assessment.enums import Decision, ReviewState, RuleVerdict
from assessment.models import Interview, Report
from assessment.services.decision import decide
from assessment.services.interview import plan_interview, record_interview
from assessment.services.reports import make_report
from assessment.services.transition import ReviewError
from audit.enums import AuditAction
from audit.models import AuditEntry
from tests.assessment.helpers import agree_everything, hold_interview


@pytest.mark.django_db(transaction=True)
def test_interview_decision_and_report(declared, assessor, second_assessor, office, candidate):
    first, second = declared
    review = agree_everything(
        first, second, assessor, second_assessor, overrides={"C3.2": "toelichten"}
    )
    assert review.state == ReviewState.AGREED
    with pytest.raises(ReviewError, match="nog niet worden genomen"):
        decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    _plan_the_interview(review, office, candidate)
    held = _record_the_interview(review, assessor, second_assessor)
    _decide_as_the_rule_says(review, office)
    _assert_the_report(review, held)
    _assert_only_the_candidate_and_the_office_download_it(review, candidate, office, assessor)


def _plan_the_interview(review, office, candidate) -> None:
    """Not in the past; planned, the candidate is invited by e-mail."""
    with pytest.raises(ReviewError, match="in de toekomst"):
        plan_interview(
            review=review,
            scheduled_at=timezone.now() - timedelta(days=1),
            location="Utrecht",
            video_link="",
            actor=office,
        )
    plan_interview(
        review=review,
        scheduled_at=timezone.now() + timedelta(days=7),
        location="Utrecht, Jaarbeursplein 6",
        video_link="",
        actor=office,
    )
    assert any(m.to == [candidate.email] and "toetsgesprek" in m.subject for m in mail.outbox)


def _record_the_interview(review, assessor, second_assessor):
    """Refused before its day and without a final score for the referred C3.2; recorded
    two days after it was held. Returns when it was held."""
    review.refresh_from_db()
    c32 = review.agreed_scores.get(criterion__section__code="C3", criterion__number=2)
    met_option = review.portfolio.framework_version.score_options.get(code="aangetoond")
    with pytest.raises(ReviewError, match="pas vastleggen vanaf de geplande datum"):
        record_interview(
            review=review,
            notes="Te vroeg",
            final_scores={c32.criterion_id: met_option},
            actor=second_assessor,
        )
    # Held two days ago, written down today: the report dates it on the day it was held.
    held = timezone.now() - timedelta(days=2)
    Interview.objects.filter(review=review).update(scheduled_at=held)
    review.refresh_from_db()
    with pytest.raises(ReviewError, match=r"C3\.2"):
        record_interview(review=review, notes="Goed gesprek", final_scores={}, actor=assessor)
    c32 = review.agreed_scores.get(criterion__section__code="C3", criterion__number=2)
    met_option = review.portfolio.framework_version.score_options.get(code="aangetoond")
    record_interview(
        review=review,
        notes="C3.2: overtuigend voorbeeld gegeven.",
        final_scores={c32.criterion_id: met_option},
        actor=second_assessor,
    )
    review.refresh_from_db()
    assert review.state == ReviewState.INTERVIEW_HELD
    return held


def _decide_as_the_rule_says(review, office) -> None:
    """Every item met: the rule grants, a refusal without a reason deviates from it."""
    rule = load_outcome(review)
    assert (rule.verdict, rule.open_items) == (RuleVerdict.GRANTED, [])
    with pytest.raises(ReviewError, match="wijkt af van de regel"):
        decide(review=review, decision=Decision.NOT_GRANTED, reason=" ", actor=office)
    decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    review.refresh_from_db()
    assert (review.state, review.decision, review.rule_verdict, review.decided_by) == (
        ReviewState.DECIDED,
        Decision.GRANTED,
        RuleVerdict.GRANTED,
        office,
    )


def _assert_the_report(review, held) -> None:
    """Made once (on commit); names the people, the decision as the rule's, the
    fingerprint, the interview's day and every agreed criterion."""
    report = Report.objects.get(review=review)
    assert make_report(review_id=review.pk, round=review.round) is None  # idempotent
    assert Report.objects.filter(review=review).count() == 1
    with report.file.open("rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    flat = " ".join(text.split())
    assert "Kim de Vries" in flat
    assert "Pieter Bakker" in flat
    assert "Fatima El Amrani" in flat
    assert "Toegekend" in flat
    assert "Volgens de regel: Toekennen. Het besluit volgt de regel." in flat
    assert "wijkt af" not in flat
    # The fingerprint on one line (copyable whole), the formal table's columns named by
    # assessor, no heading that ends in ".:", the interview dated on the day it was held.
    sha = review.portfolio.snapshots.get().sha256
    assert any(sha in line for line in text.splitlines()), text
    assert "Assessor 1: Pieter Bakker" in flat
    assert "Assessor 2: Fatima El Amrani" in flat
    assert ".:" not in flat
    assert review.interview.held_at == held
    held_on = formats.date_format(timezone.localdate(held), "j F Y")
    assert f"Toetsgesprek {held_on}" in flat
    for agreed in review.agreed_scores.select_related("criterion__section"):
        assert f"{agreed.criterion.code} " in flat
    assert "overtuigend voorbeeld" in flat


def _assert_only_the_candidate_and_the_office_download_it(
    review, candidate, office, assessor
) -> None:
    """Downloads: the candidate and the office, nobody else."""
    url = reverse("assessment:report", args=[review.pk])
    for user, status in ((candidate, 200), (office, 200), (assessor, 404)):
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
            response.close()


@pytest.mark.django_db
def test_an_override_needs_a_written_reason(declared, assessor, second_assessor, office):
    first, second = declared
    review = agree_everything(
        first, second, assessor, second_assessor, overrides={"C2.1": "niet_aangetoond"}
    )
    review = hold_interview(review, office, assessor)
    rule = load_outcome(review)
    assert rule.verdict == RuleVerdict.NOT_GRANTED
    c21 = review.portfolio.framework_version.sections.get(code="C2").criteria.get(number=1)
    assert [i.description for i in rule.open_items] == [f"C2.1 {c21.title}: Niet aangetoond"]
    with pytest.raises(ReviewError, match=r"wijkt af van de regel \(volgens de regel: Niet toek"):
        decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    decide(
        review=review,
        decision=Decision.GRANTED,
        reason="Het bureau weegt de aanvullende scholing mee.",
        actor=office,
    )
    review.refresh_from_db()
    assert review.decision_reason == "Het bureau weegt de aanvullende scholing mee."
    assert (review.rule_verdict, review.follows_rule) == (RuleVerdict.NOT_GRANTED, False)
    entry = AuditEntry.objects.get(
        action=AuditAction.DECISION_MADE, portfolio_id=review.portfolio_id
    )
    assert entry.changes["volgens regel"] == {"voor": None, "na": "not_granted"}
    assert entry.changes["open punten van de regel"]["na"] == [f"C2.1 {c21.title}: Niet aangetoond"]
    # The report says the decision deviates, from which verdict, and why.
    # (the report task runs on commit, which this test's transaction never reaches)
    with make_report(review_id=review.pk, round=review.round).file.open("rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    flat = " ".join(text.split())
    assert "Volgens de regel: Niet toekennen. Het besluit wijkt af van de regel." in flat
    assert "Motivering van het bureau: Het bureau weegt de aanvullende scholing mee." in flat
    assert f"C2.1 {c21.title}: Niet aangetoond" in flat


@pytest.mark.django_db
def test_only_the_office_plans_and_decides(declared, assessor, second_assessor):
    first, second = declared
    review = agree_everything(first, second, assessor, second_assessor)
    with pytest.raises(ReviewError, match="Alleen het bureau"):
        plan_interview(
            review=review,
            scheduled_at=timezone.now() + timedelta(days=3),
            location="x",
            video_link="",
            actor=assessor,
        )
    with pytest.raises(ReviewError, match="Alleen het bureau"):
        decide(review=review, decision=Decision.GRANTED, reason="", actor=assessor)


@pytest.mark.django_db
def test_the_office_decides_with_a_reason_when_the_assessors_cannot_agree(
    declared, assessor, second_assessor, office
):
    from assessment.services.scoring import submit_assessment  # noqa: PLC0415
    from tests.assessment.helpers import score_everything  # noqa: PLC0415

    first, second = declared
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    score_everything(second, second_assessor, overrides={"C3.1": "niet_aangetoond"})
    submit_assessment(assignment=second, actor=second_assessor)
    review = first.review
    review.refresh_from_db()
    assert review.state == ReviewState.ASSESSED
    with pytest.raises(ReviewError, match="niet eens geworden"):
        decide(review=review, decision=Decision.NOT_GRANTED, reason="", actor=office)
    decide(
        review=review,
        decision=Decision.NOT_GRANTED,
        reason="Methodisch werken is onvoldoende aangetoond volgens de tweede assessor.",
        actor=office,
    )
    review.refresh_from_db()
    assert (review.state, review.decision) == (ReviewState.DECIDED, Decision.NOT_GRANTED)
    # Without an agreed verdict the rule could not decide: the decision deviates from it.
    assert (review.rule_verdict, review.follows_rule) == (RuleVerdict.UNDECIDED, False)
