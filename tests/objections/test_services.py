from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessment.enums import Decision, ReviewState
from assessment.models import Report
from assessment.services.reports import make_report
from assessment.tasks import queue_missing_reports
from audit.enums import AuditAction
from audit.models import AuditEntry
from objections import services
from objections.enums import ObjectionState
from objections.models import ObjectionTerms
from objections.rules import was_assessor_of_review
from portal.enums import Role
from register.models import Registration
from tests.clock import AMSTERDAM
from tests.factories.files import pdf_bytes
from tests.factories.users import UserFactory


def _actions(objection) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            portfolio_id=objection.review.portfolio_id, action__startswith="objection."
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


@pytest.mark.django_db
def test_lodged_with_an_attachment_and_audited(not_granted, candidate):
    upload = SimpleUploadedFile("bewijs.pdf", pdf_bytes(), content_type="application/pdf")
    objection = services.lodge_objection(
        review=not_granted, reasons="Zie bijlage.", files=[upload], actor=candidate
    )
    assert objection.state == ObjectionState.LODGED
    assert objection.decision == Decision.NOT_GRANTED
    assert list(objection.attachments.values_list("name", "content_type")) == [
        ("bewijs.pdf", "application/pdf")
    ]
    assert _actions(objection) == [AuditAction.OBJECTION_LODGED, AuditAction.OBJECTION_DOCUMENT]


@pytest.mark.django_db
def test_an_attachment_that_is_no_pdf_is_refused_as_portfolio_uploads_are(not_granted, candidate):
    upload = SimpleUploadedFile("bewijs.pdf", b"<html>hoi</html>", content_type="application/pdf")
    with pytest.raises(services.ObjectionError, match=r"bewijs\.pdf"):
        services.lodge_objection(
            review=not_granted, reasons="Zie bijlage.", files=[upload], actor=candidate
        )
    assert not hasattr(type(not_granted).objects.get(pk=not_granted.pk), "objection")


@pytest.mark.django_db
def test_reasons_are_bounded(not_granted, candidate):
    with pytest.raises(services.ObjectionError, match="te lang"):
        services.lodge_objection(
            review=not_granted, reasons="x" * (services.REASONS.max_length + 1), actor=candidate
        )


@pytest.mark.django_db
def test_only_the_candidate_may_object_and_only_once(not_granted, candidate, other_candidate):
    with pytest.raises(services.ObjectionError, match="Alleen de kandidaat"):
        services.lodge_objection(review=not_granted, reasons="Nee.", actor=other_candidate)
    services.lodge_objection(review=not_granted, reasons="Nee.", actor=candidate)
    with pytest.raises(services.ObjectionError, match="al bezwaar"):
        services.lodge_objection(review=not_granted, reasons="Nog eens.", actor=candidate)


def _decided_at_local(review, day_offset: int, hour: int, minute: int):
    local = timezone.localtime(review.decided_at).date() + timedelta(days=day_offset)
    return datetime(local.year, local.month, local.day, hour, minute, tzinfo=AMSTERDAM)


@pytest.mark.django_db
@pytest.mark.parametrize("period", [42, 14])
def test_refused_after_the_period_at_the_local_day_boundary(not_granted, candidate, period):
    """The period is data (ObjectionTerms); its last day is the local date of the decision
    plus `period` days. At 23:59 local on that day (22:59/21:59 UTC: the UTC date is the
    same) it is accepted; at 00:01 local the next day (still the previous day in UTC) it is
    refused, with the period and the date from the data."""
    version = not_granted.portfolio.framework_version
    ObjectionTerms.objects.create(version=version, period_days=period)
    last_day = _decided_at_local(not_granted, period, 0, 0).date()
    with time_machine.travel(_decided_at_local(not_granted, period + 1, 0, 1), tick=False):
        assert timezone.now().astimezone(UTC).date() == last_day  # UTC: still "in"
        with pytest.raises(services.ObjectionError) as refused:
            services.lodge_objection(review=not_granted, reasons="Te laat.", actor=candidate)
    assert str(refused.value) == (
        f"De bezwaartermijn van {period} dagen is verstreken: bezwaar maken kon tot en met "
        f"{last_day:%d-%m-%Y}."
    )
    with time_machine.travel(_decided_at_local(not_granted, period, 23, 59), tick=False):
        objection = services.lodge_objection(
            review=not_granted, reasons="Net op tijd.", actor=candidate
        )
    assert objection.state == ObjectionState.LODGED


