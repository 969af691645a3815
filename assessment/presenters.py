"""Page models of the assessment pages: what the scoring page, the comparison and the
office's review page print, worked out from the selectors, so that the views only
fetch, call one service and render. The scoring page (`scoring_page`) and the
comparison (`comparison`) are the two pages an assessor works in."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from assessment import history, sealed_render, selectors, workflow
from assessment import rules as review_rules
from assessment.decision import load_outcome
from assessment.enums import Decision, RuleVerdict
from portfolio import eligibility
from portfolio.selectors import portfolio_content
from profiles.selectors import version_with_content

# --- the scoring page -----------------------------------------------------------------------


@dataclass
class ScoreField:
    """One autosaving score form on the scoring page, ready to print: the scoring page
    holds some 30, so the template gets plain values instead of working them out."""

    target: str  # "criterion-12": what save_score receives, and the stem of the ids
    scale: bool  # a criterion on the framework's scale; else met / not met
    name: str  # the radio buttons' name: "option" or "met"
    choices: list[dict]
    motivation: str
    question: str

    @classmethod
    def on_scale(cls, target, options, score, *, asks_questions: bool = True):
        """`asks_questions`: the review may have a toetsgesprek to prepare a question for
        (else no question box: None)."""
        chosen = score.option_id if score else None
        question = (score.interview_question if score else "") if asks_questions else None
        return cls(
            target=target,
            scale=True,
            name="option",
            choices=[_choice(target, o.pk, o.label, f"o{o.pk}", o.pk == chosen) for o in options],
            motivation=score.motivation if score else "",
            question=question,
        )

    @classmethod
    def met_or_not(cls, target, score):
        met = score.met if score else None
        return cls(
            target=target,
            scale=False,
            name="met",
            choices=[
                _choice(target, "yes", _("Voldaan"), "yes", met is True),
                _choice(target, "no", _("Niet voldaan"), "no", met is False),
            ],
            motivation=score.motivation if score else "",
            question="",
        )


def _choice(target, value, label, suffix, checked) -> dict:
    return {"value": value, "label": label, "id": f"{target}-{suffix}", "checked": checked}


def scoring_page(assignment, user) -> dict:
    """The assessor's scoring page: the items to score with the candidate's answers and
    the assessor's own scores, the formal checks, the documents and the history."""
    review = assignment.review
    selectors.prefetch_assignments(review)  # asked by the step predicates
    version = selectors.assignment_version(assignment)
    items = selectors.review_items(review, version, assignment)
    assessment, scores = selectors.own_scores(assignment)
    # The answers come from the round's sealed snapshot, rendered once per fingerprint
    # (assessment/sealed_render.py); the live answers are not read.
    content = portfolio_content(review.portfolio, version, answers=False)
    sealed = sealed_render.sealed_round(review.portfolio, review.round)
    answers = sealed_render.sealed_answers(sealed, version)
    return {
        "assignment": assignment,
        "review": review,
        "portfolio": review.portfolio,
        **_formal_rows(items, content, scores),
        "route_checks": _route_checks(review.portfolio, version, content, items),
        "rows": _criterion_rows(items, answers, scores),
        # Already read with the content (in Document's order: uploaded_at, pk).
        "documents": sorted(
            [d for docs in content.documents_by_requirement.values() for d in docs]
            + [d for docs in content.documents_by_question.values() for d in docs],
            key=lambda d: (d.uploaded_at, d.pk),
        ),
        "assessment": assessment,
        # What the assessor's half is made of (score_forms.attach: the score forms, the
        # workbench's index and what is left to do, kept per content of the scores).
        "scoring": ScoringInput(
            version,
            items,
            scores,
            list(version.score_options.all()),
            asks_questions=review_rules.interview_is_required(user, review),
        ),
        "interview_note": interview_note(version, review),
        "changes": selectors.snapshot_changes(review.portfolio, review.round),
        "history": selectors.earlier_verdicts(review),
        "privacy_override": sealed and sealed.privacy_override,
        "may_see_other_scores": review_rules.may_see_other_scores(user, review),
        "may_open_interview": review_rules.may_open_interview(user, review),
        "compares_assessments": review_rules.compares_assessments(user, review),
    }


@dataclass(frozen=True)
class ScoringInput:
    version: object  # from version_with_content()
    items: selectors.ReviewItems
    scores: dict  # as selectors.scores_by_target gives them
    options: list  # the version's scale
    asks_questions: bool = True  # a toetsgesprek to prepare questions for


def interview_note(version, review) -> str:
    """Why this review has no toetsgesprek, read from the framework: its route waives
    it, or the framework (a recertification) has none; empty when it has one."""
    if review_rules.interview_is_required(None, review):
        return ""
    if version.has_interview:
        return _("vrijgestelde route: geen casus en geen toetsgesprek")
    return _("geen toetsgesprek in dit toetsingskader")


# Each scored item of the page carries its `target` (its anchor, the stem of its form's
# ids) and its saved `score` (or None); score_forms.attach adds its `form`.


