"""The office assigns the assessors (two, and a third for disputed criteria); an assessor
declares a conflict of interest or none."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import workflow
from assessment.enums import AssessorRole, ReviewState
from assessment.models import Assignment, Review
from assessment.rules import can_manage_reviews
from assessment.selectors import disputed_criteria
from assessment.services.transition import ReviewError, audit_review, locked, require, transition
from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portal.enums import Role
from portfolio import rules as portfolio_rules
from portfolio.eligibility import compute_requirements
from quality.calibration import reasons_not_eligible


def _require_office(actor) -> None:
    if not can_manage_reviews(actor):
        raise ReviewError(_("Alleen het bureau kan dit doen."))


def _require_calibrated(assessors) -> None:
    """The office's calibration rule (quality.calibration; its form says the same)."""
    reasons = reasons_not_eligible(assessors)
    if reasons:
        raise ReviewError(" ".join(reasons[a.pk] for a in assessors if a.pk in reasons))


def _chosen(version, first, second) -> list:
    """The assessors in role order, as many as the framework version asks (1 or 2):
    refused when the office named more, fewer, or the same one twice."""
    chosen = [a for a in (first, second) if a is not None]
    if version.has_single_assessor:
        if len(chosen) != 1:
            raise ReviewError(_("Dit toetsingskader vraagt één assessor."))
        return chosen
    if len(chosen) != 2:
        raise ReviewError(_("Dit toetsingskader vraagt twee assessoren."))
    if first.pk == second.pk:
        raise ReviewError(_("Kies twee verschillende assessoren."))
    return chosen


@transaction.atomic
def assign_assessors(*, portfolio, first, second=None, actor) -> Review:
    """The office assigns the assessors the framework version asks for (two distinct
    ones, or one) to a submitted portfolio."""
    _require_office(actor)
    if not portfolio_rules.is_submitted(actor, portfolio):
        raise ReviewError(str(workflow.GUARD_REFUSALS["portfolio_awaits_review"]))
    version = portfolio.framework_version
    chosen = _chosen(version, first, second)
    for assessor in chosen:
        if assessor.role != Role.ASSESSOR or not assessor.is_active:
            raise ReviewError(_("%(name)s is geen assessor.") % {"name": assessor})
        if assessor.pk == portfolio.candidate_id:
            raise ReviewError(_("Een kandidaat kan nooit zijn eigen assessor zijn."))
    _require_calibrated(chosen)
    requirements = compute_requirements(
        version=version,
        basic_route=portfolio.basic_route,
        supplementary_route=portfolio.supplementary_route,
    )
    review, _created = Review.objects.get_or_create(
        portfolio=portfolio,
        defaults={
            "interview_required": requirements.interview_required,
            "assessor_count": version.assessor_count,
        },
    )
    review = locked(review)
    require(review, "assign", actor=actor)
    active = review.assignments.filter(withdrawn_at__isnull=True)
    keep = {a.assessor_id: a for a in active}
    for role, assessor in zip((AssessorRole.FIRST, AssessorRole.SECOND), chosen, strict=False):
        if assessor.pk not in keep:
            Assignment.objects.create(review=review, assessor=assessor, role=role)
    for assessor_id, assignment in keep.items():
        if assessor_id not in {a.pk for a in chosen}:
            assignment.withdrawn_at = timezone.now()
            assignment.save(update_fields=["withdrawn_at"])
    transition(review, ReviewState.ASSIGNED, actor=actor, note=_assigned_note(chosen))
    return review


def _assigned_note(chosen: list) -> str:
    if len(chosen) == 1:
        return _("Toegewezen aan %(first)s.") % {"first": chosen[0]}
    return _("Toegewezen aan %(first)s en %(second)s.") % {
        "first": chosen[0],
        "second": chosen[1],
    }


@transaction.atomic
def declare_conflict(*, assignment: Assignment, conflict: str, actor) -> Assignment:
    """The assessor declares no conflict of interest (empty text) or describes one.

    A declared conflict withdraws the assignment and returns the review to the office.
    """
    limits.CONFLICT.check(conflict, error=ReviewError)
    # Lock the review first (the order assign_assessors uses, so the two never deadlock):
    # two assessors declaring a conflict at once then take turns.
    review = locked(assignment.review)
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
    audit_review(
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


@transaction.atomic
def add_third_assessor(*, review: Review, assessor, criteria: list, actor) -> Assignment:
    """When the two cannot agree, the office adds a third assessor for the disputed
    criteria (same rules: no conflict declared first, independent scoring)."""
    review = locked(review)
    require(review, "add_third_assessor", actor=actor)
    if assessor.role != Role.ASSESSOR or not assessor.is_active:
        raise ReviewError(_("%(name)s is geen assessor.") % {"name": assessor})
    if assessor.pk == review.portfolio.candidate_id:
        raise ReviewError(_("Een kandidaat kan nooit zijn eigen assessor zijn."))
    if review.assignments.filter(assessor=assessor, withdrawn_at__isnull=True).exists():
        raise ReviewError(_("Deze assessor beoordeelt dit portfolio al."))
    _require_calibrated([assessor])
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
