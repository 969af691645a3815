"""Reads of the review: access-checked fetching, what must be scored, comparisons."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import FilteredRelation, Prefetch, Q, prefetch_related_objects
from django.http import Http404

from assessment import workflow
from assessment.decision import load_outcome
from assessment.enums import AssessorRole
from assessment.models import Assessment, Assignment, Review, Score
from portal.dates import days_after
from portal.queries import one_row
from portfolio.eligibility import compute_requirements
from profiles.models import Criterion
from profiles.selectors import version_read, version_with_content, with_version_read


def assignment_for_assessor(user, assignment_id: int) -> Assignment:
    """The assessor's own active assignment; 404 for anything else (also for others)."""
    assignment = one_row(_active_assignment, assignment_id, user.pk)
    if assignment is None or not user.is_assessor:
        raise Http404
    return assignment


def _active_assignment(assignment_id: int, assessor_id: int):
    return (
        # Not the framework nor the routes: the pages take them from the kept framework
        # tree (version_with_content) by id. With what finds that tree (assignment_version).
        with_version_read(
            Assignment.objects.select_related(
                "review__portfolio__candidate", "review__portfolio__framework_version"
            ),
            "review__portfolio__framework_version",
        )
        .filter(pk=assignment_id, assessor_id=assessor_id, withdrawn_at__isnull=True)
        .order_by()  # one row by its key: not the model's ordering
    )


def assignment_version(assignment: Assignment):
    """The framework version of an assignment from `assignment_for_assessor`, with its
    content (`version_with_content`): from the version's row and the content stamp read
    with the assignment, so without a query of its own."""
    return version_read(assignment, assignment.review.portfolio.framework_version_id)


def prefetch_assignments(review: Review) -> None:
    """Prefetch the review's assignments (the step predicates ask them), in the model's
    order within one review (by creation) without its join to the review to sort them."""
    prefetch_related_objects(
        [review], Prefetch("assignments", queryset=Assignment.objects.order_by("created_at"))
    )


def assignments_of(user):
    return (
        Assignment.objects.filter(assessor_id=user.pk, withdrawn_at__isnull=True)
        .select_related("review__portfolio__candidate", "review__portfolio__framework_version")
        .order_by("-created_at")
    )


@dataclass
class ReviewItems:
    """What an assessor scores on this portfolio, from the framework and the routes."""

    formal_conditions: list = field(default_factory=list)  # (route, condition)
    formal_declarations: list = field(default_factory=list)
    criteria: list = field(default_factory=list)


def review_items(review: Review, version, assignment: Assignment | None = None) -> ReviewItems:
    """`version` must come from `version_with_content()` (everything prefetched).

    A third assessor scores only the disputed criteria of their assignment.
    """
    portfolio = review.portfolio
    by_pk = {r.pk: r for s in version.sections.all() for r in s.education_requirements.all()}
    basic = by_pk.get(portfolio.basic_route_id)
    supplementary = by_pk.get(portfolio.supplementary_route_id)
    required = set(
        compute_requirements(
            version=version, basic_route=basic, supplementary_route=supplementary
        ).required_sections
    )
    items = ReviewItems()
    if assignment is not None and assignment.role == AssessorRole.THIRD:
        disputed = set(assignment.criteria)
        for section in version.sections.all():
            items.criteria.extend(c for c in section.criteria.all() if c.pk in disputed)
        return items
    for route in (basic, supplementary):
        if route is not None:
            items.formal_conditions.extend((route, c) for c in route.conditions.all())
    for section in version.sections.all():
        if section.code not in required:
            continue
        items.formal_declarations.extend(section.declarations.all())
        if section.counts_for_assessment:
            items.criteria.extend(section.criteria.all())
    return items


def scores_by_target(assessment: Assessment | None) -> dict:
    """{('criterion'|'condition'|'declaration', id): Score} for one assessment."""
    if assessment is None:
        return {}
    return _by_target(assessment.scores.all())


def _by_target(scores) -> dict:
    result = {}
    for score in scores:
        if score.criterion_id:
            result[("criterion", score.criterion_id)] = score
        elif score.condition_id:
            result[("condition", score.condition_id)] = score
        else:
            result[("declaration", score.declaration_id)] = score
    return result


