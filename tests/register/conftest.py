import pytest
from django.utils import timezone

from register import services


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
