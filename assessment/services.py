"""Writes of the review workflow. `transition` is the only place that assigns `state`."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import rules as review_rules
from assessment import workflow
from assessment.decision import load_outcome
from assessment.enums import AssessorRole, Decision, ReviewState
from assessment.models import (
    AgreedScore,
    Assessment,
    Assignment,
    Interview,
    Report,
    Review,
    Score,
)
from assessment.rules import can_manage_reviews
from assessment.workflow import Step
from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portal.enums import Role
from portal.mail import queue_mail
from portfolio import rules as portfolio_rules
from portfolio.eligibility import compute_requirements
from profiles.models import Condition, Criterion, Declaration, ScoreOption
from register.services import grant_registration


class ReviewError(Exception):
    """A refused step in the review; the message is shown to the user."""


def _audit(review: Review, action: AuditAction, *, actor, target=None, **fields) -> None:
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
    _audit(
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
        notice=step.name not in {"assign", "plan_interview", "resume"},  # these ask to act
    )
    return review


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update().select_related("portfolio").get(pk=review.pk)


def _require_office(actor) -> None:
    if not can_manage_reviews(actor):
        raise ReviewError(_("Alleen het bureau kan dit doen."))


@transaction.atomic
def assign_assessors(*, portfolio, first, second, actor) -> Review:
    """The office assigns exactly two distinct assessors to a submitted portfolio."""
    _require_office(actor)
    if not portfolio_rules.is_submitted(actor, portfolio):
        raise ReviewError(str(workflow.GUARD_REFUSALS["portfolio_awaits_review"]))
    if first.pk == second.pk:
        raise ReviewError(_("Kies twee verschillende assessoren."))
    for assessor in (first, second):
        if assessor.role != Role.ASSESSOR or not assessor.is_active:
            raise ReviewError(_("%(name)s is geen assessor.") % {"name": assessor})
        if assessor.pk == portfolio.candidate_id:
            raise ReviewError(_("Een kandidaat kan nooit zijn eigen assessor zijn."))
    version = portfolio.framework_version
    requirements = compute_requirements(
        version=version,
        basic_route=portfolio.basic_route,
        supplementary_route=portfolio.supplementary_route,
    )
    review, _created = Review.objects.get_or_create(
        portfolio=portfolio, defaults={"interview_required": requirements.interview_required}
    )
    review = _locked(review)
    require(review, "assign", actor=actor)
    active = review.assignments.filter(withdrawn_at__isnull=True)
    keep = {a.assessor_id: a for a in active}
    for role, assessor in ((AssessorRole.FIRST, first), (AssessorRole.SECOND, second)):
        if assessor.pk not in keep:
            Assignment.objects.create(review=review, assessor=assessor, role=role)
    for assessor_id, assignment in keep.items():
        if assessor_id not in (first.pk, second.pk):
            assignment.withdrawn_at = timezone.now()
            assignment.save(update_fields=["withdrawn_at"])
    transition(
        review,
        ReviewState.ASSIGNED,
        actor=actor,
        note=_("Toegewezen aan %(first)s en %(second)s.") % {"first": first, "second": second},
    )
    return review


@transaction.atomic
def declare_conflict(*, assignment: Assignment, conflict: str, actor) -> Assignment:
    """The assessor declares no conflict of interest (empty text) or describes one.

    A declared conflict withdraws the assignment and returns the review to the office.
    """
    limits.CONFLICT.check(conflict, error=ReviewError)
    # Lock the review first (the order assign_assessors uses, so the two never deadlock):
    # two assessors declaring a conflict at once then take turns.
    review = _locked(assignment.review)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.assessor_id != actor.pk or assignment.withdrawn_at:
        raise ReviewError(_("Deze toewijzing is niet van jou."))
    if assignment.declared_at:
        raise ReviewError(_("Je hebt al een verklaring over belangenconflicten gegeven."))
    require(review, "declare_conflict", actor=actor)
    assignment.declared_at = timezone.now()
    assignment.conflict = conflict.strip()
    if assignment.conflict:
        assignment.withdrawn_at = timezone.now()
    assignment.save(update_fields=["declared_at", "conflict", "withdrawn_at"])
    _audit(
        review,
        AuditAction.CONFLICT_DECLARED,
        actor=actor,
        target=assignment,
        summary="belangenconflict gemeld" if assignment.conflict else "geen belangenconflict",
        changes={"conflict": audit.change(None, audit.masked(assignment.conflict))},
    )
    # The other assessor's conflict may already have returned the review to the office.
    if assignment.conflict and workflow.step_between(review.state, ReviewState.SUBMITTED):
        transition(
            review,
            ReviewState.SUBMITTED,
            actor=actor,
            note=_("Belangenconflict gemeld door %(name)s: %(text)s")
            % {"name": actor, "text": assignment.conflict},
        )
    return assignment


def _assessment_for(assignment: Assignment, review: Review) -> Assessment:
    if not assignment.may_open_portfolio:
        raise ReviewError(_("Verklaar eerst dat je geen belangenconflict hebt."))
    assessment, _created = Assessment.objects.get_or_create(
        assignment=assignment, round=review.round
    )
    return assessment


@transaction.atomic
def save_score(
    *,
    assignment: Assignment,
    target,
    option: ScoreOption | None = None,
    met: bool | None = None,
    motivation: str = "",
    interview_question: str = "",
    actor,
) -> Score:
    """Save (autosave) one score of the assessor's own assessment."""
    limits.MOTIVATION.check(motivation, error=ReviewError)
    limits.INTERVIEW_QUESTION.check(interview_question, error=ReviewError)
    if assignment.assessor_id != actor.pk:
        raise ReviewError(_("Deze toewijzing is niet van jou."))
    review = _locked(assignment.review)
    if not assignment.may_open_portfolio:
        raise ReviewError(_("Verklaar eerst dat je geen belangenconflict hebt."))
    require(review, "score", actor=actor)
    assessment = _assessment_for(assignment, review)
    if assessment.submitted_at:
        raise ReviewError(_("Je beoordeling is al ingediend."))
    version_id = review.portfolio.framework_version_id
    if target.framework_version.pk != version_id:
        raise ReviewError(_("Dit criterium hoort niet bij dit portfolio."))
    if assignment.role == AssessorRole.THIRD and not (
        isinstance(target, Criterion) and target.pk in assignment.criteria
    ):
        raise ReviewError(_("Als derde assessor beoordeel je alleen de betwiste criteria."))
    if isinstance(target, Criterion):
        if option is not None and option.version_id != version_id:
            raise ReviewError(_("Deze score hoort niet bij de schaal van dit kader."))
        lookup, values = {"criterion": target}, {"option": option}
    elif isinstance(target, Condition):
        lookup, values = {"condition": target}, {"met": met}
    elif isinstance(target, Declaration):
        lookup, values = {"declaration": target}, {"met": met}
    else:
        raise TypeError(target)
    before = Score.objects.filter(assessment=assessment, **lookup).first()
    score, _created = Score.objects.update_or_create(
        assessment=assessment,
        **lookup,
        defaults={**values, "motivation": motivation, "interview_question": interview_question},
    )
    field, value = next(iter(values.items()))
    old_value = getattr(before, field) if before else None
    _audit(
        review,
        AuditAction.SCORE_SAVED,
        actor=actor,
        target=score,
        summary=f"{getattr(target, 'code', target.pk)} ({assignment.get_role_display()})",
        changes={
            field: audit.change(_score_value(old_value), _score_value(value)),
            "motivering": audit.change(
                audit.masked(before.motivation) if before else "", audit.masked(motivation)
            ),
        },
    )
    if review.state == ReviewState.ASSIGNED:
        transition(review, ReviewState.IN_ASSESSMENT, actor=actor)
    return score