def own_scores(assignment: Assignment) -> tuple[Assessment | None, dict]:
    """The assessor's own assessment of the current round (None before the first score)
    and its scores as `scores_by_target` gives them, in one query: the assessment joined
    to its scores (none yet: one row without a score), read as values."""
    assessment_fields = [f.attname for f in Assessment._meta.concrete_fields]
    score_fields = [f.attname for f in Score._meta.concrete_fields]
    rows = (
        Assessment.objects.filter(assignment=assignment, round=assignment.review.round)
        .order_by()  # one per assignment and round; the page orders by the framework
        .values_list(*assessment_fields, *(f"scores__{name}" for name in score_fields))
    )
    assessment, scores = None, []
    split = len(assessment_fields)
    for row in rows:
        if assessment is None:
            assessment = Assessment.from_db(rows.db, assessment_fields, row[:split])
        if row[split] is not None:  # the score's id: NULL for an assessment without scores
            scores.append(Score.from_db(rows.db, score_fields, row[split:]))
    return assessment, _by_target(scores)


def current_assessments(review: Review) -> list[Assessment]:
    """The submitted-or-not assessments of this round, with their scores prefetched (the
    comparison reads them as values: `compared_assessments`)."""
    scores = Score.objects.select_related("option", "condition", "declaration")
    return list(
        Assessment.objects.filter(
            assignment__review=review, assignment__withdrawn_at__isnull=True, round=review.round
        )
        .select_related("assignment__assessor")
        .prefetch_related(Prefetch("scores", queryset=scores))
        .order_by("assignment__created_at")
    )


@dataclass(frozen=True)
class ComparedScore:
    """A criterion's score on the comparison page, read as values."""

    option_id: int | None
    option_label: str  # "" without an option
    motivation: str
    interview_question: str


@dataclass(frozen=True)
class ComparedAssessment:
    """An assessment of the round on the comparison page: its assessor and its criteria's
    scores, {("criterion", id): ComparedScore} as `scores_by_target` keys them."""

    pk: int
    assignment_id: int
    assessor_name: str  # as User.get_full_name() prints it
    scores: dict = field(default_factory=dict)


def compared_assessments(review: Review) -> list[ComparedAssessment]:
    """The comparison's `current_assessments`, its criteria's scores only, as plain values
    in one query: every assessment of the round (one without scores too) with its
    assessor's name and its criteria's scores with their options' labels, in the order
    of the assignments."""
    rows = (
        Assessment.objects.filter(
            assignment__review=review, assignment__withdrawn_at__isnull=True, round=review.round
        )
        .annotate(
            criterion_score=FilteredRelation("scores", condition=Q(scores__criterion__isnull=False))
        )
        .order_by("assignment__created_at", "pk")
        .values_list(
            "pk",
            "assignment_id",
            "assignment__assessor__first_name",
            "assignment__assessor__last_name",
            "criterion_score__criterion_id",
            "criterion_score__option_id",
            "criterion_score__option__label",
            "criterion_score__motivation",
            "criterion_score__interview_question",
        )
    )
    found: dict[int, ComparedAssessment] = {}
    for pk, assignment_id, first, last, criterion_id, *score in rows:
        if pk not in found:
            found[pk] = ComparedAssessment(pk, assignment_id, f"{first} {last}".strip())
        if criterion_id is not None:
            option_id, label, motivation, question = score
            found[pk].scores[("criterion", criterion_id)] = ComparedScore(
                option_id, label or "", motivation, question
            )
    return list(found.values())


def is_scored(kind: str, score: Score | None) -> bool:
    """Whether a saved score (of a 'criterion', 'condition' or 'declaration') is complete
    for submitting: a criterion needs an option and a motivation, the others met or not."""
    if score is None:
        return False
    if kind == "criterion":
        return score.option_id is not None and bool(score.motivation.strip())
    return score.met is not None


def missing_scores(items: ReviewItems, scores: dict) -> list[str]:
    """Exactly what an assessor still has to fill before submitting."""
    missing = []
    for route, condition in items.formal_conditions:
        if not is_scored("condition", scores.get(("condition", condition.pk))):
            missing.append(f"{route.code}: {condition.text}")
    for declaration in items.formal_declarations:
        if not is_scored("declaration", scores.get(("declaration", declaration.pk))):
            missing.append(f"{declaration.code}: {declaration.statement}")
    for criterion in items.criteria:
        if not is_scored("criterion", scores.get(("criterion", criterion.pk))):
            missing.append(f"{criterion.code} {criterion.title}")
    return missing


