"""Calibration eligibility in the assignment form: data-driven, with the reason shown."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.forms import AssignForm, ThirdAssessorForm
from assessment.selectors import disputed_criteria
from assessment.services.assignment import add_third_assessor
from assessment.services.transition import ReviewError
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
    """A submitted round of every referenced criterion: now, or at noon `days_ago` local
    days ago (not "now minus so many days": across a change to or from summer time that
    lands on another local date late in the evening)."""
    for reference in case.references.all():
        CalibrationScore.objects.update_or_create(
            case=case,
            assessor=assessor,
            criterion=reference.criterion,
            defaults={"option": reference.option, "motivation": "Zo."},
        )
    CalibrationRound.objects.create(
        case=case,
        assessor=assessor,
        submitted_at=timezone.make_aware(
            datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(12))
        )
        if days_ago
        else timezone.now(),
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


@pytest.mark.dates
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


# --- the third assessor ----------------------------------------------------------------------


@pytest.fixture
def disputed(seeded_version, office):
    """Both assessors submitted and differ on C3.2: a third assessor may be added."""
    from tests.factories.reviews import make_review  # noqa: PLC0415 - test-local

    world = make_review(state="assessed", version=seeded_version, office=office)
    return world.review, disputed_criteria(world.review)


def _third_form(review, criteria, assessor):
    return ThirdAssessorForm(
        {"assessor": str(assessor.pk), "criteria": [str(c.pk) for c in criteria]},
        review=review,
        disputed=criteria,
    )


@pytest.mark.dates
def test_the_third_assessor_needs_a_recent_calibration_too(disputed, case, office):
    review, criteria = disputed
    third = UserFactory(role="assessor", first_name="Derk", last_name="Derde")
    assert _third_form(review, criteria, third).is_valid()  # not required by default
    QualitySettings.objects.create(calibration_required=True, calibration_valid_days=30)
    form = _third_form(review, criteria, third)
    assert not form.is_valid()
    assert form.errors["assessor"] == [
        (
            "Derk Derde heeft nog geen kalibratieronde afgerond; het bureau vraagt dat voordat "
            "je een assessor toewijst."
        )
    ]
    # The service refuses too (a decision fails closed, whatever posts it).
    with pytest.raises(ReviewError, match="Derk Derde heeft nog geen kalibratieronde"):
        add_third_assessor(review=review, assessor=third, criteria=criteria, actor=office)
    _score_all(case, third, days_ago=45)
    day = (timezone.localdate() - timedelta(days=45)).strftime("%d-%m-%Y")
    assert _third_form(review, criteria, third).errors["assessor"] == [
        f"De laatste kalibratie van Derk Derde was op {day}; die mag niet ouder zijn dan 30 dagen."
    ]
    _score_all(case, third, days_ago=2)
    assert _third_form(review, criteria, third).is_valid()
    assert add_third_assessor(review=review, assessor=third, criteria=criteria, actor=office)


def test_the_office_page_names_the_reason(disputed, case, office_client):
    review, criteria = disputed
    third = UserFactory(role="assessor", first_name="Derk", last_name="Derde")
    QualitySettings.objects.create(calibration_required=True)
    response = office_client.post(
        reverse("assessment:add_third", args=[review.portfolio_id]),
        {"assessor": third.pk, "criteria": [c.pk for c in criteria]},
        follow=True,
    )
    html = response.content.decode()
    assert "Derk Derde heeft nog geen kalibratieronde afgerond" in html
    assert not review.assignments.filter(assessor=third).exists()


def test_assigning_the_first_two_fails_closed_in_the_service(
    seeded_version, candidate, assessor, second_assessor, office
):
    from assessment.services.assignment import assign_assessors  # noqa: PLC0415 - test-local
    from tests.factories.portfolios import make_portfolio  # noqa: PLC0415 - test-local

    QualitySettings.objects.create(calibration_required=True)
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    with pytest.raises(ReviewError, match="nog geen kalibratieronde"):
        assign_assessors(portfolio=portfolio, first=assessor, second=second_assessor, actor=office)
