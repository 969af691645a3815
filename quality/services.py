"""Writes of the quality app: an assessor's calibration round, scored on the scoring page
of a review (autosave per criterion) and then submitted."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.services.transition import ReviewError
from audit.enums import AuditAction
from audit.services import record
from portal import limits
from quality.models import CalibrationCase, CalibrationRound, CalibrationScore


class CalibrationError(ReviewError):
    """A calibration write refused, with the Dutch reason to show."""


def references_of(case: CalibrationCase) -> list:
    """The case's reference scores in the framework's order (the database has none of
    its own), with criterion and option."""
    return list(
        case.references.select_related("criterion__section", "option").order_by(
            "criterion__section__order", "criterion__order", "criterion__pk"
        )
    )


@transaction.atomic
def save_calibration_score(
    *, case: CalibrationCase, assessor, criterion_id: int, option, motivation: str
):
    """Save (autosave) one score of the assessor's calibration round: only a criterion
    the case has a reference for, only an option of its version's scale. Replaces an
    earlier score, so a case can be scored again."""
    limits.MOTIVATION.check(motivation, error=CalibrationError)
    if not case.references.filter(criterion_id=criterion_id).exists():
        raise CalibrationError(_("Dit criterium hoort niet bij deze kalibratiecasus."))
    if option is not None and option.version_id != case.portfolio.framework_version_id:
        raise CalibrationError(_("Deze score hoort niet bij de schaal van dit kader."))
    score, _created = CalibrationScore.objects.update_or_create(
        case=case,
        assessor=assessor,
        criterion_id=criterion_id,
        defaults={"option": option, "motivation": motivation},
    )
    return score


def missing(references, scores: dict) -> list[str]:
    """What the assessor still has to fill, as on a review: a score and a motivation for
    every referenced criterion."""
    return [
        f"{r.criterion.code} {r.criterion.title}"
        for r in references
        if (s := scores.get(r.criterion_id)) is None
        or s.option_id is None
        or not s.motivation.strip()
    ]


@transaction.atomic
def submit_calibration(*, case: CalibrationCase, assessor) -> CalibrationRound:
    """Submit the round: every referenced criterion scored and motivated. Side effects:
    one CalibrationRound (what eligibility counts), one audit entry."""
    references = references_of(case)
    if not references:
        raise CalibrationError(_("Deze casus heeft nog geen referentiescores."))
    scores = {
        s.criterion_id: s for s in CalibrationScore.objects.filter(case=case, assessor=assessor)
    }
    todo = missing(references, scores)
    if todo:
        raise CalibrationError(_("Nog niet compleet: %(items)s") % {"items": "; ".join(todo)})
    calibration_round = CalibrationRound.objects.create(
        case=case, assessor=assessor, submitted_at=timezone.now()
    )
    record(
        actor=assessor,
        action=AuditAction.CALIBRATION_SCORED,
        target=case,
        summary=f"kalibratieronde ingediend: {len(references)} criteria",
    )
    return calibration_round
