"""`manage.py screenshots` (the README's pictures): what it photographs comes from the
tour, and it refuses where it must. (The pictures themselves: tests/browser/test_layout.py
visits the same pages.)"""

import pytest
from django.core.management import CommandError, call_command

from portal.demo import ensure_demo_accounts
from portal.tour import tours


@pytest.mark.django_db
def test_it_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="niet in productie"):
        call_command("screenshots")


@pytest.mark.django_db
def test_it_asks_for_the_demo_data_first(seeded_version, tmp_path):
    with pytest.raises(CommandError, match="eerst seed_demo"):
        call_command("screenshots", "--out", str(tmp_path), "--chromium", "/bin/true")
    assert not list(tmp_path.iterdir())


@pytest.mark.django_db
def test_the_tour_marks_a_picture_for_every_role(seeded_version):
    ensure_demo_accounts()
    marked = {tour.role for tour in tours() if any(stop.screenshot for stop in tour.stops)}
    # Without portfolios and reviews only the pages that need none; every role has one.
    assert {"assessor", "bureau", "bezwaarcommissie", "beheer", "kandidaat-besluit"} <= marked
    names = [(tour.role, stop.name) for tour in tours() for stop in tour.stops]
    assert len(names) == len(set(names))
