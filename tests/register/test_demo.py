"""seed_demo: registrations in every status, each with its certificate; the demo
complaints (complaints.demo)."""

from django.utils import timezone

from audit.enums import AuditAction
from audit.models import AuditEntry
from complaints import demo as complaints_demo
from complaints.enums import ComplaintOutcome, ComplaintState
from complaints.models import Complaint
from portal.demo import ensure_demo_accounts
from register import demo
from register.certificate import current_certificate
from register.enums import RegistrationStatus
from register.models import Certificate, Registration


def test_every_demo_registration_has_its_certificate(seeded_version):
    ensure_demo_accounts()
    lines = demo.seed_demo()
    registrations = list(Registration.objects.all())
    assert len(registrations) == len(demo.DEMO_REGISTRATIONS)
    assert f"register: {len(registrations)} certificaten gemaakt" in lines
    today = timezone.localdate()
    assert all(current_certificate(r, today=today) is not None for r in registrations)
    # Idempotent: a second run makes none.
    assert demo.seed_demo() == []
    assert Certificate.objects.count() == len(registrations)


def test_the_demo_complaints_come_through_the_services_once(seeded_version):

    ensure_demo_accounts()
    demo.seed_demo()
    lines = complaints_demo.seed_demo()
    assert len(lines) == 2
    handling = Complaint.objects.get(registration__candidate__email=complaints_demo.IN_HANDLING)
    assert handling.state == ComplaintState.HANDLING
    assert handling.registration.status == RegistrationStatus.VALID
    closed = Complaint.objects.get(registration__candidate__email=complaints_demo.SUSPENDED)
    assert closed.state == ComplaintState.CLOSED
    assert closed.outcome == ComplaintOutcome.FOUNDED
    assert closed.registration.status == RegistrationStatus.SUSPENDED
    assert closed.registration.suspended_until is not None
    # The suspension follows the complaint (complaints.services.suspend audits it).
    suspension = AuditEntry.objects.get(
        action=AuditAction.REGISTRATION_STATUS, changes__status__na=RegistrationStatus.SUSPENDED
    )
    assert suspension.changes["klacht"]["na"] == closed.pk
    assert AuditEntry.objects.filter(action=AuditAction.COMPLAINT_RECORDED).count() == 2
    # Idempotent: a second run records nothing.
    assert complaints_demo.seed_demo() == []
    assert Complaint.objects.count() == 2
