"""Calibration: when has an assessor last completed a calibration round, and may they be
assigned? The rule's numbers (required or not, how recent) are the office's data
(QualitySettings); assessment's assignment form asks `reasons_not_eligible`."""

from datetime import date, timedelta

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from quality.models import CalibrationRound, QualitySettings


def completed_on(assessor_ids) -> dict[int, date]:
    """Per assessor the local date of their latest submitted calibration round of an
    active case (one query; the submission required every referenced criterion)."""
    rows = (
        CalibrationRound.objects.filter(assessor_id__in=list(assessor_ids), case__active=True)
        .values("assessor_id")
        .annotate(last=Max("submitted_at"))
        .order_by()
    )
    return {row["assessor_id"]: timezone.localdate(row["last"]) for row in rows}


def reasons_not_eligible(assessors) -> dict[int, str]:
    """Per assessor who may not be assigned now, why (empty when the office requires no
    calibration). Fails closed: no completed round counts as not calibrated."""
    office = QualitySettings.current()
    if not office.calibration_required:
        return {}
    done = completed_on([a.pk for a in assessors])
    oldest = timezone.localdate() - timedelta(days=office.calibration_valid_days)
    reasons = {}
    for assessor in assessors:
        day = done.get(assessor.pk)
        if day is None:
            reasons[assessor.pk] = _(
                "%(name)s heeft nog geen kalibratieronde afgerond; het bureau vraagt dat "
                "voordat je een assessor toewijst."
            ) % {"name": assessor.get_full_name() or assessor.email}
        elif day < oldest:
            reasons[assessor.pk] = _(
                "De laatste kalibratie van %(name)s was op %(day)s; die mag niet ouder zijn "
                "dan %(days)s dagen."
            ) % {
                "name": assessor.get_full_name() or assessor.email,
                "day": day.strftime("%d-%m-%Y"),
                "days": office.calibration_valid_days,
            }
    return reasons