@pytest.mark.django_db
def test_an_assessor_of_the_review_is_never_the_committee_member(
    lodged, assessor, second_assessor, office, member
):
    # A former assessor who has since become a committee member (the role changed; the
    # assignment on this review remains).
    assessor.role = Role.OBJECTION_MEMBER
    assessor.save(update_fields=["role"])
    assert was_assessor_of_review(assessor, lodged.review)
    assert not was_assessor_of_review(member, lodged.review)
    with pytest.raises(services.ObjectionError, match="was assessor van deze beoordeling"):
        services.assign_member(objection=lodged, member=assessor, actor=office)
    with pytest.raises(services.ObjectionError, match="was assessor van deze beoordeling"):
        services.assign_member(objection=lodged, member=second_assessor, actor=office)
    not_a_member = UserFactory(email="los@example.nl", role=Role.ASSESSOR)
    with pytest.raises(services.ObjectionError, match="geen lid van de bezwaarcommissie"):
        services.assign_member(objection=lodged, member=not_a_member, actor=office)
    lodged.refresh_from_db()
    assert (lodged.state, lodged.member_id) == (ObjectionState.LODGED, None)
    services.assign_member(objection=lodged, member=member, actor=office)
    lodged.refresh_from_db()
    assert (lodged.state, lodged.member_id) == (ObjectionState.ASSIGNED, member.pk)


@pytest.mark.django_db
def test_a_withdrawn_assessor_counts_as_assessor_too(lodged, office):
    former = UserFactory(email="oud@example.nl", role=Role.ASSESSOR)
    lodged.review.assignments.create(
        assessor=former, role="first", withdrawn_at=timezone.now(), conflict="Ken haar."
    )
    former.role = Role.OBJECTION_MEMBER
    former.save(update_fields=["role"])
    with pytest.raises(services.ObjectionError, match="was assessor"):
        services.assign_member(objection=lodged, member=former, actor=office)


@pytest.mark.django_db
def test_a_declared_conflict_returns_it_to_the_office(
    lodged, member, other_member, office, candidate, django_capture_on_commit_callbacks
):
    services.assign_member(objection=lodged, member=member, actor=office)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        objection = services.declare(objection=lodged, conflict="Mijn buurvrouw.", actor=member)
    assert (objection.state, objection.member_id) == (ObjectionState.LODGED, None)
    # The office and the candidate hear of it; the description stays in the audit trail.
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        [candidate.email, "bureau@registerjobcoach.nl"]
    )
    assert not any("buurvrouw" in m.body for m in mail.outbox)
    services.assign_member(objection=objection, member=other_member, actor=office)
    objection = services.declare(objection=objection, conflict="", actor=other_member)
    assert objection.state == ObjectionState.IN_REVIEW


@pytest.mark.django_db
def test_only_the_cleared_member_decides(lodged, member, other_member, office):
    services.assign_member(objection=lodged, member=member, actor=office)
    with pytest.raises(services.ObjectionError, match="commissielid van dit bezwaar"):
        services.decide_objection(objection=lodged, upheld=False, reason="Nee.", actor=member)
    services.declare(objection=lodged, conflict="", actor=member)
    for actor in (other_member, office):
        with pytest.raises(services.ObjectionError, match="commissielid van dit bezwaar"):
            services.decide_objection(objection=lodged, upheld=False, reason="Nee.", actor=actor)


