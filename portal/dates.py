"""Local days: the register's periods are counted in days of Europe/Amsterdam
(settings.TIME_ZONE), while instants are stored in UTC.

A period of N days that starts at an instant ends on the local date of that instant
plus N days, and is over from the start of the local day after it. Adding N * 24 hours
to the instant instead ends it at a different local date after 22:00 UTC or across a
clock change; `.date()` of a UTC datetime is yesterday between 22:00/23:00 UTC and
midnight local. Compare local dates (`timezone.localdate()`), and query instants
against `start_of_day` of a local date.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def start_of_day(day: date) -> datetime:
    """The aware instant at which local `day` begins (00:00 local time always exists in
    Europe/Amsterdam: the clocks change at 02:00/03:00)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def days_after(moment: datetime, days: int) -> date:
    """The local date `days` days after the local date of `moment`."""
    return timezone.localdate(moment) + timedelta(days=days)
