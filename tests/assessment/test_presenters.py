"""The page models that used to be worked out in the views: the comparison's preselection
and interview questions, and the office's decision preselection (assessment.presenters)."""

from types import SimpleNamespace

import pytest

from assessment.decision import Outcome
from assessment.enums import RuleVerdict
from assessment.presenters import compare_rows, comparison, decision_initial
from assessment.services.scoring import submit_assessment
from tests.assessment.helpers import score_everything

# A scale of three options: the middle one refers the criterion to the toetsgesprek.
MET = SimpleNamespace(pk=1, label="aangetoond", refers_to_interview=False)
ASK = SimpleNamespace(pk=2, label="toetsgesprek", refers_to_interview=True)
NOT = SimpleNamespace(pk=3, label="niet aangetoond", refers_to_interview=False)
OPTIONS = {o.pk: o for o in (MET, ASK, NOT)}


def _criterion(pk):
    return SimpleNamespace(pk=pk, code=f"C{pk}", title=f"Criterium {pk}")


def _score(option, question=""):
    return SimpleNamespace(option_id=option.pk, interview_question=question)


def _selected(row):
    return [option.pk for option, selected in row["choices"] if selected]


def test_a_common_score_is_preselected_and_asks_no_question():
    rows, questions = compare_rows(
        [_criterion(7)], OPTIONS, [{("criterion", 7): _score(MET)}] * 2, agreed={}
    )
    assert (rows[0]["differ"], _selected(rows[0]), questions) == (False, [MET.pk], [])
    assert [o.pk for o, _selected in rows[0]["choices"]] == [1, 2, 3]  # the whole scale


def test_differing_scores_preselect_nothing_and_ask_both_questions():
    per = [
        {("criterion", 7): _score(MET, "Hoe vaak?")},
        {("criterion", 7): _score(NOT, "Met wie?")},
    ]
    rows, questions = compare_rows([_criterion(7)], OPTIONS, per, agreed={})
    assert (rows[0]["differ"], _selected(rows[0])) == (True, [])
    assert questions == ["C7 Criterium 7: Hoe vaak? / Met wie?"]


def test_the_agreed_score_is_preselected_even_where_the_scores_differ():
    per = [{("criterion", 7): _score(MET)}, {("criterion", 7): _score(NOT)}]
    agreed = {7: SimpleNamespace(option_id=NOT.pk)}
    rows, _questions = compare_rows([_criterion(7)], OPTIONS, per, agreed)
    assert (_selected(rows[0]), rows[0]["agreed"]) == ([NOT.pk], agreed[7])


def test_a_common_referral_to_the_interview_asks_a_question_even_unasked():
    rows, questions = compare_rows(
        [_criterion(7)], OPTIONS, [{("criterion", 7): _score(ASK)}] * 2, agreed={}
    )
    assert (_selected(rows[0]), questions) == ([ASK.pk], ["C7 Criterium 7: …"])


def test_nothing_is_preselected_when_the_first_assessor_has_not_scored():
    per = [{}, {("criterion", 7): _score(MET)}]
    rows, questions = compare_rows([_criterion(7)], OPTIONS, per, agreed={})
    assert (rows[0]["scores"], _selected(rows[0]), questions) == (
        [None, per[1][("criterion", 7)]],
        [],
        [],
    )


@pytest.mark.parametrize(
    ("verdict", "initial"),
    [
        (RuleVerdict.GRANTED, {"decision": "granted"}),
        (RuleVerdict.NOT_GRANTED, {"decision": "not_granted"}),
        (RuleVerdict.UNDECIDED, {}),  # never "undecided" turned into a choice
    ],
)
def test_the_decision_form_is_preselected_only_with_a_verdict_the_rule_reached(verdict, initial):
    assert decision_initial(Outcome(verdict=verdict, items=())) == initial


@pytest.mark.django_db
def test_the_comparison_prefills_the_saved_questions_else_the_generated_ones(
    declared, assessor, second_assessor
):
    first, second = declared
    score_everything(first, assessor)
    score_everything(second, second_assessor, overrides={"C3.2": "niet_aangetoond"})
    submit_assessment(assignment=first, actor=assessor)
    submit_assessment(assignment=second, actor=second_assessor)
    review = first.review
    page = comparison(review)
    differing = [row["criterion"].code for row in page.rows if row["differ"]]
    assert differing == ["C3.2"]
    assert page.prefilled_questions.startswith("C3.2 ")
    assert [a.assignment_id for a in page.assessments] == [first.pk, second.pk]
    review.interview_questions = "Onze eigen vragen."
    assert comparison(review).prefilled_questions == "Onze eigen vragen."