def report_context(review: Review) -> dict:
    """Everything the decision report prints (one fixed set of queries)."""
    portfolio = review.portfolio
    version = version_with_content(portfolio.framework_version_id)
    items = review_items(review, version)
    assessments = current_assessments(review)
    per = [scores_by_target(a) for a in assessments]
    agreed = {
        a.criterion_id: a
        for a in review.agreed_scores.filter(round=review.round).select_related(
            "option", "final_option"
        )
    }
    formal = [
        {
            "label": f"{route.code}: {condition.text}",
            "scores": [p.get(("condition", condition.pk)) for p in per],
        }
        for route, condition in items.formal_conditions
    ] + [
        {
            "label": f"{d.code}: {d.statement}",
            "scores": [p.get(("declaration", d.pk)) for p in per],
        }
        for d in items.formal_declarations
    ]
    criteria = [
        {
            "criterion": c,
            "agreed": agreed.get(c.pk),
            "motivations": [
                (a.assignment.assessor, p.get(("criterion", c.pk)))
                for a, p in zip(assessments, per, strict=True)
            ],
        }
        for c in items.criteria
    ]
    return {
        "review": review,
        "portfolio": portfolio,
        "candidate": portfolio.candidate,
        "version": version,
        # The fingerprint, not the sealed texts (tens of kilobytes of JSON).
        "snapshot": portfolio.snapshots.defer("content").order_by("-round").first(),
        "assessments": assessments,
        "formal": formal,
        "criteria": criteria,
        "interview": getattr(review, "interview", None),
        # What the rule's verdict rests on where it did not grant (the decided round's
        # evidence, which no step changes after the decision).
        "rule_open_items": load_outcome(review).open_items,
    }


def assessment_deadline(review: Review) -> date | None:
    """The last local day of the assessors' scoring period ("uiterlijk"): the local date
    of the first active assignment plus the version's assessment_days; overdue from the
    local day after. None when the review is not being scored."""
    if review.state not in workflow.SCORING:
        return None
    first_assigned = min(
        (a.created_at for a in review.assignments.all() if a.withdrawn_at is None), default=None
    )
    if first_assigned is None:
        return None
    return days_after(first_assigned, review.portfolio.framework_version.assessment_days)


def snapshot_changes(portfolio, round_: int) -> list[dict]:
    """Per entry, what changed between the sealed snapshot of `round_` and the one before."""
    if round_ <= 1:
        return []
    snapshots = {
        s.round: s.content for s in portfolio.snapshots.filter(round__in=[round_ - 1, round_])
    }
    if len(snapshots) < 2:
        return []

    def entries(content):
        return {
            (section["code"], entry["code"], entry["kind"]): entry
            for section in content["sections"]
            for entry in section["entries"]
        }

    before, after = entries(snapshots[round_ - 1]), entries(snapshots[round_])
    changes = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        changes.append(
            {
                "section": key[0],
                "code": key[1],
                "kind": key[2],
                "before": _entry_text(old),
                "after": _entry_text(new),
            }
        )
    return changes


def _entry_text(entry) -> str:
    if entry is None:
        return ""
    if entry["kind"] == "document":
        return f"{entry['name']} (SHA-256 {entry['sha256'][:12]}…)"
    if entry["kind"] == "signature":
        return f"{entry['full_name']}, {entry['signed_on']}"
    return entry.get("text") or entry.get("date") or ""


def referred_to_interview(review: Review):
    """The current round's agreed scores that refer the criterion to the toetsgesprek,
    with the criterion, the option and the final score (what the interview page lists
    and what recording the interview gives a final score)."""
    return review.agreed_scores.filter(
        round=review.round, option__refers_to_interview=True
    ).select_related("criterion__section", "option", "final_option")


def earlier_verdicts(review: Review) -> list:
    """The agreed scores of earlier rounds (history, read-only)."""
    if review.round <= 1:
        return []
    return list(
        review.agreed_scores.filter(round__lt=review.round)
        .select_related("criterion__section", "option", "final_option")
        .order_by("round", "criterion__section__order", "criterion__order")
    )


def disputed_criteria(review: Review) -> list:
    """The criteria on which the assessors of the current round differ."""
    per = [scores_by_target(a) for a in current_assessments(review)]
    ids = {
        key[1]
        for scores in per
        for key in scores
        if key[0] == "criterion" and len({p[key].option_id for p in per if key in p}) > 1
    }
    return list(
        Criterion.objects.filter(pk__in=ids)
        .select_related("section")
        .order_by("section__order", "order")
    )
