"""The assessors' scoring: each one's own scores and their submission, then the joint verdict."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import rules as review_rules
from assessment import workflow
from assessment.enums import AssessorRole, ReviewState
from assessment.models import AgreedScore, Assessment, Assignment, Review, Score
from assessment.selectors import current_assessments, missing_scores, review_items, scores_by_target
from assessment.services.transition import ReviewError, audit_review, locked, require, transition
from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from profiles.models import Condition, Criterion, Declaration, ScoreOption
from profiles.serialization import framework_version_queryset


def _open_assessment(assignment: Assignment, step: str, *, actor) -> tuple[Review, Assessment]:
    """The review (locked) and the assessor's own assessment of its round, still open;
    refused for someone else's assignment, before the conflict declaration, when `step`
    cannot be taken now, and once the assessment is submitted."""
    if assignment.assessor_id != actor.pk:
        raise ReviewError(_("Deze toewijzing is niet van jou."))
    review = locked(assignment.review)
    if not assignment.may_open_portfolio:
        raise ReviewError(_("Verklaar eerst dat je geen belangenconflict hebt."))
    require(review, step, actor=actor)
    assessment, _created = Assessment.objects.get_or_create(
        assignment=assignment, round=review.round
    )
    if assessment.submitted_at:
        raise ReviewError(_("Je beoordeling is al ingediend."))
    return review, assessment


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
    review, assessment = _open_assessment(assignment, "score", actor=actor)
    lookup, values = _score_slot(
        target, option=option, met=met, assignment=assignment, review=review
    )
    before = Score.objects.filter(assessment=assessment, **lookup).first()
    score, _created = Score.objects.update_or_create(
        assessment=assessment,
        **lookup,
        defaults={**values, "motivation": motivation, "interview_question": interview_question},
    )
    field, value = next(iter(values.items()))
    old_value = getattr(before, field) if before else None
    audit_review(
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


def _score_slot(target, *, option, met, assignment: Assignment, review: Review):
    """The score row's lookup and value for `target` (criterion: the option; condition or
    declaration: met), refused when the target or option is not of this portfolio's
    version or a third assessor's target is not one of their disputed criteria."""
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
        return {"criterion": target}, {"option": option}
    if isinstance(target, Condition):
        return {"condition": target}, {"met": met}
    if isinstance(target, Declaration):
        return {"declaration": target}, {"met": met}
    raise TypeError(target)


def _score_value(value):
    return value.label if isinstance(value, ScoreOption) else value


@transaction.atomic
def submit_assessment(*, assignment: Assignment, actor) -> Assessment:
    """Close the assessor's scoring; when every active assessor is in: state → assessed."""
    review, assessment = _open_assessment(assignment, "submit_assessment", actor=actor)
    version = framework_version_queryset().get(pk=review.portfolio.framework_version_id)
    missing = missing_scores(
        review_items(review, version, assignment), scores_by_target(assessment)
    )
    if missing:
        raise IncompleteAssessment(missing)
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["submitted_at"])
    audit_review(
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
        if review_rules.has_single_assessor(actor, review):
            _adopt_single_assessment(review, assessment, actor=actor)
    return assessment


def _adopt_single_assessment(review: Review, assessment: Assessment, *, actor) -> None:
    """One assessor (the framework's data): their assessment is the agreed verdict, with
    their questions for the interview. Side effects: AgreedScore rows, state → agreed."""
    scores = list(assessment.scores.filter(criterion__isnull=False).select_related("option"))
    for score in scores:
        AgreedScore.objects.update_or_create(
            review=review,
            round=review.round,
            criterion_id=score.criterion_id,
            defaults={"option": score.option, "reason": ""},
        )
    questions = [s.interview_question.strip() for s in scores if s.interview_question.strip()]
    review.interview_questions = "\n\n".join(questions)
    review.save(update_fields=["interview_questions"])
    audit_review(
        review,
        AuditAction.VERDICT_AGREED,
        actor=actor,
        summary=f"ronde {review.round}: {len(scores)} criteria (één assessor)",
        changes={
            str(s.criterion_id): audit.change(None, s.option.label if s.option else None)
            for s in sorted(scores, key=lambda s: s.criterion_id)
        },
    )
    transition(review, ReviewState.AGREED, actor=actor)


class IncompleteAssessment(ReviewError):
    def __init__(self, missing):
        super().__init__(_("Je beoordeling is nog niet compleet."))
        self.missing = missing


@transaction.atomic
def record_agreement(*, review: Review, verdicts: dict, questions: str = "", actor) -> Review:
    """The assessors' joint verdict: {criterion_id: (ScoreOption, reason)}.

    Where the two assessors differed, a reason is required. Side effects: AgreedScore
    rows, state → agreed, audit row and e-mails.
    """
    limits.INTERVIEW_QUESTIONS.check(questions, error=ReviewError)
    for _option, reason in verdicts.values():
        limits.AGREED_REASON.check(reason, error=ReviewError)
    review = locked(review)
    require(review, "record_agreement", actor=actor)
    if not review_rules.compares_assessments(actor, review):
        raise ReviewError(str(workflow.GUARD_REFUSALS["compares_assessments"]))
    _check_verdicts(review, verdicts)
    for criterion_id, (option, reason) in verdicts.items():
        AgreedScore.objects.update_or_create(
            review=review,
            round=review.round,
            criterion_id=criterion_id,
            defaults={"option": option, "reason": reason.strip()},
        )
    review.interview_questions = questions.strip()
    review.save(update_fields=["interview_questions"])
    audit_review(
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


def _check_verdicts(review: Review, verdicts: dict) -> None:
    """A joint verdict for every criterion the assessors scored and for no other, each on
    this version's scale; a reason wherever the assessors' scores differed."""
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
