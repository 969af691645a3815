import pytest
from django.utils import timezone

from profiles import recertification_demo
from register import rules, services
from register.models import Registration
from tests.factories.registrations import granted_registration


@pytest.fixture
def make_registration(seeded_version, office):
    """register(...) for a candidate, starting on a local date (default: today)."""

    def make(candidate, *, starts_on=None, place="", show_place=False):
        registration = services.register(
            candidate=candidate,
            version=seeded_version,
            starts_on=starts_on or timezone.localdate(),
            actor=office,
        )
        if place:
            registration = services.set_publication(
                registration=registration, actor=candidate, place=place, show_place=show_place
            )
        return registration

    return make


def expires_in(registration, *, months: int) -> None:
    """Move `registration`'s end date to `months` months from today (and reload it)."""
    until = rules.add_months(timezone.localdate(), months)
    Registration.objects.filter(pk=registration.pk).update(valid_until=until)
    registration.refresh_from_db()


@pytest.fixture
def recert_version(seeded_version, office):
    """The recertification framework the office builds (profiles.recertification_demo):
    one assessor, no interview, a window of 12 months."""
    return recertification_demo.build(actor=office)


@pytest.fixture
def registered(seeded_version, candidate, assessor, second_assessor, office, recert_version):
    """The candidate certified on the initial framework (sealed snapshot, granted
    review), the registration expiring in 3 months."""
    registration = granted_registration(
        version=seeded_version,
        candidate=candidate,
        assessor=assessor,
        second_assessor=second_assessor,
        office=office,
    )
    expires_in(registration, months=3)
    return registration
