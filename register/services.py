"""Writes of the register. Every change of a registration goes through here: it is
saved, audited and e-mailed in one transaction (the e-mail goes out on commit)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.enums import Decision
from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portal.mail import queue_mail
from register import recertification, rules
from register.enums import RegistrationStatus
from register.models import NumberCounter, RegisterPolicy, Registration
from register.selectors import policy_for

PLACE = limits.TextLimit(_("De plaats"), 100)
ORGANISATION = limits.TextLimit(_("De organisatie"), 150)
WEBSITE = limits.TextLimit(_("De website"), 200)
STATUS_REASON = limits.TextLimit(_("De reden"), 300)


class RegisterError(Exception):
    """A change the register refuses; the message says why, in Dutch."""


def ensure_default_policy() -> RegisterPolicy:
    """The default register policy (the model's defaults: what migration 0002 makes), if
    it is missing: after a test database flush, which empties what migrations wrote."""
    policy, _created = RegisterPolicy.objects.get_or_create(
        version=None,
        defaults={"note": "Vastgesteld door het bureau bij de start van het register."},
    )
    return policy


def grant_registration(*, review, actor) -> Registration | None:
    """Called by `assessment.services.decide` (and `revise_decision`) inside its
    transaction: a granted review registers its candidate (a failure here undoes the
    decision: fail closed). Anything but a grant, or a candidate already registered,
    registers nothing; a recertification "not granted" is closed, so that the job coach
    may start a new attempt (`recertification.close`)."""
    if review.decision == Decision.NOT_GRANTED:
        recertification.close(review=review)
    if review.decision != Decision.GRANTED:
        return None
    # A granted recertification extends the same registration (register.recertification).
    if (renewed := recertification.renew(review=review, actor=actor)) is not None:
        return renewed
    portfolio = review.portfolio
    if Registration.objects.filter(candidate_id=portfolio.candidate_id).exists():
        return None
    return register(
        candidate=portfolio.candidate,
        version=portfolio.framework_version,
        starts_on=timezone.localdate(review.decided_at),
        review=review,
        actor=actor,
    )


def revoke_registration(*, review, actor) -> bool:
    """Called by `assessment.services.revise_decision` inside its transaction: a grant
    revised to "not granted" (an upheld objection) strikes off the registration that
    grant made, so the public register no longer answers "geldig"; a revised grant of a
    recertification only undoes the renewal (`recertification.undo_renewal`). False when
    there is none or the decision is still a grant."""
    if review.decision == Decision.GRANTED:
        return False
    # A revoked recertification undoes its renewal: the previous period stands.
    if recertification.undo_renewal(review=review, actor=actor) is not None:
        return True
    registration = Registration.objects.filter(review=review).first()
    if registration is None:
        return False
    return change_status(
        registration=registration,
        to=RegistrationStatus.STRUCK_OFF,
        actor=actor,
        reason="Besluit herzien na bezwaar: niet toegekend.",  # stored, in Dutch
    )


@transaction.atomic
def register(*, candidate, version, starts_on: date, actor, review=None) -> Registration:
    """Register `candidate` from `starts_on` for the policy's validity period.

    Side effects: a number from the policy's format (the year's counter locked); an
    audit row; an e-mail to the job coach on commit. Publishes the name and number only
    until the job coach chooses more on /mijn-registratie/.
    """
    policy = policy_for(version.pk)
    registration = Registration.objects.create(
        number=_next_number(policy, year=starts_on.year),
        candidate=candidate,
        review=review,
        framework_version=version,
        starts_on=starts_on,
        valid_until=rules.valid_until(starts_on, months=policy.validity_months),
        # The column holds 200 characters; an account's name may hold more.
        public_name=(candidate.get_full_name() or candidate.email)[
            : Registration._meta.get_field("public_name").max_length
        ],
    )
    audit.record(
        actor=actor,
        action=AuditAction.REGISTRATION_CREATED,
        portfolio_id=review.portfolio_id if review else None,
        subject_user_id=candidate.pk,
        target=registration,
        summary=registration.number,
        changes={
            "registratienummer": audit.change(None, registration.number),
            "geldig tot en met": audit.change(None, registration.valid_until.isoformat()),
            "publicatie": audit.change(None, _("naam en nummer")),
        },
    )
    queue_mail(
        template="register/email/registered",
        context={"registration": registration},
        to=[candidate.email],
    )
    return registration


def _next_number(policy, *, year: int) -> str:
    """The next number of `year` in the policy's format; the counter row is locked, so
    two grants at once get different numbers."""
    NumberCounter.objects.get_or_create(year=year)
    counter = NumberCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return policy.format_number(year=year, sequence=counter.last)


@transaction.atomic
def change_status(
    *,
    registration: Registration,
    to: str,
    actor,
    reason: str = "",
    until: date | None = None,
    extra: dict | None = None,
) -> bool:
    """Move a registration to status `to` (`until`: the last day of a suspension, None:
    until lifted; `extra`: more audit changes, e.g. the complaint it follows). False (and
    nothing written) when it already has it. The calendar's statuses never replace the
    office's (suspended, struck off): only the office lifts those, with `actor` set, or
    the calendar at the end of a suspension the office gave an end date.

    Side effects: audit row (the reason masked); e-mail to the job coach on commit.
    """
    STATUS_REASON.check(reason, error=RegisterError)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    before = registration.status
    today = timezone.localdate()
    if before == to:
        return False
    if (
        before in rules.OFFICE_HELD
        and actor is None
        and not rules.suspension_ended(registration, today=today)
    ):
        raise RegisterError(_("Alleen het bureau heft een schorsing of doorhaling op."))
    registration.status = RegistrationStatus(to)
    registration.status_reason = reason.strip()
    registration.status_since = today
    registration.suspended_until = until if to == RegistrationStatus.SUSPENDED else None
    registration.save(update_fields=["status", "status_reason", "status_since", "suspended_until"])
    changes = {
        "status": audit.change(before, registration.status),
        "reden": audit.change(None, audit.masked(registration.status_reason)),
    }
    if registration.suspended_until:
        changes["geschorst tot en met"] = audit.change(
            None, registration.suspended_until.isoformat()
        )
    audit.record(
        actor=actor,
        action=AuditAction.REGISTRATION_STATUS,
        subject_user_id=registration.candidate_id,
        target=registration,
        summary=f"{registration.number}: {registration.get_status_display()}",
        changes={**changes, **(extra or {})},
    )
    queue_mail(
        template="register/email/status_changed",
        context={"registration": registration, "before": RegistrationStatus(before).label},
        to=[registration.candidate.email],
        actor=actor,
    )
    return True


def follow_calendar(*, registration: Registration, today: date, known: dict) -> bool:
    """Give the registration the status its dates give it on `today` (the daily task;
    `known`: the policies). True when it changed."""
    policy = policy_for(registration.framework_version_id, known)
    status = rules.status_on(registration, today=today, expiring_months=policy.expiring_months)
    if status == registration.status:
        return False
    return change_status(registration=registration, to=status, actor=None)


@transaction.atomic
def set_publication(*, registration: Registration, actor, **choice) -> Registration:
    """The job coach chooses what the public register shows besides name and number:
    `place`, `organisation`, `website` and whether each is shown (`show_…`).

    Side effects: audit row of what changed (the texts masked); nothing when nothing did.
    """
    for limit, field in ((PLACE, "place"), (ORGANISATION, "organisation"), (WEBSITE, "website")):
        limit.check(choice.get(field, ""), error=RegisterError)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    changes = {}
    for field in ("place", "organisation", "website"):
        value = choice.get(field, "").strip()
        if value != getattr(registration, field):
            changes[field] = audit.change(
                audit.masked(getattr(registration, field)), audit.masked(value)
            )
            setattr(registration, field, value)
    for field in ("show_place", "show_organisation", "show_website"):
        value = bool(choice.get(field, False))
        if value != getattr(registration, field):
            changes[field] = audit.change(getattr(registration, field), value)
            setattr(registration, field, value)
    if not changes:
        return registration
    registration.consent_changed_at = timezone.now()
    registration.save()
    audit.record(
        actor=actor,
        action=AuditAction.REGISTRATION_PUBLICATION,
        subject_user_id=registration.candidate_id,
        target=registration,
        summary=registration.number,
        changes=changes,
    )
    return registration
