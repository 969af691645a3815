"""The assessor's calibration round on the scoring page of a review (assessment/score.html,
its score forms and scale), for an anonymised portfolio: the page model of
`assessment.presenters.scoring_page`, made from a calibration case instead of an
assignment. Only the criteria with a reference score are scored; there are no formal
checks, documents (files cannot be anonymised), history or interview."""

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from django.urls import reverse

from assessment import score_forms, score_rows, sealed_render
from assessment.presenters import ScoreField
from portfolio.models import Snapshot
from profiles.selectors import content_stamp, version_with_content
from quality import anonymise, services


@dataclass(frozen=True)
class RoundState:
    """What the page's `assessment` stands for: the round, open while it is scored."""

    submitted_at: datetime | None = None


def answers(case, version) -> dict:
    """Each criterion's answer block, rendered from the case's latest sealed snapshot
    with names and the privacy guard's findings replaced (not kept: a calibration page
    is seldom opened, and the scan depends on the day)."""
    snapshot = (
        Snapshot.objects.filter(portfolio=case.portfolio).order_by("-round").only("content").first()
    )
    content = snapshot.content if snapshot is not None else {}
    return sealed_render.render_answers(
        anonymise.anonymised_content(content, case.portfolio.candidate), version
    )


def _field(criterion_id: int, options, score) -> ScoreField:
    """The review's score form of one criterion, without the interview question (a
    calibration round has no interview)."""
    kept = SimpleNamespace(
        option_id=score.option_id if score else None,
        motivation=score.motivation if score else "",
        interview_question=None,
    )
    return ScoreField.on_scale(f"criterion-{criterion_id}", options, kept)


def scoring_page(case, request, scores: dict) -> dict:
    """The context of assessment/score.html for a calibration round of `case` (loaded
    with its portfolio's candidate); `scores` the assessor's by criterion id."""
    version = version_with_content(case.portfolio.framework_version_id)
    references = services.references_of(case)
    referenced = {r.criterion_id for r in references}
    criteria = [c for s in version.sections.all() for c in s.criteria.all() if c.pk in referenced]
    options = list(version.score_options.all())
    rendered = answers(case, version)
    context = {
        "calibration": case,
        "submit_url": reverse("quality:calibration_submit", args=[case.pk]),
        "assignment": None,
        "review": None,
        "portfolio": None,
        "version_stamp": content_stamp(version),
        "conditions": [],
        "declarations": [],
        "route_checks": [],
        "rows": [
            {
                "criterion": c,
                "target": f"criterion-{c.pk}",
                "answer": rendered.get(c.pk, ""),
                "field": _field(c.pk, options, scores.get(c.pk)),
            }
            for c in criteria
        ],
        "documents": [],
        "assessment": RoundState(),
        "missing": services.missing(references, scores),
        "changes": [],
        "history": [],
        "privacy_override": None,
        "may_see_other_scores": False,
        "may_open_interview": False,
    }
    score_forms.attach_fields(
        context, request, save_url=reverse("quality:calibration_save", args=[case.pk])
    )
    score_rows.attach(context, version=version)
    return context