@pytest.mark.django_db
def test_rejected_leaves_the_decision(in_review, member):
    review_before = type(in_review.review).objects.get(pk=in_review.review_id)
    objection = services.decide_objection(
        objection=in_review, upheld=False, reason="Het besluit is zorgvuldig.", actor=member
    )
    review = type(in_review.review).objects.get(pk=in_review.review_id)
    assert objection.state == ObjectionState.REJECTED
    assert (review.decision, review.decided_at) == (
        Decision.NOT_GRANTED,
        review_before.decided_at,
    )


@pytest.mark.django_db
def test_upheld_revises_the_decision_and_queues_a_new_report(
    in_review, member, monkeypatch, django_capture_on_commit_callbacks
):
    review = in_review.review
    first_report = make_report(review_id=review.pk, round=review.round)
    queued = []
    monkeypatch.setattr(
        "assessment.tasks.generate_report.delay", lambda **kwargs: queued.append(kwargs)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        objection = services.decide_objection(
            objection=in_review, upheld=True, reason="C2.1 staat op bladzijde 4.", actor=member
        )
    review.refresh_from_db()
    # The candidate hears of the revised decision as of any decision.
    candidate_email = review.portfolio.candidate.email
    assert "Besluit over je certificering Register Jobcoach" in [
        m.subject for m in mail.outbox if m.to == [candidate_email]
    ]
    assert objection.state == ObjectionState.UPHELD
    assert objection.revised_decision == Decision.GRANTED
    assert (review.state, review.decision, review.decided_by_id) == (
        ReviewState.DECIDED,
        Decision.GRANTED,
        member.pk,
    )
    assert review.decision_reason == "C2.1 staat op bladzijde 4."
    assert queued == [{"review_id": review.pk, "round": review.round}]
    # Were that task lost, the hourly sweep sees the revised decision has no report yet.
    assert queue_missing_reports() == 1
    assert queued[-1] == {"review_id": review.pk, "round": review.round}
    # The task's work: a second report of the same round, for the revised decision; once.
    second_report = make_report(review_id=review.pk, round=review.round)
    assert second_report is not None
    assert second_report.pk != first_report.pk
    assert make_report(review_id=review.pk, round=review.round) is None
    assert Report.objects.filter(review=review).count() == 2
    revised = AuditEntry.objects.filter(
        portfolio_id=review.portfolio_id, action=AuditAction.DECISION_MADE
    ).latest("pk")
    assert revised.changes["besluit"] == {"voor": "not_granted", "na": "granted"}
    # The grant on objection registers the job coach, as a grant does (register app).
    registration = Registration.objects.get(candidate=review.portfolio.candidate)
    assert registration.review_id == review.pk


@pytest.mark.django_db
@pytest.mark.dates
def test_reminders_go_out_once_a_day(
    lodged, member, office, settings, django_capture_on_commit_callbacks
):
    from objections.reminders import send_reminders  # noqa: PLC0415 - only here

    terms = ObjectionTerms.objects.create(
        version=lodged.review.portfolio.framework_version, assignment_days=7, reminder_days=2
    )
    # Noon of the day it was lodged: an hour later is still that local day, whatever the
    # time the test runs.
    day = timezone.localtime(lodged.lodged_at).replace(hour=12, minute=0)

    def remind(now) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return send_reminders(now=now)

    mail.outbox.clear()
    assert remind(day + timedelta(days=4)) == 0
    assert remind(day + timedelta(days=5)) == 1  # 7 - 2 days: the office, unassigned
    assert remind(day + timedelta(days=5, hours=1)) == 0  # the same local day: once
    assert [m.to for m in mail.outbox] == [[settings.OFFICE_EMAIL]]
    services.assign_member(objection=lodged, member=member, actor=office)
    mail.outbox.clear()
    now = timezone.localtime(timezone.now())
    assert remind(now + timedelta(days=terms.decision_days - 3)) == 0
    assert remind(now + timedelta(days=terms.decision_days - 1)) == 1
    assert [m.to for m in mail.outbox] == [[member.email]]
