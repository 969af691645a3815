from assessment.selectors import review_items
from assessment.services import save_score
from profiles.serialization import framework_version_queryset


def score_everything(assignment, actor, *, option_code="aangetoond", overrides=None):
    """Fill every score of an assignment; `overrides` maps criterion code → option code."""
    review = assignment.review
    version = framework_version_queryset().get(pk=review.portfolio.framework_version_id)
    options = {o.code: o for o in version.score_options.all()}
    items = review_items(review, version)
    for _route, condition in items.formal_conditions:
        save_score(assignment=assignment, target=condition, met=True, motivation="ok", actor=actor)
    for declaration in items.formal_declarations:
        save_score(assignment=assignment, target=declaration, met=True, actor=actor)
    for criterion in items.criteria:
        code = (overrides or {}).get(criterion.code, option_code)
        save_score(
            assignment=assignment,
            target=criterion,
            option=options[code],
            motivation=f"Motivering bij {criterion.code}",
            interview_question="Kun je een voorbeeld geven?" if code == "toelichten" else "",
            actor=actor,
        )
    return items


def agree_everything(first, second, assessor, second_assessor, *, overrides=None):
    """Both assessors score (same scores) and submit; they agree. Returns the review."""
    from assessment.services import record_agreement, submit_assessment  # noqa: PLC0415

    items = score_everything(first, assessor, overrides=overrides)
    submit_assessment(assignment=first, actor=assessor)
    score_everything(second, second_assessor, overrides=overrides)
    submit_assessment(assignment=second, actor=second_assessor)
    review = first.review
    review.refresh_from_db()
    options = {o.code: o for o in review.portfolio.framework_version.score_options.all()}
    verdicts = {
        c.pk: (options[(overrides or {}).get(c.code, "aangetoond")], "") for c in items.criteria
    }
    record_agreement(review=review, verdicts=verdicts, questions="Vraag 1", actor=assessor)
    review.refresh_from_db()
    return review
