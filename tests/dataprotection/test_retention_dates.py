"""Retention periods are counted in local days: the local date of the event plus the
years, over from the start of that local day — at every boundary of tests/clock.py."""

from datetime import timedelta

import time_machine
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from dataprotection import selectors
from portal.dates import start_of_day


def test_an_account_expires_at_the_start_of_the_local_day(boundary_clock, outsider, settings):
    # The account was made now (date_joined, no login): at 00:30 local in winter this is
    # 23:30 UTC of the day before, and the period still counts from the local date.
    until = boundary_clock.local.date() + relativedelta(years=settings.RETENTION_INACTIVE_YEARS)
    retention = selectors.retention_for([outsider])[outsider.pk]
    assert (retention.erasable_from, retention.basis) == (until, "account")
    for moment, expired in (
        (start_of_day(until) - timedelta(seconds=1), False),  # 23:59:59 the evening before
        (start_of_day(until), True),
    ):
        with time_machine.travel(moment, tick=False):
            assert retention.expired(timezone.now()) is expired
            due = [c.pk for c, _r in selectors.expired_candidates(timezone.now())]
            assert due == ([outsider.pk] if expired else [])
            _page, rows = selectors.office_overview(None, timezone.now())
            assert [(r["candidate"].pk, r["expired"]) for r in rows] == [(outsider.pk, expired)]