def _score_value(value):
    return value.label if isinstance(value, ScoreOption) else value


@transaction.atomic
def submit_assessment(*, assignment: Assignment, actor) -> Assessment:
    """Close the assessor's scoring; when every active assessor is in: state → assessed."""
    from assessment.selectors import missing_scores, review_items, scores_by_target  # noqa: PLC0415
    from profiles.serialization import framework_version_queryset  # noqa: PLC0415

    if assignment.assessor_id != actor.pk:
        raise ReviewError(_("Deze toewijzing is niet van jou."))
    review = _locked(assignment.review)
    if not assignment.may_open_portfolio:
        raise ReviewError(_("Verklaar eerst dat je geen belangenconflict hebt."))
    require(review, "submit_assessment", actor=actor)
    assessment = _assessment_for(assignment, review)
    if assessment.submitted_at:
        raise ReviewError(_("Je beoordeling is al ingediend."))
    version = framework_version_queryset().get(pk=review.portfolio.framework_version_id)
    missing = missing_scores(
        review_items(review, version, assignment), scores_by_target(assessment)
    )
    if missing:
        raise IncompleteAssessment(missing)
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["submitted_at"])
    _audit(
        review,
        AuditAction.ASSESSMENT_SUBMITTED,
        actor=actor,
        target=assessment,
        summary=f"ronde {assessment.round} ({assignment.get_role_display()})",
    )
    if review_rules.all_assessments_in(actor, review):
        if review.state == ReviewState.ASSIGNED:
            transition(review, ReviewState.IN_ASSESSMENT, actor=actor)
        transition(review, ReviewState.ASSESSED, actor=actor)
    return assessment


