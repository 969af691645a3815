"""Who may do what with an objection, and when (django-rules predicates).

`may_<step>` for every step of `objections.workflow` combines its states, its role and its
guards; services enforce them, views and templates only ask them. Step predicates take
(user, objection); the lodging predicates take (user, review).
"""

import rules
from django.utils import timezone

from assessment.enums import Decision, ReviewState
from objections import periods
from objections.workflow import STEPS, Step
from portal.enums import Role
from portal.rules import is_office  # noqa: F401 - the actor of "assign", found by name
from register.models import Recertification

# --- who ------------------------------------------------------------------------------------


@rules.predicate
def is_objection_member(user) -> bool:
    """A member of the objection committee (the role `Role.OBJECTION_MEMBER`)."""
    return user is not None and user.is_authenticated and user.role == Role.OBJECTION_MEMBER


@rules.predicate
def is_candidate_of(user, objection) -> bool:
    return (
        objection is not None
        and user is not None
        and user.is_authenticated
        and objection.review.portfolio.candidate_id == user.pk
    )


@rules.predicate
def is_assigned_member(user, objection) -> bool:
    return (
        objection is not None
        and is_objection_member(user)
        and objection.member_id is not None
        and objection.member_id == user.pk
    )


@rules.predicate
def is_cleared_member(user, objection) -> bool:
    """The assigned member who declared no conflict of interest: may read the file."""
    return is_assigned_member(user, objection) and objection.declared_at is not None


@rules.predicate
def was_assessor_of_review(member, review) -> bool:
    """`member` assessed this review, now or earlier (a withdrawn assignment counts too):
    such a person never decides on the objection against it."""
    return any(a.assessor_id == member.pk for a in review.assignments.all())


@rules.predicate
def may_be_assigned(member, objection) -> bool:
    """An active committee member who was no assessor of the review and is not its
    candidate."""
    review = objection.review
    return (
        is_objection_member(member)
        and member.is_active
        and member.pk != review.portfolio.candidate_id
        and not was_assessor_of_review(member, review)
    )


# --- lodging (asked as (user, review)) --------------------------------------------------------


@rules.predicate
def is_candidate_of_review(user, review) -> bool:
    return (
        review is not None
        and user is not None
        and user.is_authenticated
        and review.portfolio.candidate_id == user.pk
    )


@rules.predicate
def has_final_decision(_user, review) -> bool:
    """Decided, granted or not (a request for additions is no final decision)."""
    return (
        review is not None
        and review.state == ReviewState.DECIDED
        and review.decision in (Decision.GRANTED, Decision.NOT_GRANTED)
    )


@rules.predicate
def has_no_objection(_user, review) -> bool:
    return not hasattr(review, "objection")


@rules.predicate
def within_objection_period(_user, review) -> bool:
    """Today (local date) is on or before the last day of the objection period."""
    deadline = periods.lodge_deadline(review)
    return deadline is not None and timezone.localdate() <= deadline


@rules.predicate
def not_superseded_by_a_new_attempt(_user, review) -> bool:
    """A recertification "not granted" is final once the job coach started a new attempt
    for the same period (register.recertification): upheld, an objection would grant a
    period that is being tried again. Asks the database only for such a decision."""
    if review.decision != Decision.NOT_GRANTED:
        return True
    attempt = Recertification.objects.filter(portfolio_id=review.portfolio_id).first()
    if attempt is None:
        return True
    return not Recertification.objects.filter(
        registration_id=attempt.registration_id,
        period_valid_until=attempt.period_valid_until,
        pk__gt=attempt.pk,
    ).exists()


may_lodge = (
    is_candidate_of_review
    & has_final_decision
    & has_no_objection
    & within_objection_period
    & not_superseded_by_a_new_attempt
)

# --- every declared step as a predicate -----------------------------------------------------


def step_predicate(step: Step) -> rules.Predicate:
    role = globals()[step.actor]
    guards = [globals()[name] for name in step.guards]

    def may(user, objection) -> bool:
        return (
            objection is not None
            and objection.state in step.sources
            and role.test(user, objection)
            and all(guard.test(user, objection) for guard in guards)
        )

    return rules.Predicate(may, name=f"may_{step.name}")


MAY = {name: step_predicate(step) for name, step in STEPS.items()}


def permissions(user, objection) -> dict:
    """{step: allowed?} for every step: what a view passes to its template."""
    return {name: predicate.test(user, objection) for name, predicate in MAY.items()}


rules.add_perm("objections.lodge", may_lodge)
for _name, _predicate in MAY.items():
    rules.add_perm(f"objections.{_name}", _predicate)
