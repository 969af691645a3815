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