class IncompleteAssessment(ReviewError):
    def __init__(self, missing):
        super().__init__(_("Je beoordeling is nog niet compleet."))
        self.missing = missing


@transaction.atomic
def add_third_assessor(*, review: Review, assessor, criteria: list, actor) -> Assignment:
    """When the two cannot agree, the office adds a third assessor for the disputed
    criteria (same rules: no conflict declared first, independent scoring)."""
    from assessment.selectors import disputed_criteria  # noqa: PLC0415

    review = _locked(review)
    require(review, "add_third_assessor", actor=actor)
    if assessor.role != Role.ASSESSOR or not assessor.is_active:
        raise ReviewError(_("%(name)s is geen assessor.") % {"name": assessor})
    if assessor.pk == review.portfolio.candidate_id:
        raise ReviewError(_("Een kandidaat kan nooit zijn eigen assessor zijn."))
    if review.assignments.filter(assessor=assessor, withdrawn_at__isnull=True).exists():
        raise ReviewError(_("Deze assessor beoordeelt dit portfolio al."))
    disputed = {c.pk for c in disputed_criteria(review)}
    chosen = {int(c.pk if hasattr(c, "pk") else c) for c in criteria}
    if not chosen or not chosen <= disputed:
        raise ReviewError(_("Kies een of meer criteria waarover de assessoren verschillen."))
    assignment = Assignment.objects.create(
        review=review, assessor=assessor, role=AssessorRole.THIRD, criteria=sorted(chosen)
    )
    transition(
        review,
        ReviewState.IN_ASSESSMENT,
        actor=actor,
        note=_("Derde assessor %(name)s voor %(count)d betwiste criteria.")
        % {"name": assessor, "count": len(chosen)},
    )
    return assignment


