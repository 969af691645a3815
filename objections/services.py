"""Writes of the objection workflow. `transition` is the only place that assigns `state`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.enums import Decision
from assessment.models import Review
from assessment.services.decision import revise_decision
from assessment.services.transition import ReviewError
from audit import services as audit
from audit.enums import AuditAction
from objections import periods, workflow
from objections import rules as objection_rules
from objections.enums import ObjectionState
from objections.models import Objection, ObjectionAttachment
from portal import limits
from portal.mail import queue_mail
from portfolio.validators import check_upload

REASONS = limits.TextLimit(gettext_lazy("De gronden van het bezwaar"), 10_000)
OUTCOME_REASON = limits.TextLimit(gettext_lazy("De motivering van de uitspraak"), 10_000)
MAX_ATTACHMENTS = 5  # a technical bound, like the limits in portal.limits


class ObjectionError(Exception):
    """A refused step; the message is shown to the user."""


def _audit(objection: Objection, action, *, actor, summary="", changes=None, target=None):
    """An audit entry about the objection (its candidate is the person concerned)."""
    review = objection.review
    audit.record(
        actor=actor,
        action=action,
        portfolio_id=review.portfolio_id,
        subject_user_id=review.portfolio.candidate_id,
        target=target if target is not None else objection,
        summary=summary,
        changes=changes,
    )


def refusal(objection: Objection, step: workflow.Step, *, actor) -> str | None:
    """Why `actor` may not take `step` now, or None (role first, then state and guards)."""
    if not getattr(objection_rules, step.actor).test(actor, objection):
        return str(workflow.ROLE_REFUSALS[step.actor])
    if objection.state not in step.sources:
        return str(step.refused)
    for guard in step.guards:
        if not getattr(objection_rules, guard).test(actor, objection):
            return str(workflow.GUARD_REFUSALS.get(guard, step.refused))
    return None


def transition(objection: Objection, to: str, *, actor, note: str = "") -> Objection:
    """Move the objection along the declared step to `to`. Side effects: audit row (from/to,
    the note masked); e-mail to the candidate, the office and the member on commit.
    Call inside the caller's transaction on a locked row."""
    step = workflow.step_between(objection.state, to)
    refused = refusal(objection, step, actor=actor) if step else str(_("Deze stap kan nu niet."))
    if refused:
        raise ObjectionError(refused)
    _audit(
        objection,
        AuditAction.OBJECTION_TRANSITION,
        actor=actor,
        summary=step.name,
        changes={
            "status": audit.change(objection.state, to),
            "toelichting": audit.change(None, audit.masked(note)),
        },
    )
    objection.state = to
    objection.state_changed_at = timezone.now()
    objection.save(update_fields=["state", "state_changed_at"])
    to_list = {settings.OFFICE_EMAIL, objection.review.portfolio.candidate.email}
    if objection.member_id:
        to_list.add(objection.member.email)
    queue_mail(
        template="objections/email/transition",
        # The member's description of a conflict stays in the audit trail, not in e-mail.
        context={
            "objection": objection,
            "note": "" if step.name == "return_for_conflict" else note,
        },
        to=sorted(to_list),
        actor=actor,
    )
    return objection


def _locked(objection: Objection) -> Objection:
    return (
        Objection.objects.select_for_update(of=("self",))
        .select_related("review__portfolio__candidate", "member")
        .get(pk=objection.pk)
    )


def _lodge_refusal(review: Review, actor) -> str | None:
    if not objection_rules.is_candidate_of_review(actor, review):
        return _("Alleen de kandidaat kan bezwaar maken tegen dit besluit.")
    if not objection_rules.has_final_decision(actor, review):
        return _("Er is (nog) geen besluit waartegen je bezwaar kunt maken.")
    if not objection_rules.has_no_objection(actor, review):
        return _("Je hebt al bezwaar gemaakt tegen dit besluit.")
    if not objection_rules.within_objection_period(actor, review):
        terms = periods.terms_for(review.portfolio.framework_version)
        deadline = periods.lodge_deadline(review, terms)
        return _(
            "De bezwaartermijn van %(days)d dagen is verstreken: bezwaar maken kon tot en met "
            "%(date)s."
        ) % {"days": terms.period_days, "date": deadline.strftime("%d-%m-%Y")}
    if not objection_rules.not_superseded_by_a_new_attempt(actor, review):
        return _(
            "Je bent na dit besluit opnieuw aan je hercertificering begonnen: bezwaar "
            "tegen dit besluit is niet meer mogelijk."
        )
    return None


