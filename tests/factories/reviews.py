"""Reviews in any state, made through the real services (the only place in the tests,
the demo and the bench that walks a review forward).

    world = make_review(state="agreed")        # new candidate, assessors and office
    world = make_review(portfolio=p, assessor=a, second_assessor=b, office=o,
                        state=ReviewState.DECIDED)
    world.review, world.first, world.second   # the review and the two assignments

States, in order (REVIEW_STEPS): "assigned" (the office assigned two assessors),
"declared" (both declared no conflict; the review is still "assigned"),
"in_assessment" (the first assessor scored and submitted), "assessed" (the second too,
differing where `overrides` says: a comparison to make), "agreed" (both scored as
`overrides` says and recorded the joint verdict), "interview_planned",
"interview_held" (only when the routes require an interview), and then either
"additions_requested" (C2 reopened) or "decided" (as the decision rule says, unless
`decision` is given).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from assessment.decision import load_outcome
from assessment.enums import Decision, ReviewState, RuleVerdict
from assessment.models import Assignment, Interview, Review
from assessment.selectors import review_items
from assessment.services import assignment as assignment_service
from assessment.services import decision as decision_service
from assessment.services import interview as interview_service
from assessment.services import scoring as scoring_service
from portal.enums import Role
from profiles.serialization import framework_version_queryset
from tests.factories.portfolios import add_to_c2, make_portfolio, new_person

REVIEW_STEPS = (
    "assigned",
    "declared",
    "in_assessment",
    "assessed",
    "agreed",
    "interview_planned",
    "interview_held",
    "additions_requested",
    "decided",
)
# The assessors differ on C3.2 ("toelichten": to be explained in the interview), so the
# comparison has something to agree on and the interview has a question.
DISAGREE = {"C3.2": "toelichten"}
MOTIVATION = (
    "Motivering bij {code}: de kandidaat laat met een concreet voorbeeld uit de casus zien "
    "hoe de indicatoren in het handelen terugkomen."
)


@dataclass
class ReviewWorld:
    review: Review
    first: Assignment
    second: Assignment
    office: object

    @property
    def assessor(self):
        return self.first.assessor

    @property
    def second_assessor(self):
        return self.second.assessor

    def refresh(self) -> "ReviewWorld":
        for obj in (self.review, self.first, self.second):
            obj.refresh_from_db()
        return self


# --- single steps ---------------------------------------------------------------------------------


def assign_two(portfolio, first, second, office, *, declare: bool = True):
    """The two-assessor world: the office assigns `first` and `second`, and (unless
    `declare=False`) both declare no conflict. Returns (review, first's assignment,
    second's assignment), reloaded."""
    review = assignment_service.assign_assessors(
        portfolio=portfolio, first=first, second=second, actor=office
    )
    if declare:
        one, two = declare_both(review, first, second)
    else:
        one, two = active_assignments(review, first, second)
    review.refresh_from_db()
    return review, one, two


def active_assignments(review, first, second):
    """The active assignments of `first` and `second` on `review`."""
    active = review.assignments.filter(withdrawn_at__isnull=True)
    return active.get(assessor=first), active.get(assessor=second)


def declare_both(review, first, second):
    """`first` and `second` declare no conflict; returns their assignments, reloaded."""
    one, two = active_assignments(review, first, second)
    assignment_service.declare_conflict(assignment=one, conflict="", actor=first)
    assignment_service.declare_conflict(assignment=two, conflict="", actor=second)
    one.refresh_from_db()
    two.refresh_from_db()
    return one, two


def score_all(assignment, actor=None, *, option_code="aangetoond", overrides=None):
    """Fill every score of an assignment; `overrides` maps criterion code → option code.
    Returns the review's items (assessment.selectors.review_items)."""
    actor = actor or assignment.assessor
    review = assignment.review
    version = framework_version_queryset().get(pk=review.portfolio.framework_version_id)
    options = {o.code: o for o in version.score_options.all()}
    items = review_items(review, version)
    for _route, condition in items.formal_conditions:
        scoring_service.save_score(
            assignment=assignment,
            target=condition,
            met=True,
            motivation="Aangetoond met het geüploade document.",
            actor=actor,
        )
    for declaration in items.formal_declarations:
        scoring_service.save_score(assignment=assignment, target=declaration, met=True, actor=actor)
    for criterion in items.criteria:
        code = (overrides or {}).get(criterion.code, option_code)
        scoring_service.save_score(
            assignment=assignment,
            target=criterion,
            option=options[code],
            motivation=MOTIVATION.format(code=criterion.code),
            interview_question="Kun je een voorbeeld geven?" if code == "toelichten" else "",
            actor=actor,
        )
    return items


def score_and_submit(assignment, *, overrides=None):
    """The assignment's assessor scores everything and submits."""
    items = score_all(assignment, overrides=overrides)
    scoring_service.submit_assessment(assignment=assignment, actor=assignment.assessor)
    return items


def agree_all(first, second, *, overrides=None):
    """Both assessors score alike and submit; they record the joint verdict."""
    items = score_and_submit(first, overrides=overrides)
    score_and_submit(second, overrides=overrides)
    review = Review.objects.get(pk=first.review_id)
    options = {o.code: o for o in review.portfolio.framework_version.score_options.all()}
    verdicts = {
        c.pk: (options[(overrides or {}).get(c.code, "aangetoond")], "") for c in items.criteria
    }
    scoring_service.record_agreement(
        review=review,
        verdicts=verdicts,
        questions="C3.2 Inlevingsvermogen: kun je een voorbeeld geven?",
        actor=first.assessor,
    )
    review.refresh_from_db()
    return review


def plan_interview(review, office, *, days: int = 10):
    interview_service.plan_interview(
        review=review,
        scheduled_at=timezone.now() + timedelta(days=days),
        location="Utrecht, kantoor Register Jobcoach",
        video_link="",
        actor=office,
    )
    review.refresh_from_db()
    return review


def let_interview_day_come(review) -> None:
    """The planned interview's day has come (recording it is refused before that day), as
    if the data were made in the days it spans."""
    Interview.objects.filter(review=review).update(scheduled_at=timezone.now())


def record_interview(review, assessor, *, final_code="aangetoond"):
    """`assessor` records the interview on its day, `final_code` the final score of every
    criterion referred to it."""
    let_interview_day_come(review)
    final = review.portfolio.framework_version.score_options.get(code=final_code)
    interview_service.record_interview(
        review=review,
        notes="De kandidaat gaf overtuigende voorbeelden bij de open vragen.",
        final_scores={
            agreed.criterion_id: final
            for agreed in review.agreed_scores.filter(
                round=review.round, option__refers_to_interview=True
            )
        },
        actor=assessor,
    )
    review.refresh_from_db()
    return review


def hold_interview(review, office, assessor, *, final_code="aangetoond"):
    """The office plans the interview and `assessor` records it."""
    return record_interview(plan_interview(review, office), assessor, final_code=final_code)


def decide(review, office, *, decision: str | None = None, reason: str = ""):
    """The office decides: as the decision rule says unless `decision` is given (a
    decision other than a granting rule's gets a written reason unless one is given)."""
    review.refresh_from_db()
    granted = load_outcome(review).verdict == RuleVerdict.GRANTED
    if decision is None:
        decision = Decision.GRANTED if granted else Decision.NOT_GRANTED
    if not reason and not (granted and decision == Decision.GRANTED):
        reason = (
            "Niet alle criteria zijn aangetoond."
            if decision == Decision.NOT_GRANTED
            else "Het bureau kent toe na het toetsgesprek."
        )
    decision_service.decide(review=review, decision=decision, reason=reason, actor=office)
    review.refresh_from_db()
    return review


def request_additions(review, office, *, sections=("C2",), days: int = 21):
    decision_service.request_additions(
        review=review,
        sections=list(sections),
        deadline=timezone.localdate() + timedelta(days=days),
        reason="Werk C2 uit met een tweede voorbeeld.",
        actor=office,
    )
    review.refresh_from_db()
    return review


# --- any state ------------------------------------------------------------------------------------


def _step(state) -> int:
    state = str(state)
    if state not in REVIEW_STEPS:
        raise ValueError(f"unknown review state {state!r}; one of {REVIEW_STEPS}")
    return REVIEW_STEPS.index(state)


def _until_agreed(world: ReviewWorld, target: int, overrides) -> None:
    if target >= _step("agreed"):
        # Agreeing: both score as the verdict will say, submit, and record it.
        agree_all(world.first, world.second, overrides=overrides)
        return
    if target >= _step("in_assessment"):
        score_and_submit(world.first)
    if target == _step("assessed"):
        score_and_submit(world.second, overrides=overrides)


def _after_agreed(world: ReviewWorld, target: int, final_code, decision) -> None:
    """From agreed to `target`: the interview (when required), then additions or the
    decision."""
    review = world.review
    review.refresh_from_db()
    interview = review.interview_required or target in (
        _step("interview_planned"),
        _step("interview_held"),
    )
    if interview and target >= _step("interview_planned"):
        plan_interview(review, world.office)
        if target >= _step("interview_held"):
            record_interview(review, world.assessor, final_code=final_code)
    if target == _step("additions_requested"):
        request_additions(review, world.office)
    elif target == _step("decided"):
        decide(review, world.office, decision=decision)


def make_review(
    *,
    state=ReviewState.ASSIGNED,
    portfolio=None,
    assessor=None,
    second_assessor=None,
    office=None,
    version=None,
    overrides=None,
    final_code: str = "aangetoond",
    decision: str | None = None,
) -> ReviewWorld:
    """A review in `state` (a ReviewState or "declared"; see REVIEW_STEPS) on
    `portfolio` (a new submitted one if None). Missing people are made. `overrides`
    (criterion code → option code, default DISAGREE) is where the second assessor
    differs and what the agreed verdict says; `final_code` is the interview's final score;
    `decision` overrides the decision rule."""
    target = _step(state)
    portfolio = portfolio or make_portfolio(version=version, state="submitted")
    assessor = assessor or new_person(role=Role.ASSESSOR)
    second_assessor = second_assessor or new_person(role=Role.ASSESSOR)
    office = office or new_person(role=Role.OFFICE)
    review, one, two = assign_two(
        portfolio, assessor, second_assessor, office, declare=target >= _step("declared")
    )
    world = ReviewWorld(review=review, first=one, second=two, office=office)
    overrides = DISAGREE if overrides is None else overrides
    _until_agreed(world, target, overrides)
    if target > _step("agreed"):
        _after_agreed(world, target, final_code, decision)
    return world.refresh()


def second_round(world: ReviewWorld, *, state="decided", final_code: str = "aangetoond"):
    """From "additions_requested": the candidate adds to C2 and resubmits, the office
    resumes the review, the same assessors agree (all shown) and the review goes on to
    `state` ("agreed" … "decided")."""
    review = world.review
    review.refresh_from_db()
    add_to_c2(review.portfolio)
    decision_service.resume_review(review=review, actor=world.office)
    world.refresh()
    agree_all(world.first, world.second, overrides={})
    if _step(state) > _step("agreed"):
        _after_agreed(world, _step(state), final_code, None)
    return world.refresh()