@transaction.atomic
def record_agreement(*, review: Review, verdicts: dict, questions: str = "", actor) -> Review:
    """The assessors' joint verdict: {criterion_id: (ScoreOption, reason)}.

    Where the two assessors differed, a reason is required. Side effects: AgreedScore
    rows, state → agreed, audit row and e-mails.
    """
    limits.INTERVIEW_QUESTIONS.check(questions, error=ReviewError)
    for _option, reason in verdicts.values():
        limits.AGREED_REASON.check(reason, error=ReviewError)
    from assessment.selectors import current_assessments, scores_by_target  # noqa: PLC0415

    review = _locked(review)
    require(review, "record_agreement", actor=actor)
    assessments = current_assessments(review)
    per_assessor = [scores_by_target(a) for a in assessments]
    criterion_ids = {key[1] for scores in per_assessor for key in scores if key[0] == "criterion"}
    # Only the criteria the assessors scored, each on this version's scale (a crafted
    # form could name others; the decision rule would count such a verdict as missing).
    version_id = review.portfolio.framework_version_id
    if set(verdicts) - criterion_ids or any(
        option.version_id != version_id for option, _reason in verdicts.values()
    ):
        raise ReviewError(_("Deze score hoort niet bij de schaal of de criteria van dit kader."))
    errors = []
    for criterion_id in sorted(criterion_ids):
        if criterion_id not in verdicts:
            errors.append(_("Kies een gezamenlijke score voor elk criterium."))
            break
        options = {
            scores[("criterion", criterion_id)].option_id
            for scores in per_assessor
            if ("criterion", criterion_id) in scores
        }
        _option, reason = verdicts[criterion_id]
        if len(options) > 1 and not reason.strip():
            criterion = Criterion.objects.get(pk=criterion_id)
            errors.append(
                _(
                    "Licht toe waarom jullie bij %(code)s tot dit oordeel komen (jullie scores "
                    "verschilden)."
                )
                % {"code": criterion.code}
            )
    if errors:
        raise ReviewError(" ".join(errors))
    for criterion_id, (option, reason) in verdicts.items():
        AgreedScore.objects.update_or_create(
            review=review,
            round=review.round,
            criterion_id=criterion_id,
            defaults={"option": option, "reason": reason.strip()},
        )
    review.interview_questions = questions.strip()
    review.save(update_fields=["interview_questions"])
    _audit(
        review,
        AuditAction.VERDICT_AGREED,
        actor=actor,
        summary=f"ronde {review.round}: {len(verdicts)} criteria",
        changes={
            str(criterion_id): audit.change(None, option.label)
            for criterion_id, (option, _reason) in sorted(verdicts.items())
        },
    )
    transition(review, ReviewState.AGREED, actor=actor)
    return review


# --- interview, decision, report ----------------------------------------------------------------


@transaction.atomic
def plan_interview(*, review: Review, scheduled_at, location: str, video_link: str, actor):
    """The office plans the toetsgesprek; assessors and candidate are told."""
    limits.LOCATION.check(location, error=ReviewError)
    limits.VIDEO_LINK.check(video_link, error=ReviewError)
    today = timezone.localdate()
    if problem := limits.date_problem(timezone.localdate(scheduled_at), today=today, future=True):
        raise ReviewError(problem)
    review = _locked(review)
    require(review, "plan_interview", actor=actor)
    if not (location.strip() or video_link.strip()):
        raise ReviewError(_("Vul een plaats of een videolink in."))
    if scheduled_at <= timezone.now():
        raise ReviewError(_("Het toetsgesprek moet in de toekomst liggen."))
    interview, _created = Interview.objects.update_or_create(
        review=review,
        defaults={
            "scheduled_at": scheduled_at,
            "location": location.strip(),
            "video_link": video_link.strip(),
        },
    )
    transition(review, ReviewState.INTERVIEW_PLANNED, actor=actor)
    queue_mail(
        template="assessment/email/interview_planned",
        context={"review": review, "interview": interview, "site_url": settings.SITE_URL},
        to=[review.portfolio.candidate.email],
    )
    return interview


@transaction.atomic
def record_interview(*, review: Review, notes: str, final_scores: dict, actor):
    """An assessor records the interview: notes per open question and the final score of
    every criterion that was referred to the interview ({criterion_id: ScoreOption}).

    Refused, with nothing saved: a final score for a criterion that was not referred to
    the interview, an option of another scale, or one that refers to the interview again.
    """
    limits.INTERVIEW_NOTES.check(notes, error=ReviewError)
    review = _locked(review)
    require(review, "record_interview", actor=actor)
    open_items = review.agreed_scores.filter(
        round=review.round, option__refers_to_interview=True
    ).select_related("criterion__section", "option")  # the audit entry names the option
    _check_final_scores(open_items, final_scores, version_id=review.portfolio.framework_version_id)
    if not notes.strip():
        raise ReviewError(_("Schrijf een verslag van het toetsgesprek."))
    for agreed in open_items:
        agreed.final_option = final_scores[agreed.criterion_id]
        agreed.save(update_fields=["final_option"])
    interview = review.interview
    interview.notes = notes.strip()
    interview.held_at = timezone.now()
    interview.save(update_fields=["notes", "held_at"])
    _audit(
        review,
        AuditAction.INTERVIEW_RECORDED,
        actor=actor,
        target=interview,
        changes={
            "verslag": audit.change(None, audit.masked(interview.notes)),
            **{
                agreed.criterion.code: audit.change(
                    agreed.option.label, final_scores[agreed.criterion_id].label
                )
                for agreed in open_items
            },
        },
    )
    transition(review, ReviewState.INTERVIEW_HELD, actor=actor)
    return interview


