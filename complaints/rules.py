"""Who may do what with a complaint and with a registration's measures (django-rules).

Services enforce these; views and templates only ask them (`permissions`,
`complaint_permissions`): no template compares a status. The office acts; nobody else
sees these pages (404)."""

import rules

from complaints.enums import ComplaintState
from portal.rules import is_office
from register.enums import RegistrationStatus

# What a suspension may interrupt: a registration that is valid today.
SUSPENDABLE = frozenset({RegistrationStatus.VALID, RegistrationStatus.EXPIRING})


@rules.predicate
def is_suspendable(_user, registration) -> bool:
    return registration is not None and registration.status in SUSPENDABLE


@rules.predicate
def is_suspended(_user, registration) -> bool:
    return registration is not None and registration.status == RegistrationStatus.SUSPENDED


@rules.predicate
def is_struck_off(_user, registration) -> bool:
    return registration is not None and registration.status == RegistrationStatus.STRUCK_OFF


@rules.predicate
def is_on_the_register(_user, registration) -> bool:
    """Not struck off (a striking-off is final)."""
    return registration is not None and registration.status != RegistrationStatus.STRUCK_OFF


@rules.predicate
def is_received(_user, complaint) -> bool:
    return complaint is not None and complaint.state == ComplaintState.RECEIVED


@rules.predicate
def is_open(_user, complaint) -> bool:
    return complaint is not None and complaint.state != ComplaintState.CLOSED


may_record_complaint = is_office
may_suspend = is_office & is_suspendable
may_lift = is_office & is_suspended
# A striking-off is final: a struck-off job coach registers again through a new
# certification.
may_strike_off = is_office & is_on_the_register
may_start_handling = is_office & is_received
may_close = is_office & is_open

MEASURES = {"suspend": may_suspend, "lift": may_lift, "strike_off": may_strike_off}


def permissions(user, registration) -> dict:
    """{action: allowed?} for a registration's page."""
    return {
        "record_complaint": may_record_complaint.test(user, registration),
        **{name: predicate.test(user, registration) for name, predicate in MEASURES.items()},
    }


def complaint_permissions(user, complaint) -> dict:
    return {
        "start_handling": may_start_handling.test(user, complaint),
        "close": may_close.test(user, complaint),
        "suspend": may_suspend.test(user, complaint.registration),
        "strike_off": may_strike_off.test(user, complaint.registration),
    }


rules.add_perm("complaints.record", may_record_complaint)
for _name, _predicate in MEASURES.items():
    rules.add_perm(f"complaints.{_name}", _predicate)
rules.add_perm("complaints.start_handling", may_start_handling)
rules.add_perm("complaints.close", may_close)
