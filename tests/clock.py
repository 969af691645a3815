"""The clock harness: the instants at which a date rule is most easily wrong.

The register works in Europe/Amsterdam (settings.TIME_ZONE) and stores UTC. Between
22:00 and 24:00 UTC the UTC date and the local date differ (an hour less in winter), so
any rule that compares `now.date()` of a UTC datetime, a `__date` lookup evaluated in
UTC, or an instant plus N days instead of a local date plus N days, goes wrong there.
The instants below are those of the issue — 23:30 UTC, 00:30 and 01:30 Europe/Amsterdam,
in winter (CET, UTC+1) and summer time (CEST, UTC+2) — of which two pairs coincide
(23:30 UTC is 00:30 CET in winter and 01:30 CEST in summer), 23:30 local in winter and
summer (the dates agree, but "an hour later" or "now minus N days" is another local
date: a test that assumed otherwise failed only when CI happened to run at that hour),
plus the two nights on which the clocks change, for date arithmetic across a switch.

Two ways to use them:

- a test that asks for the `boundary_clock` fixture runs once per instant, travelled
  there before any of its other fixtures run (so the data it creates is made "then"),
  and is marked `dates` and `boundaries` (under --clock-at: at the instants given);
- `pytest --clock-at=NAME|ISO` (or the CLOCK_AT environment variable) travels every
  test of the run to that instant; `--clock-at=all` (or a comma-separated list) runs
  every test once per instant, in one session. CI runs the `dates` tests that are not
  already run at every boundary by `make test` at each of them:
  `pytest -m "dates and not boundaries" --clock-at=all`.

The clock keeps ticking (time_machine with tick=True): time still moves during a test.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Boundary:
    name: str
    instant: datetime  # aware, UTC
    why: str

    @property
    def local(self) -> datetime:
        return self.instant.astimezone(AMSTERDAM)

    def __str__(self) -> str:
        return f"{self.name} ({self.instant:%Y-%m-%d %H:%M} UTC = {self.local:%H:%M %Z})"


def _utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Dates well away from a clock change (mid-January, mid-July), in the future of the suite's
# fixed dates so that "in the past"/"in the future" checks keep their meaning, and on the
# nights of the 2027 switches (28 March: 02:00 CET -> 03:00 CEST at 01:00 UTC; 31 October:
# 03:00 CEST -> 02:00 CET at 01:00 UTC).
BOUNDARIES: tuple[Boundary, ...] = (
    Boundary(
        "winter-0030cet",
        _utc(2027, 1, 14, 23, 30),
        "23:30 UTC = 00:30 CET: the UTC date is still yesterday",
    ),
    Boundary(
        "winter-0130cet",
        _utc(2027, 1, 15, 0, 30),
        "01:30 CET = 00:30 UTC: both dates agree again, an hour after local midnight",
    ),
    Boundary(
        "summer-0030cest",
        _utc(2027, 7, 14, 22, 30),
        "00:30 CEST = 22:30 UTC: the UTC date is yesterday",
    ),
    Boundary(
        "summer-0130cest",
        _utc(2027, 7, 14, 23, 30),
        "23:30 UTC = 01:30 CEST: the UTC date is yesterday",
    ),
    Boundary(
        "winter-2330cet",
        _utc(2027, 1, 14, 22, 30),
        "23:30 CET = 22:30 UTC: both dates agree, but an hour later is tomorrow locally",
    ),
    Boundary(
        "summer-2330cest",
        _utc(2027, 7, 14, 21, 30),
        "23:30 CEST = 21:30 UTC: both dates agree, but an hour later is tomorrow locally",
    ),
    Boundary(
        "spring-forward",
        _utc(2027, 3, 27, 23, 30),
        "00:30 CET on 28 March 2027, the night the clocks go forward (a 23-hour day)",
    ),
    Boundary(
        "fall-back",
        _utc(2027, 10, 30, 22, 30),
        "00:30 CEST on 31 October 2027, the night the clocks go back (a 25-hour day)",
    ),
)
BY_NAME = {b.name: b for b in BOUNDARIES}


def _one_instant(value: str) -> Boundary:
    if value in BY_NAME:
        return BY_NAME[value]
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        instant = None
    if instant is None or instant.tzinfo is None:
        names = ", ".join(BY_NAME)
        raise pytest.UsageError(
            f"--clock-at/CLOCK_AT: {value!r} is neither a boundary ({names}, or all) "
            "nor an ISO 8601 instant with an offset (2027-01-14T23:30:00+00:00)"
        )
    instant = instant.astimezone(UTC)
    return Boundary(f"at-{instant:%Y%m%dT%H%M%SZ}", instant, "given with --clock-at")


def parse_clock_at(value: str) -> tuple[Boundary, ...]:
    """`all` (every boundary), or a comma-separated list of boundary names and ISO 8601
    instants with their offsets (a naive one is refused: it would be read in the
    machine's time zone, which is exactly what is under test)."""
    if value.strip() == "all":
        return BOUNDARIES
    return tuple(_one_instant(part.strip()) for part in value.split(","))


def parametrize_clock(metafunc) -> None:
    """pytest_generate_tests: a `boundary_clock` test runs once per boundary (under
    --clock-at: per instant given); under a --clock-at of several instants every other
    test runs once per instant too (one session, one test database, for CI)."""
    clock_at = metafunc.config.clock_at
    if "boundary_clock" in metafunc.fixturenames:
        instants = clock_at or BOUNDARIES
        metafunc.parametrize(
            "boundary_clock", instants, ids=[b.name for b in instants], indirect=True
        )
    elif clock_at is not None and len(clock_at) > 1:
        metafunc.parametrize("_clock_at", clock_at, ids=[b.name for b in clock_at], indirect=True)


@pytest.fixture
def boundary_clock(request) -> Boundary:
    """The boundary this run of the test is at; `_travel` has already taken the clock
    there (before any other fixture of the test)."""
    return request.param


@pytest.fixture
def _clock_at(request) -> Boundary | None:
    """The --clock-at instant of this test: the only one, or this run's of several."""
    if hasattr(request, "param"):
        return request.param
    clock_at = request.config.clock_at
    return clock_at[0] if clock_at else None


@pytest.fixture(autouse=True)
def _travel(request, _clock_at):
    """Take the clock to the test's boundary (`boundary_clock`) or to its --clock-at
    instant, for the whole test including its fixtures."""
    callspec = getattr(request.node, "callspec", None)
    boundary = (callspec.params.get("boundary_clock") if callspec else None) or _clock_at
    if boundary is None:
        yield
        return
    # Given as local time: time_machine sets the process's TZ to the destination's zone
    # (a UTC instant would make it UTC for the test), and the portal's processes run
    # with TZ=settings.TIME_ZONE (Django sets it).
    with time_machine.travel(boundary.instant.astimezone(ZoneInfo(settings.TIME_ZONE)), tick=True):
        yield