@transaction.atomic
def request_additions(*, review: Review, sections: list[str], deadline, reason: str, actor):
    """The office asks for additions: exactly `sections` reopen for the candidate until
    `deadline`. The review waits; `resume_review` returns it to the same assessors."""
    limits.ADDITIONS_REASON.check(reason, error=ReviewError)
    from portfolio.services import PortfolioError, reopen_for_additions  # noqa: PLC0415

    review = _locked(review)
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
    review = _locked(review)
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
    from assessment.tasks import generate_report  # noqa: PLC0415

    review = _locked(review)
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
    _audit(
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
    return review


def _check_final_scores(open_items, final_scores: dict, *, version_id: int) -> None:
    """Every referred criterion gets one final score of this version's scale that is a
    definitive verdict; no other criterion gets one."""
    referred = {agreed.criterion_id for agreed in open_items}
    if set(final_scores) - referred:
        raise ReviewError(
            _("Alleen criteria die naar het toetsgesprek zijn verwezen krijgen een eindscore.")
        )
    missing = [a.criterion.code for a in open_items if final_scores.get(a.criterion_id) is None]
    if missing:
        raise ReviewError(_("Geef een eindscore voor: %(codes)s.") % {"codes": ", ".join(missing)})
    for agreed in open_items:
        option = final_scores[agreed.criterion_id]
        if option.version_id != version_id:
            raise ReviewError(
                _("De eindscore van %(code)s hoort niet bij de schaal van dit kader.")
                % {"code": agreed.criterion.code}
            )
        if option.refers_to_interview:
            raise ReviewError(
                _(
                    "De eindscore van %(code)s kan niet '%(label)s' zijn: na het "
                    "toetsgesprek is het oordeel definitief."
                )
                % {"code": agreed.criterion.code, "label": option.label}
            )


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


def record_report_download(*, review: Review, report: Report, actor) -> None:
    """Audit that `actor` downloaded the decision report (after the access check)."""
    _audit(review, AuditAction.REPORT_DOWNLOADED, actor=actor, target=report)


def make_report(*, review_id: int, round: int) -> "Report | None":  # noqa: A002
    """Render and store the report once (idempotent: a second call stores nothing)."""
    from portal import reports  # noqa: PLC0415

    review = Review.objects.filter(pk=review_id, state=ReviewState.DECIDED).first()
    if review is None or Report.objects.filter(review_id=review_id, round=round).exists():
        return None
    from assessment.selectors import report_context  # noqa: PLC0415

    pdf = reports.render_pdf("assessment/report_pdf.html", report_context(review))
    with transaction.atomic():
        Review.objects.select_for_update().get(pk=review_id)
        if Report.objects.filter(review_id=review_id, round=round).exists():
            return None
        _remove_orphan_report_files(review)
        report = Report(review=review, round=round, sha256=hashlib.sha256(pdf).hexdigest())
        report.file.save("rapport.pdf", ContentFile(pdf), save=False)
        report.save()
        _audit(
            review,
            AuditAction.REPORT_GENERATED,
            actor=None,
            target=report,
            summary=f"ronde {round}, SHA-256 {report.sha256[:16]}…",
        )
    return report


def _remove_orphan_report_files(review: Review) -> None:
    """Delete files in the review's report folder that no Report row names: a worker
    killed between storing the PDF and committing the row leaves one behind, and the
    redelivered task must not add a second. Call under the review's row lock."""
    import posixpath  # noqa: PLC0415

    from assessment.models import report_upload_to  # noqa: PLC0415

    storage = Report._meta.get_field("file").storage
    folder = posixpath.dirname(report_upload_to(Report(review_id=review.pk), "rapport.pdf"))
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    known = set(Report.objects.filter(review=review).values_list("file", flat=True))
    for name in files:
        if f"{folder}/{name}" not in known:
            storage.delete(f"{folder}/{name}")
