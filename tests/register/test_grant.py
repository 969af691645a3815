"""A granted decision registers the candidate, in the decision's own transaction."""

from django.core import mail
from django.utils import timezone

from assessment.enums import Decision
from assessment.services.decision import decide, revise_decision
from register.enums import RegistrationStatus
from register.models import Registration
from tests.factories.registrations import review_to_decide


def test_a_grant_registers_the_candidate(
    seeded_version,
    candidate,
    assessor,
    second_assessor,
    office,
    django_capture_on_commit_callbacks,
):
    review = review_to_decide(
        version=seeded_version,
        candidate=candidate,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
    )
    assert not Registration.objects.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    registration = Registration.objects.get()
    year = timezone.localdate().year
    assert registration.candidate == candidate
    assert registration.review == review
    assert registration.framework_version == seeded_version
    assert registration.number == f"RJC-{year}-00001"
    assert registration.starts_on == timezone.localdate(review.decided_at)
    assert registration.status == RegistrationStatus.VALID
    subjects = [m.subject for m in mail.outbox if m.to == [candidate.email]]
    assert "Je bent ingeschreven in het Register Jobcoach" in subjects


def test_a_grant_revoked_on_objection_strikes_the_registration_off(
    seeded_version,
    candidate,
    assessor,
    second_assessor,
    office,
    django_capture_on_commit_callbacks,
):
    review = review_to_decide(
        version=seeded_version,
        candidate=candidate,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
        revise_decision(
            review=review,
            decision=Decision.NOT_GRANTED,
            reason="De commissie acht C2.1 niet aangetoond.",
            actor=office,
        )
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.STRUCK_OFF
    assert "bezwaar" in registration.status_reason
