"""The office's decision on a review, or its request for additions and the resumption
after them. The rule the decision is checked against is `assessment.decision`."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.decision import load_outcome
from assessment.enums import Decision, ReviewState
from assessment.models import Review
from assessment.services.transition import ReviewError, audit_review, locked, require, transition
from assessment.tasks import generate_report
from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portal.mail import queue_mail
from portfolio.eligibility import compute_requirements
from portfolio.services import PortfolioError, reopen_for_additions
from register.services import grant_registration, revoke_registration


@transaction.atomic
def request_additions(*, review: Review, sections: list[str], deadline, reason: str, actor):
    """The office asks for additions: exactly `sections` reopen for the candidate until
    `deadline`. The review waits; `resume_review` returns it to the same assessors."""
    limits.ADDITIONS_REASON.check(reason, error=ReviewError)
    review = locked(review)
    require(review, "request_additions", actor=actor)
    if not reason.strip():
        raise ReviewError(_("Schrijf wat de kandidaat moet aanvullen."))
    try:
        reopen_for_additions(
            portfolio=review.portfolio, sections=sections, deadline=deadline, actor=actor
        )
    except PortfolioError as exc:
        raise ReviewError(str(exc)) from exc
    review.decision = Decision.ADDITIONS
    review.decision_reason = reason.strip()
    review.save(update_fields=["decision", "decision_reason"])
    transition(
        review,
        ReviewState.ADDITIONS_REQUESTED,
        actor=actor,
        note=_("Aanvullen: %(sections)s, uiterlijk %(date)s. %(reason)s")
        % {
            "sections": ", ".join(sections),
            "date": deadline.strftime("%d-%m-%Y"),
            "reason": reason.strip(),
        },
    )
    return review


@transaction.atomic
def resume_review(*, review: Review, actor) -> Review:
    """After resubmission, the next round goes back to the same assessors."""
    review = locked(review)
    require(review, "resume", actor=actor)
    # The step before the new round: its guard compares the resubmitted round with the
    # review's.
    transition(review, ReviewState.ASSIGNED, actor=actor, note=_("Aanvullingen ontvangen."))
    portfolio = review.portfolio
    review.round = portfolio.snapshots.order_by("-round").first().round
    review.decision = ""
    # Section A may have been reopened and the routes changed: whether the interview is
    # needed follows the routes as resubmitted.
    review.interview_required = compute_requirements(
        version=portfolio.framework_version,
        basic_route=portfolio.basic_route,
        supplementary_route=portfolio.supplementary_route,
    ).interview_required
    review.save(update_fields=["round", "decision", "interview_required"])
    return review


@transaction.atomic
def decide(*, review: Review, decision: str, reason: str, actor) -> Review:
    """The office records the decision. The rule's verdict (assessment.decision) is kept
    with it; a decision that differs from it (an undecided rule differs from both) needs
    written reasons, and nothing grants without a toetsgesprek the routes require.

    Side effects: state → decided; audit row with the rule's verdict; the report is
    made by a Celery task after commit.
    """
    limits.DECISION_REASON.check(reason, error=ReviewError)
    review = locked(review)
    # When the assessors cannot agree, the office decides from "assessed" with a reason.
    deadlock = review.state == ReviewState.ASSESSED
    require(review, "decide_without_agreement" if deadlock else "decide", actor=actor)
    if decision not in (Decision.GRANTED, Decision.NOT_GRANTED):
        raise ReviewError(_("Kies toekennen of niet toekennen."))
    rule = load_outcome(review)
    _check_decision(rule, decision=decision, reason=reason, deadlock=deadlock)
    review.rule_verdict = rule.verdict
    review.decision = decision
    review.decision_reason = reason.strip()
    review.decided_at = timezone.now()
    review.decided_by = actor
    review.save(
        update_fields=["decision", "decision_reason", "rule_verdict", "decided_at", "decided_by"]
    )
    audit_review(
        review,
        AuditAction.DECISION_MADE,
        actor=actor,
        summary=str(Decision(decision).label),
        changes={
            "besluit": audit.change(None, decision),
            "volgens regel": audit.change(None, str(rule.verdict)),
            "open punten van de regel": audit.change(
                None, [item.description for item in rule.open_items]
            ),
            "motivering": audit.change(None, audit.masked(review.decision_reason)),
        },
    )
    transition(review, ReviewState.DECIDED, actor=actor, note=Decision(decision).label)
    grant_registration(review=review, actor=actor)  # a grant registers (register app)
    _announce(review)
    return review


def _announce(review: Review) -> None:
    """Mail the candidate the decision and make its report after commit."""
    queue_mail(
        template="assessment/email/decided",
        context={"review": review, "site_url": settings.SITE_URL},
        to=[review.portfolio.candidate.email],
    )
    review_id, round_ = review.pk, review.round
    # robust: a broker that is down must not turn a taken decision into an error page;
    # the hourly queue_missing_reports task makes up for the lost task.
    transaction.on_commit(
        lambda: generate_report.delay(review_id=review_id, round=round_), robust=True
    )


@transaction.atomic
def revise_decision(*, review: Review, decision: str, reason: str, actor) -> Review:
    """Revise a taken decision after an upheld objection (objections.services): the
    other of granted / not granted, with the committee's reasons. The same checks as
    `decide` (no grant without a toetsgesprek the routes require; reasons required).

    Side effects: the decision, its reasons, time and author replaced; audit row (the
    decision before and after); e-mail to the candidate; a new report (a Celery task
    after commit: a report belongs to one decision, see `reports.make_report`).
    """
    limits.DECISION_REASON.check(reason, error=ReviewError)
    review = locked(review)
    if review.state != ReviewState.DECIDED:
        raise ReviewError(_("Alleen een genomen besluit kan worden herzien."))
    if decision not in (Decision.GRANTED, Decision.NOT_GRANTED) or decision == review.decision:
        raise ReviewError(_("Het herziene besluit moet van het oude besluit verschillen."))
    if not reason.strip():
        raise ReviewError(_("Motiveer het herziene besluit."))
    rule = load_outcome(review)
    _check_decision(rule, decision=decision, reason=reason, deadlock=False)
    before = review.decision
    review.rule_verdict = rule.verdict
    review.decision = decision
    review.decision_reason = reason.strip()
    review.decided_at = timezone.now()
    review.decided_by = actor
    review.save(
        update_fields=["decision", "decision_reason", "rule_verdict", "decided_at", "decided_by"]
    )
    # A grant on objection registers; a grant revoked on objection strikes off.
    grant_registration(review=review, actor=actor)
    revoke_registration(review=review, actor=actor)
    audit_review(
        review,
        AuditAction.DECISION_MADE,
        actor=actor,
        summary=_("Herzien na bezwaar: %(label)s") % {"label": Decision(decision).label},
        changes={
            "besluit": audit.change(before, decision),
            "volgens regel": audit.change(None, str(rule.verdict)),
            "motivering": audit.change(None, audit.masked(review.decision_reason)),
        },
    )
    _announce(review)
    return review


def _check_decision(rule, *, decision: str, reason: str, deadlock: bool) -> None:
    """Refuse a grant without the required toetsgesprek (no reasons can make up for it)
    and any decision against the rule's verdict without written reasons."""
    if decision == Decision.GRANTED and rule.interview_pending:
        raise ReviewError(
            _("Toekennen kan pas als het toetsgesprek is gehouden: de gekozen routes vereisen het.")
        )
    if deadlock and not reason.strip():
        raise ReviewError(
            _("De assessoren zijn het niet eens geworden; motiveer het besluit van het bureau.")
        )
    if not rule.follows(decision) and not reason.strip():
        raise ReviewError(
            _("Dit besluit wijkt af van de regel (volgens de regel: %(verdict)s); motiveer waarom.")
            % {"verdict": rule.verdict.label}
        )