@transaction.atomic
def lodge_objection(*, review: Review, reasons: str, files=(), actor) -> Objection:
    """The candidate objects to the decision within the period (a local date). Side
    effects: the objection and its checked attachments; audit rows; e-mail to the office."""
    REASONS.check(reasons, error=ObjectionError)
    if not reasons.strip():
        raise ObjectionError(_("Schrijf waarom je bezwaar maakt."))
    if len(files) > MAX_ATTACHMENTS:
        raise ObjectionError(_("Voeg hoogstens %(max)d bijlagen toe.") % {"max": MAX_ATTACHMENTS})
    review = Review.objects.select_for_update().select_related("portfolio").get(pk=review.pk)
    if refused := _lodge_refusal(review, actor):
        raise ObjectionError(refused)
    max_bytes = review.portfolio.framework_version.upload_max_mb * 1_000_000
    checked = []
    for uploaded in files:
        try:
            checked.append((uploaded, check_upload(uploaded, max_bytes=max_bytes)))
        except ValidationError as exc:
            raise ObjectionError(f"{uploaded.name}: {' '.join(exc.messages)}") from exc
    objection = Objection.objects.create(
        review=review, decision=review.decision, reasons=reasons.strip()
    )
    _audit(
        objection,
        AuditAction.OBJECTION_LODGED,
        actor=actor,
        changes={"gronden": audit.change(None, audit.masked(objection.reasons))},
    )
    for uploaded, info in checked:
        uploaded.seek(0)
        attachment = ObjectionAttachment(
            objection=objection,
            name=info.safe_name,
            content_type=info.content_type,
            size=info.size,
            sha256=info.sha256,
        )
        attachment.file.save(info.safe_name, ContentFile(uploaded.read()), save=False)
        attachment.save()
        _audit(
            objection,
            AuditAction.OBJECTION_DOCUMENT,
            actor=actor,
            summary=f"{attachment.name}, SHA-256 {attachment.sha256[:16]}…",
            target=attachment,
        )
    queue_mail(
        template="objections/email/lodged",
        context={"objection": objection},
        to=[settings.OFFICE_EMAIL],
        actor=actor,
    )
    return objection


@transaction.atomic
def assign_member(*, objection: Objection, member, actor) -> Objection:
    """The office assigns an objection committee member who was no assessor of the
    review (`rules.may_be_assigned`). Side effects: transition, e-mail to the member."""
    objection = _locked(objection)
    if refused := refusal(objection, workflow.STEPS["assign"], actor=actor):
        raise ObjectionError(refused)
    if objection_rules.was_assessor_of_review(member, objection.review):
        raise ObjectionError(
            _("%(name)s was assessor van deze beoordeling en kan niet over het bezwaar oordelen.")
            % {"name": member}
        )
    if not objection_rules.may_be_assigned(member, objection):
        raise ObjectionError(_("%(name)s is geen lid van de bezwaarcommissie.") % {"name": member})
    objection.member = member
    objection.assigned_at = timezone.now()
    objection.declared_at = None
    objection.save(update_fields=["member", "assigned_at", "declared_at"])
    return transition(
        objection, ObjectionState.ASSIGNED, actor=actor, note=_("Toegewezen aan %s.") % member
    )


@transaction.atomic
def declare(*, objection: Objection, conflict: str, actor) -> Objection:
    """The member declares no conflict of interest (empty) and may then read the file,
    or describes one: the objection returns to the office for another member."""
    limits.CONFLICT.check(conflict, error=ObjectionError)
    objection = _locked(objection)
    if refused := refusal(objection, workflow.STEPS["declare"], actor=actor):
        raise ObjectionError(refused)
    conflict = conflict.strip()
    _audit(
        objection,
        AuditAction.OBJECTION_CONFLICT,
        actor=actor,
        summary="belangenconflict gemeld" if conflict else "geen belangenconflict",
        changes={"conflict": audit.change(None, audit.masked(conflict))},
    )
    if conflict:
        transition(objection, ObjectionState.LODGED, actor=actor, note=conflict)
        objection.member = None
        objection.assigned_at = None
        objection.save(update_fields=["member", "assigned_at"])
        return objection
    objection.declared_at = timezone.now()
    objection.save(update_fields=["declared_at"])
    return transition(objection, ObjectionState.IN_REVIEW, actor=actor)


@transaction.atomic
def decide_objection(*, objection: Objection, upheld: bool, reason: str, actor) -> Objection:
    """The member's outcome with reasons. Upheld: the decision is revised to the other of
    granted / not granted through `assessment.services.revise_decision` (which queues the
    new report); rejected: the decision stands. Side effects: transition, audit, e-mails."""
    OUTCOME_REASON.check(reason, error=ObjectionError)
    objection = _locked(objection)
    step = workflow.STEPS["uphold" if upheld else "reject"]
    if refused := refusal(objection, step, actor=actor):
        raise ObjectionError(refused)
    if not reason.strip():
        raise ObjectionError(_("Motiveer de uitspraak op het bezwaar."))
    objection.outcome_reason = reason.strip()
    objection.decided_at = timezone.now()
    if upheld:
        revised = (
            Decision.GRANTED if objection.decision == Decision.NOT_GRANTED else Decision.NOT_GRANTED
        )
        try:
            revise_decision(review=objection.review, decision=revised, reason=reason, actor=actor)
        except ReviewError as exc:
            raise ObjectionError(str(exc)) from exc
        objection.revised_decision = revised
    objection.save(update_fields=["outcome_reason", "decided_at", "revised_decision"])
    return transition(objection, step.target, actor=actor, note=objection.outcome_reason)
