"""Writes of complaints and of the office's measures on a registration (suspend, lift,
strike off). Each locks its row, checks the predicate of `complaints.rules` on the
locked row, writes, audits and e-mails the job coach on commit; a refusal raises
`ComplaintError` with a Dutch message. Status changes themselves go through
`register.services.change_status` (audited, e-mailed); each measure is also kept as a
`Measure` row with its reason, so that earlier measures keep theirs."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import services as audit
from audit.enums import AuditAction
from complaints import rules
from complaints.enums import ComplaintOutcome, ComplaintState, MeasureKind
from complaints.models import Complaint, Measure
from portal import limits
from portal.mail import queue_mail
from portal.rules import is_office
from register import rules as register_rules
from register.enums import RegistrationStatus
from register.models import Registration
from register.selectors import policy_for
from register.services import STATUS_REASON, RegisterError, change_status

COMPLAINANT = limits.TextLimit(gettext_lazy("Naam van de klager"), 200)
CONTACT = limits.TextLimit(gettext_lazy("De contactgegevens"), 200)
SUMMARY = limits.TextLimit(gettext_lazy("De samenvatting"), 5000)
OUTCOME_REASON = limits.TextLimit(gettext_lazy("De motivering"), 5000)
# The longest suspension with an end date: a technical bound (longer: until lifted).
MAX_SUSPENSION = timedelta(days=5 * 366)


class ComplaintError(Exception):
    """A refused step; the message is shown to the office, in Dutch."""


def _required(value: str, message) -> str:
    if not value.strip():
        raise ComplaintError(str(message))
    return value.strip()


def _locked_registration(registration: Registration) -> Registration:
    return (
        Registration.objects.select_related("candidate")
        .select_for_update(of=("self",))
        .get(pk=registration.pk)
    )


def _locked_complaint(complaint: Complaint) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    locked.registration = Registration.objects.select_related("candidate").get(
        pk=locked.registration_id
    )
    return locked


def _refuse_unless(predicate, actor, obj, message) -> None:
    """The role first (one message for anyone but the office), then the state."""
    if not is_office.test(actor):
        raise ComplaintError(_("Alleen het bureau kan dit doen."))
    if not predicate.test(actor, obj):
        raise ComplaintError(str(message))


def _mail_job_coach(template: str, complaint: Complaint, *, actor) -> None:
    queue_mail(
        template=f"complaints/email/{template}",
        context={"complaint": complaint, "registration": complaint.registration},
        to=[complaint.registration.candidate.email],
        actor=actor,
    )


@transaction.atomic
def record_complaint(
    *,
    registration: Registration,
    complainant: str,
    contact: str,
    received_on: date,
    summary: str,
    actor,
) -> Complaint:
    """Record a complaint about the job coach of `registration`.

    Side effects: audit row (the texts masked); e-mail to the job coach on commit (that a
    complaint came in and the office will hear them; not who lodged it).
    """
    for limit, value in ((COMPLAINANT, complainant), (CONTACT, contact), (SUMMARY, summary)):
        limit.check(value, error=ComplaintError)
    registration = _locked_registration(registration)
    _refuse_unless(rules.may_record_complaint, actor, registration, "")
    complainant = _required(complainant, _("Vul in wie de klacht indiende."))
    summary = _required(summary, _("Vat de klacht samen."))
    if received_on > timezone.localdate():
        raise ComplaintError(_("De ontvangstdatum ligt in de toekomst."))
    if received_on < registration.starts_on:
        raise ComplaintError(_("De ontvangstdatum ligt vóór de ingangsdatum van de registratie."))
    complaint = Complaint.objects.create(
        registration=registration,
        complainant=complainant,
        complainant_contact=contact.strip(),
        received_on=received_on,
        summary=summary,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.COMPLAINT_RECORDED,
        subject_user_id=registration.candidate_id,
        target=complaint,
        summary=registration.number,
        changes={
            "ontvangen op": audit.change(None, received_on.isoformat()),
            "ingediend door": audit.change(None, audit.masked(complainant)),
            "samenvatting": audit.change(None, audit.masked(summary)),
        },
    )
    _mail_job_coach("recorded", complaint, actor=actor)
    return complaint


def _transition(complaint: Complaint, to: str, *, actor, changes: dict) -> None:
    before = complaint.state
    complaint.state = to
    complaint.save()
    audit.record(
        actor=actor,
        action=AuditAction.COMPLAINT_TRANSITION,
        subject_user_id=complaint.registration.candidate_id,
        target=complaint,
        summary=complaint.registration.number,
        changes={"status": audit.change(before, to), **changes},
    )


@transaction.atomic
def start_handling(*, complaint: Complaint, actor) -> Complaint:
    """Received → in handling. Side effects: audit row; e-mail to the job coach."""
    complaint = _locked_complaint(complaint)
    _refuse_unless(
        rules.may_start_handling, actor, complaint, _("Deze klacht is al in behandeling.")
    )
    _transition(complaint, ComplaintState.HANDLING, actor=actor, changes={})
    _mail_job_coach("transition", complaint, actor=actor)
    return complaint


@transaction.atomic
def close_complaint(*, complaint: Complaint, outcome: str, reason: str, actor) -> Complaint:
    """Close with an outcome and its reasons. Side effects: audit row (the reasons
    masked); e-mail to the job coach with outcome and reasons."""
    OUTCOME_REASON.check(reason, error=ComplaintError)
    if outcome not in ComplaintOutcome.values:
        raise ComplaintError(_("Kies een uitkomst."))
    reason = _required(reason, _("Motiveer de uitkomst."))
    complaint = _locked_complaint(complaint)
    _refuse_unless(rules.may_close, actor, complaint, _("Deze klacht is al afgehandeld."))
    complaint.outcome = outcome
    complaint.outcome_reason = reason
    complaint.closed_on = timezone.localdate()
    _transition(
        complaint,
        ComplaintState.CLOSED,
        actor=actor,
        changes={
            "uitkomst": audit.change(None, outcome),
            "motivering": audit.change(None, audit.masked(reason)),
        },
    )
    _mail_job_coach("transition", complaint, actor=actor)
    return complaint


def _complaint_of(registration: Registration, complaint: Complaint | None) -> dict:
    """The audit note of the complaint a measure follows (it must be about this
    registration)."""
    if complaint is None:
        return {}
    if complaint.registration_id != registration.pk:
        raise ComplaintError(_("Deze klacht gaat over een andere registratie."))
    return {"klacht": audit.change(None, complaint.pk)}


def _measure(registration, kind, to, *, reason, actor, until=None, complaint=None):
    """Through `register.services.change_status` (its refusals as ours), then kept as a
    `Measure` row with what the registration got. Returns the registration as it is now."""
    extra = _complaint_of(registration, complaint)
    before = registration.status
    try:
        change_status(
            registration=registration, to=to, actor=actor, reason=reason, until=until, extra=extra
        )
    except RegisterError as exc:
        raise ComplaintError(str(exc)) from exc
    after = Registration.objects.get(pk=registration.pk)
    Measure.objects.create(
        registration=after,
        kind=kind,
        status_before=before,
        status_after=after.status,
        reason=after.status_reason,
        taken_on=after.status_since,
        suspended_until=after.suspended_until,
        complaint=complaint,
        taken_by=actor,
    )
    return after


@transaction.atomic
def suspend(
    *, registration: Registration, reason: str, until: date | None, actor, complaint=None
) -> Registration:
    """Suspend a valid registration until `until` (its last day; None: until lifted).

    Side effects (change_status): audit row; e-mail to the job coach on commit.
    """
    STATUS_REASON.check(reason, error=ComplaintError)
    reason = _required(reason, _("Geef de reden van de schorsing."))
    registration = _locked_registration(registration)
    _refuse_unless(
        rules.may_suspend,
        actor,
        registration,
        _("Alleen een geldige registratie kan worden geschorst."),
    )
    today = timezone.localdate()
    if until is not None and not today <= until <= today + MAX_SUSPENSION:
        raise ComplaintError(_("De einddatum ligt tussen vandaag en over vijf jaar."))
    return _measure(
        registration,
        MeasureKind.SUSPENSION,
        RegistrationStatus.SUSPENDED,
        reason=reason,
        actor=actor,
        until=until,
        complaint=complaint,
    )


@transaction.atomic
def lift_suspension(*, registration: Registration, reason: str, actor) -> Registration:
    """Lift a suspension: the registration gets the status its dates give it today
    (expired, if it ended meanwhile). Side effects: audit row; e-mail."""
    STATUS_REASON.check(reason, error=ComplaintError)
    reason = _required(reason, _("Geef de reden van het opheffen."))
    registration = _locked_registration(registration)
    _refuse_unless(rules.may_lift, actor, registration, _("Deze registratie is niet geschorst."))
    policy = policy_for(registration.framework_version_id)
    to = register_rules.calendar_status(
        registration, today=timezone.localdate(), expiring_months=policy.expiring_months
    )
    return _measure(registration, MeasureKind.LIFTING, to, reason=reason, actor=actor)


@transaction.atomic
def strike_off(*, registration: Registration, reason: str, actor, complaint=None) -> Registration:
    """Strike a registration off the register (final). Side effects: audit row; e-mail."""
    STATUS_REASON.check(reason, error=ComplaintError)
    reason = _required(reason, _("Geef de reden van de doorhaling."))
    registration = _locked_registration(registration)
    _refuse_unless(
        rules.may_strike_off, actor, registration, _("Deze registratie is al doorgehaald.")
    )
    return _measure(
        registration,
        MeasureKind.STRIKING_OFF,
        RegistrationStatus.STRUCK_OFF,
        reason=reason,
        actor=actor,
        complaint=complaint,
    )
