"""The clock harness itself (tests/clock.py): the boundaries are what they claim, and
a test at a boundary is there from its first fixture on."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.clock import BOUNDARIES, BY_NAME, parse_clock_at


def test_the_boundaries_are_the_instants_of_the_issue(settings):
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    local = {b.name: b.local.strftime("%Y-%m-%d %H:%M %Z") for b in BOUNDARIES}
    assert local == {
        "winter-0030cet": "2027-01-15 00:30 CET",
        "winter-0130cet": "2027-01-15 01:30 CET",
        "summer-0030cest": "2027-07-15 00:30 CEST",
        "summer-0130cest": "2027-07-15 01:30 CEST",
        "winter-2330cet": "2027-01-14 23:30 CET",
        "summer-2330cest": "2027-07-14 23:30 CEST",
        "spring-forward": "2027-03-28 00:30 CET",
        "fall-back": "2027-10-31 00:30 CEST",
    }
    # 23:30 UTC in both seasons, and a UTC date other than the local one at three of them.
    assert {b.name for b in BOUNDARIES if b.instant.hour == 23} == {
        "winter-0030cet",
        "summer-0130cest",
        "spring-forward",
    }
    assert [b.name for b in BOUNDARIES if b.instant.date() == b.local.date()] == [
        "winter-0130cet",
        "winter-2330cet",
        "summer-2330cest",
    ]
    # An hour before local midnight in both seasons: an hour later is another local date.
    for name in ("winter-2330cet", "summer-2330cest"):
        local = BY_NAME[name].local
        assert (local + timedelta(hours=1)).date() == local.date() + timedelta(days=1)
    # The switch nights are 23 and 25 hours long.
    for name, hours in (("spring-forward", 23), ("fall-back", 25)):
        day = BY_NAME[name].local.date()
        start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        end = timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))
        # (Subtracted in UTC: Python subtracts two times of one zone as wall-clock times.)
        assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=hours)


@pytest.fixture
def made_at():
    return timezone.now()


def test_a_boundary_test_is_there_from_its_first_fixture(made_at, boundary_clock):
    now = timezone.now()
    assert boundary_clock.instant <= made_at <= now < boundary_clock.instant + timedelta(minutes=1)
    assert timezone.localdate() == boundary_clock.local.date()
    assert date.today() == boundary_clock.local.date()  # noqa: DTZ011 - the process's TZ is local


def test_clock_at_takes_names_instants_with_their_offset_or_all():
    assert [b.instant for b in parse_clock_at("summer-0030cest")] == [
        datetime(2027, 7, 14, 22, 30, tzinfo=UTC)
    ]
    given = parse_clock_at("2027-01-15T00:30:00+01:00, fall-back")
    assert [(b.name, b.instant) for b in given] == [
        ("at-20270114T233000Z", datetime(2027, 1, 14, 23, 30, tzinfo=UTC)),
        ("fall-back", datetime(2027, 10, 30, 22, 30, tzinfo=UTC)),
    ]
    assert parse_clock_at("all") == BOUNDARIES
    for wrong in ("2027-01-15T00:30:00", "morgen", "winter-0030cet,"):
        with pytest.raises(pytest.UsageError, match="--clock-at"):
            parse_clock_at(wrong)


@pytest.mark.dates
def test_clock_at_travels_every_test(request):
    # With --clock-at (CI), the test starts at its instant; without, on the real clock.
    _clock_at = request.getfixturevalue("_clock_at")
    assert time_machine.escape_hatch.is_travelling() is (_clock_at is not None)
    if _clock_at is not None:
        assert _clock_at in request.config.clock_at
        real = datetime.fromtimestamp(time_machine.escape_hatch.time.time(), UTC)
        assert abs(real - timezone.now()) > timedelta(hours=1)
    expected = _clock_at.instant if _clock_at else datetime.now(UTC)
    assert abs(timezone.now() - expected) < timedelta(minutes=1)
