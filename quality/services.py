"""Writes of the quality app: an assessor's calibration round."""

from django.db import transaction

from audit.enums import AuditAction
from audit.services import record
from quality.models import CalibrationCase, CalibrationScore


@transaction.atomic
def save_calibration(*, case: CalibrationCase, assessor, scores: dict) -> int:
    """Store the assessor's scores of a calibration case; `scores` maps a criterion id to
    (option, motivation). Returns how many were stored.

    Side effects: one CalibrationScore per criterion (replacing an earlier one, so a
    round can be redone); one audit entry."""
    for criterion_id, (option, motivation) in scores.items():
        CalibrationScore.objects.update_or_create(
            case=case,
            assessor=assessor,
            criterion_id=criterion_id,
            defaults={"option": option, "motivation": motivation},
        )
    record(
        actor=assessor,
        action=AuditAction.CALIBRATION_SCORED,
        target=case,
        summary=f"kalibratieronde: {len(scores)} criteria gescoord",
    )
    return len(scores)
