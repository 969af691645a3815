"""The quality figures' data stamp: replaced by every committed write that changes a
figure, left alone by the writes that do not (the autosave, a login, a transition)."""

import pytest
from django.contrib.auth.signals import user_logged_in
from django.test import RequestFactory

from assessment.services import scoring
from quality import services
from quality.models import FiguresStamp
from quality.stamp import current
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import (
    DISAGREE,
    assign_two,
    plan_interview,
    record_interview,
    score_all,
    score_and_submit,
)

from .test_calibration import case  # noqa: F401 (fixture)


@pytest.fixture
def two(seeded_version, candidate, assessor, second_assessor, office):
    portfolio = make_portfolio(candidate=candidate, version=seeded_version, state="submitted")
    return assign_two(portfolio, assessor, second_assessor, office)


def _moves(action) -> bool:
    before = current()
    action()
    return current() != before


def test_the_review_writes_that_change_figures_move_the_stamp(two, office):
    review, first, second = two
    assert not _moves(lambda: score_all(first))  # the autosave of an open assessment
    assert _moves(lambda: scoring.submit_assessment(assignment=first, actor=first.assessor))
    items = []
    assert _moves(lambda: items.append(score_and_submit(second, overrides=DISAGREE)))
    options = {o.code: o for o in review.portfolio.framework_version.score_options.all()}
    verdicts = {
        c.pk: (options[DISAGREE.get(c.code, "aangetoond")], "Zo.") for c in items[0].criteria
    }
    assert _moves(
        lambda: scoring.record_agreement(review=review, verdicts=verdicts, actor=first.assessor)
    )
    review.refresh_from_db()
    plan_interview(review, office)
    assert _moves(lambda: record_interview(review, first.assessor))  # the final scores
    assert FiguresStamp.objects.get().changes >= 4


def test_a_submitted_score_edited_in_place_moves_it(two):
    _review, first, _second = two
    score_and_submit(first)
    score = first.assessments.get().scores.filter(criterion__isnull=False).first()
    score.refresh_from_db()  # its assessment not at hand: the signal asks for it
    score.motivation = "Aangepast."
    assert _moves(score.save)


def test_an_assessors_name_moves_it_a_login_does_not(assessor, candidate):
    request = RequestFactory().get("/")
    assert not _moves(
        lambda: user_logged_in.send(sender=type(assessor), request=request, user=assessor)
    )
    candidate.first_name = "Anders"
    assert not _moves(candidate.save)  # a candidate's name is in no figure
    assessor.last_name = "Anders"
    assert _moves(assessor.save)


def test_a_submitted_calibration_round_moves_it_its_autosave_does_not(case, assessor):  # noqa: F811
    for reference in case.references.all():
        assert not _moves(
            lambda r=reference: services.save_calibration_score(
                case=case,
                assessor=assessor,
                criterion_id=r.criterion_id,
                option=r.option,
                motivation="Zo.",
            )
        )
    assert _moves(lambda: services.submit_calibration(case=case, assessor=assessor))
    assert _moves(case.delete)


def test_a_framework_edit_moves_it(seeded_version):
    criterion = seeded_version.sections.get(code="C1").criteria.first()
    criterion.title = "Een andere titel"
    assert _moves(criterion.save)


def test_the_stamp_is_a_counter_with_a_fresh_token(two):
    _review, first, second = two
    score_and_submit(first)
    row = FiguresStamp.objects.get()
    score_and_submit(second)
    later = FiguresStamp.objects.get()
    assert later.changes == row.changes + 1
    assert later.token != row.token
