"""Calibration eligibility in the assignment form: data-driven, with the reason shown."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessment.forms import AssignForm
from quality.models import (
    CalibrationCase,
    CalibrationReference,
    CalibrationRound,
    CalibrationScore,
    QualitySettings,
)
from tests.factories.users import UserFactory


@pytest.fixture
def case(seeded_version, office):
    candidate = UserFactory(email="kalibratie@example.nl", role="candidate")
    from portfolio.models import Portfolio  # noqa: PLC0415 (test-local)

    portfolio = Portfolio.objects.create(
        candidate=candidate, framework_version=seeded_version, state="submitted"
    )
    case = CalibrationCase.objects.create(
        portfolio=portfolio, title="Casus", consent_note="Demodata", created_by=office
    )
    met = seeded_version.score_options.get(code="aangetoond")
    for criterion in seeded_version.sections.get(code="C1").criteria.all()[:2]:
        CalibrationReference.objects.create(
            case=case, criterion=criterion, option=met, motivation="Referentie."
        )
    return case


def _score_all(case, assessor, *, days_ago=0):
    """A submitted round of every referenced criterion, `days_ago` days ago."""
    for reference in case.references.all():
        CalibrationScore.objects.create(
            case=case,
            assessor=assessor,
            criterion=reference.criterion,
            option=reference.option,
            motivation="Zo.",
        )
    CalibrationRound.objects.create(
        case=case, assessor=assessor, submitted_at=timezone.now() - timedelta(days=days_ago)
    )


def _form(candidate, first, second):
    return AssignForm({"first": str(first.pk), "second": str(second.pk)}, candidate=candidate)


def test_not_required_by_default(candidate, assessor, second_assessor, case):
    assert _form(candidate, assessor, second_assessor).is_valid()


def test_required_calibration_names_the_reason(candidate, assessor, second_assessor, case):
    QualitySettings.objects.create(calibration_required=True, calibration_valid_days=365)
    _score_all(case, assessor)
    # The second assessor scored only one of the two criteria: not complete.
    reference = case.references.first()
    CalibrationScore.objects.create(
        case=case, assessor=second_assessor, criterion=reference.criterion, option=reference.option
    )
    form = _form(candidate, assessor, second_assessor)
    assert not form.is_valid()
    assert "first" not in form.errors
    assert form.errors["second"] == [
        (
            "Fatima El Amrani heeft nog geen kalibratieronde afgerond; het bureau vraagt dat "
            "voordat je een assessor toewijst."
        )
    ]


def test_a_calibration_too_long_ago_is_refused(candidate, assessor, second_assessor, case):
    QualitySettings.objects.create(calibration_required=True, calibration_valid_days=30)
    _score_all(case, assessor, days_ago=10)
    _score_all(case, second_assessor, days_ago=40)
    form = _form(candidate, assessor, second_assessor)
    assert not form.is_valid()
    assert "first" not in form.errors
    day = (timezone.localdate() - timedelta(days=40)).strftime("%d-%m-%Y")
    assert form.errors["second"] == [
        (
            f"De laatste kalibratie van Fatima El Amrani was op {day}; die mag niet ouder zijn "
            "dan 30 dagen."
        )
    ]
    QualitySettings.objects.update(calibration_valid_days=60)
    assert _form(candidate, assessor, second_assessor).is_valid()
