"""The demo data make the dashboard meaningful: enough reviews, one drifting assessor,
two calibration cases, and some criteria read differently."""

from django.core.management import call_command
from django.utils import timezone

from assessment.models import Review
from quality.demo import DEMO_PREFIX
from quality.figures import figures
from quality.forms import default_start
from quality.models import CalibrationCase
from quality.selectors import Period


def test_seed_quality_demo(seeded_version, office):
    call_command("seed_quality_demo")
    assert Review.objects.filter(portfolio__candidate__email__startswith=DEMO_PREFIX).count() == 240
    assert CalibrationCase.objects.count() == 2
    assert all(case.references.count() > 0 for case in CalibrationCase.objects.all())
    today = timezone.localdate()
    shown = figures(seeded_version, Period(default_start(today), today))
    # The drifting assessor is warned about (where the quarters fall depends on today's
    # date, so others may be too by chance), and she did grow stricter.
    assert "Anouk" in {user.first_name for user, _point in shown["warnings"]}
    anouk = next(points for user, points in shown["drift"] if user.first_name == "Anouk")
    assert anouk[-2].stricter > 2 * anouk[0].stricter
    assert shown["flagged"]  # the two hard criteria (and chance) fall below kappa 0.4
    call_command("seed_quality_demo")  # idempotent
    assert CalibrationCase.objects.count() == 2
