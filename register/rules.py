"""The register's rules in one place: what status a registration has on a local date,
which changes are the calendar's and which the office's, what the public verification
answers, and who may change what the register publishes.

Everything is on local dates (Europe/Amsterdam, `timezone.localdate()`): a registration
valid until 14 January 2031 is expired from 00:00 local time on 15 January 2031.
"""

import calendar
from datetime import date, timedelta

import rules

from portal.rules import is_office
from register.enums import RegistrationStatus, Verification

# Set and lifted by the office only (after a complaint); the calendar leaves them alone.
OFFICE_HELD = frozenset({RegistrationStatus.SUSPENDED, RegistrationStatus.STRUCK_OFF})
# Follow from the dates alone; the daily task moves a registration between them.
BY_CALENDAR = frozenset(
    {RegistrationStatus.VALID, RegistrationStatus.EXPIRING, RegistrationStatus.EXPIRED}
)
VERIFICATION = {
    RegistrationStatus.VALID: Verification.VALID,
    RegistrationStatus.EXPIRING: Verification.VALID,
    RegistrationStatus.EXPIRED: Verification.EXPIRED,
    RegistrationStatus.SUSPENDED: Verification.SUSPENDED,
    RegistrationStatus.STRUCK_OFF: Verification.STRUCK_OFF,
}


def add_months(day: date, months: int) -> date:
    """`day` plus (or minus) whole months; the 31st becomes the month's last day."""
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    last = calendar.monthrange(year, month + 1)[1]
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def valid_until(starts_on: date, *, months: int) -> date:
    """The last local day of a registration of `months` months starting on `starts_on`."""
    return add_months(starts_on, months) - timedelta(days=1)


def expiring_from(until: date, *, months: int) -> date:
    """The first local day on which a registration valid until `until` is "expiring"."""
    return add_months(until + timedelta(days=1), -months)


def suspension_ended(registration, *, today: date) -> bool:
    """A suspension until a date is over from the local day after that date (the office
    decided its end in advance; the calendar carries it out)."""
    return (
        registration.status == RegistrationStatus.SUSPENDED
        and registration.suspended_until is not None
        and today > registration.suspended_until
    )


def status_on(registration, *, today: date, expiring_months: int) -> str:
    """The status `registration` has on local date `today`: the office's suspension or
    striking-off stands (a suspension until a date up to and including that date);
    otherwise the dates decide (expired from the day after `valid_until`, expiring within
    the office's window before it)."""
    if registration.status in OFFICE_HELD and not suspension_ended(registration, today=today):
        return registration.status
    return calendar_status(registration, today=today, expiring_months=expiring_months)


def calendar_status(registration, *, today: date, expiring_months: int) -> str:
    """The status the dates alone give: what a lifted suspension returns to."""
    if today > registration.valid_until:
        return RegistrationStatus.EXPIRED
    if today >= expiring_from(registration.valid_until, months=expiring_months):
        return RegistrationStatus.EXPIRING
    return RegistrationStatus.VALID


def verification(status: str) -> Verification:
    """The public one-word answer for a status ("geldig" also while expiring)."""
    return VERIFICATION[RegistrationStatus(status)]


def is_publicly_valid(status: str) -> bool:
    return verification(status) == Verification.VALID


@rules.predicate
def is_registered(user) -> bool:
    """The user holds a registration (of any status): they manage what it publishes."""
    return bool(user.is_authenticated and hasattr(user, "registration"))


rules.add_perm("register.manage_own_registration", is_registered)


@rules.predicate
def owns_registration(user, registration) -> bool:
    return bool(
        user.is_authenticated and registration is not None and registration.candidate_id == user.pk
    )


# The certificate: the job coach it names and the office; nobody else (404).
rules.add_perm("register.download_certificate", owns_registration | is_office)
