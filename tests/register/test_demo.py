"""seed_demo: registrations in every status, each with its certificate."""

from django.utils import timezone

from portal.demo import ensure_demo_accounts
from register import demo
from register.certificate import current_certificate
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
