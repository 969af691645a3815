"""What the public register shows of the office's measures, as the office's policy says
(`RegisterPolicy.show_suspension`, `struck_off_visible_months`; the default policy's,
like `noindex`: one register, one publication policy).

A registration the policy withholds is not in the public register at all: the search
does not find it and its page and verification answer 404 ("not in the register"). It
never answers "geldig" for a suspended registration: that fails closed.
"""

from datetime import date

from django.db.models import Q

from register import rules
from register.enums import RegistrationStatus


def struck_off_cutoff(*, today: date, policy) -> date:
    """A striking-off before this local date is no longer shown."""
    return rules.add_months(today, -policy.struck_off_visible_months)


def is_public(registration, *, status: str, today: date, policy) -> bool:
    """Whether the public register shows `registration` (whose status today is `status`)."""
    if status == RegistrationStatus.SUSPENDED:
        return policy.show_suspension
    if status == RegistrationStatus.STRUCK_OFF:
        if policy.struck_off_visible_months == 0:
            return False
        since = registration.status_since
        return since is None or since >= struck_off_cutoff(today=today, policy=policy)
    return True


def withheld(*, today: date, policy) -> Q:
    """The registrations `is_public` withholds, as a filter for the search (one query).
    A suspension whose last day has passed counts as over, as in `rules.status_on`."""
    hidden = Q(status=RegistrationStatus.STRUCK_OFF)
    if policy.struck_off_visible_months:
        hidden &= Q(status_since__lt=struck_off_cutoff(today=today, policy=policy))
    if not policy.show_suspension:
        hidden |= Q(status=RegistrationStatus.SUSPENDED) & (
            Q(suspended_until__isnull=True) | Q(suspended_until__gte=today)
        )
    return hidden