def _formal_rows(items, content, scores) -> dict:
    """The routes' conditions and the sections' declarations, each met or not."""
    return {
        "conditions": [
            {
                "route": route,
                "condition": c,
                "target": f"condition-{c.pk}",
                "score": scores.get(("condition", c.pk)),
            }
            for route, c in items.formal_conditions
        ],
        "declarations": [
            {
                "declaration": d,
                "signature": (signature := content.signatures_by_declaration.get(d.pk)),
                "stated": eligibility.stated_text(signature) if signature else "",
                "target": f"declaration-{d.pk}",
                "score": scores.get(("declaration", d.pk)),
            }
            for d in items.formal_declarations
        ],
    }


def _criterion_rows(items, answers, scores) -> list[dict]:
    """Each criterion with the candidate's sealed answer (rendered HTML) and own score."""
    return [
        {
            "criterion": criterion,
            "answer": answers.get(criterion.pk, ""),
            "target": f"criterion-{criterion.pk}",
            "score": scores.get(("criterion", criterion.pk)),
        }
        for criterion in items.criteria
    ]


def _route_checks(portfolio, version, content, items) -> list:
    """The chosen routes' diploma window and document ages, with what the candidate gave,
    for whoever checks the formal requirements (not a third assessor)."""
    if not items.formal_conditions:
        return []
    by_pk = {r.pk: r for s in version.sections.all() for r in s.education_requirements.all()}
    routes = [by_pk.get(portfolio.basic_route_id), by_pk.get(portfolio.supplementary_route_id)]
    return eligibility.route_checks(portfolio, routes, content.documents_by_requirement)


# --- the comparison ----------------------------------------------------------------------------


@dataclass
class Comparison:
    """The comparison page: both assessments side by side, per criterion a row with the
    preselected joint verdict, and the questions for the toetsgesprek."""

    assessments: list[selectors.ComparedAssessment]
    options: dict  # option id → ScoreOption of the version's scale
    rows: list[dict]
    prefilled_questions: str
    version: object  # from version_with_content(): what keys the rows' rendering


def comparison(review, version=None) -> Comparison:
    """`review` with its assignments prefetched (the step predicates ask them);
    `version` its framework version with content, when the caller has it."""
    version = version or version_with_content(review.portfolio.framework_version_id)
    items = selectors.review_items(review, version)
    options = {o.pk: o for o in version.score_options.all()}
    assessments = selectors.compared_assessments(review)
    per = [a.scores for a in assessments]
    agreed = {
        a.criterion_id: a
        # The review too: the related manager sets it on what it reads.
        for a in review.agreed_scores.filter(round=review.round).only(
            "review", "criterion", "option", "reason"
        )
    }
    rows, questions = compare_rows(items.criteria, options, per, agreed)
    return Comparison(
        version=version,
        assessments=assessments,
        options=options,
        rows=rows,
        # What the assessors saved, else a line per criterion the interview must settle.
        prefilled_questions=review.interview_questions or "\n".join(questions),
    )


def compare_rows(criteria, options: dict, per: list[dict], agreed: dict):
    """Per criterion its row, and the interview questions: (rows, questions).

    A row's choice is preselected with the agreed score, else with the assessors' common
    score (none where they differ). A criterion where they differ, or where one refers it
    to the toetsgesprek, gets a question line: their questions, or "…"."""
    rows = []
    questions = []
    for criterion in criteria:
        scores = [p.get(("criterion", criterion.pk)) for p in per]
        chosen = {s.option_id for s in scores if s}
        differ = len(chosen) > 1
        if differ or any(options[o].refers_to_interview for o in chosen if o in options):
            asked = [s.interview_question for s in scores if s and s.interview_question]
            questions.append(f"{criterion.code} {criterion.title}: " + (" / ".join(asked) or "…"))
        row_agreed = agreed.get(criterion.pk)
        if row_agreed:
            selected = row_agreed.option_id
        else:
            selected = scores[0].option_id if scores and scores[0] and not differ else None
        rows.append(
            {
                "criterion": criterion,
                "scores": scores,
                "differ": differ,
                "agreed": row_agreed,
                "choices": [(o, o.pk == selected) for o in options.values()],
            }
        )
    return rows, questions


# --- the office's review page ------------------------------------------------------------------


def decision_initial(rule) -> dict:
    """The decision form's preselection: only a verdict the rule reached, never
    "undecided" turned into a choice, never a deviation."""
    return {"decision": str(rule.verdict)} if rule.verdict in Decision.values else {}


def office_review(user, review) -> dict:
    """What the office's page of a review shows besides its forms: the steps it may take,
    the history, the conflicts, the rule's verdict and the latest report."""
    rule = load_outcome(review)
    return {
        "may": review_rules.permissions(user, review, workflow.OFFICE_STEPS),
        "awaiting_additions": review_rules.additions_are_requested(user, review),
        "decided": review_rules.is_decided(user, review),
        "history": history.review_history(review),
        "conflicts": review.assignments.exclude(conflict="").select_related("assessor"),
        "rule": rule,
        "rule_grants": rule.verdict == RuleVerdict.GRANTED,
        "rule_refuses": rule.verdict == RuleVerdict.NOT_GRANTED,
        "report": review.reports.order_by("-round", "-created_at").first(),
    }
