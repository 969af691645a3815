"""The core of the review workflow: `transition` is the only place that assigns `state`;
`refusal`/`require` ask the declared steps (assessment.workflow); every service module
of this package locks the review with `locked` and audits with `audit_review`."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import rules as review_rules
from assessment import workflow
from assessment.models import Review
from assessment.workflow import Step
from audit import services as audit
from audit.enums import AuditAction
from portal.mail import queue_mail


class ReviewError(Exception):
    """A refused step in the review; the message is shown to the user."""


def audit_review(review: Review, action: AuditAction, *, actor, target=None, **fields) -> None:
    """An audit entry about this review's portfolio (its candidate is the person concerned)."""
    audit.record(
        actor=actor,
        action=action,
        portfolio_id=review.portfolio_id,
        subject_user_id=review.portfolio.candidate_id,
        target=target if target is not None else review,
        **fields,
    )


def refusal(review: Review, step: Step, *, actor) -> str | None:
    """Why `actor` may not take `step` on `review` now, or None: the declared state, role
    and guards (assessment.workflow); the role is asked first."""
    if not getattr(review_rules, step.actor).test(actor, review):
        return str(workflow.ROLE_REFUSALS[step.actor])
    if review.state not in step.sources:
        return str(step.refused)
    for guard in step.guards:
        if not getattr(review_rules, guard).test(actor, review):
            return str(workflow.GUARD_REFUSALS.get(guard, step.refused))
    return None


def require(review: Review, name: str, *, actor) -> None:
    """Raise ReviewError unless `actor` may take the declared step `name` now."""
    refused = refusal(review, workflow.STEPS[name], actor=actor)
    if refused:
        raise ReviewError(refused)


def transition(review: Review, to: str, *, actor, note: str = "") -> Review:
    """Move the review to `to` along the declared step from its state, if `actor` may take
    it (assessment.workflow: state, role, guards). Side effects: audit row (from/to as
    values, the note masked); e-mail to the people concerned.

    Must run inside the caller's transaction, on a row locked with select_for_update.
    """
    step = workflow.step_between(review.state, to)
    if step is None:
        raise ReviewError(
            _("Deze stap kan niet vanuit de status '%(state)s'.")
            % {"state": review.get_state_display()}
        )
    refused = refusal(review, step, actor=actor)
    if refused:
        raise ReviewError(refused)
    audit_review(
        review,
        AuditAction.REVIEW_TRANSITION,
        actor=actor,
        summary=step.name,
        changes={
            "status": audit.change(review.state, to),
            "toelichting": audit.change(None, audit.masked(note)),
        },
    )
    review.state = to
    review.state_changed_at = timezone.now()
    review.save(update_fields=["state", "state_changed_at"])
    recipients = {settings.OFFICE_EMAIL}
    recipients |= {
        a.assessor.email
        for a in review.assignments.select_related("assessor")
        if not a.withdrawn_at
    }
    queue_mail(
        template="assessment/email/transition",
        context={"review": review, "note": note, "site_url": settings.SITE_URL},
        to=sorted(recipients),
        actor=actor,
        notice=not step.asks_to_act,
    )
    return review


def locked(review: Review) -> Review:
    """The review again, its row locked for the rest of the transaction, with its portfolio."""
    return Review.objects.select_for_update().select_related("portfolio").get(pk=review.pk)
