"""The decision rule on real reviews: the deadlock without an agreed verdict, the
interview the routes require, exempt routes, referred criteria, the office's form, and
final interview scores posted by hand."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.decision import load_evidence, load_outcome
from assessment.enums import Decision, ReviewState, RuleVerdict
from assessment.models import AgreedScore, Interview
from assessment.services.decision import decide
from assessment.services.interview import plan_interview
from assessment.services.scoring import record_agreement, save_score, submit_assessment
from assessment.services.transition import ReviewError
from audit.enums import AuditAction
from audit.models import AuditEntry
from portfolio.models import Snapshot
from profiles.models import FrameworkVersion, ScoreOption
from tests.assessment.helpers import agree_everything, hold_interview, score_everything
from tests.factories.portfolios import make_portfolio
from tests.factories.reviews import assign_two, let_interview_day_come

GRANTED = "Volgens de regel: toekennen"
UNDECIDED = "Volgens de regel: nog niet beslisbaar"


def _decision_inputs(html: str) -> dict[str, bool]:
    """{value: checked?} of the decision form's radio buttons."""
    return {
        re.search(r'value="([a-z_]+)"', tag).group(1): " checked" in tag
        for tag in re.findall(r'<input[^>]*name="decision"[^>]*>', html)
    }


def _deadlock(first, second, assessor, second_assessor, *, second_overrides=None):
    score_everything(first, assessor)
    submit_assessment(assignment=first, actor=assessor)
    score_everything(second, second_assessor, overrides=second_overrides)
    submit_assessment(assignment=second, actor=second_assessor)
    review = first.review
    review.refresh_from_db()
    assert review.state == ReviewState.ASSESSED
    return review


@pytest.mark.django_db
def test_a_deadlock_is_undecided_never_granted_and_nothing_is_preselected(
    declared, assessor, second_assessor, office, office_client
):
    first, second = declared
    review = _deadlock(
        first, second, assessor, second_assessor, second_overrides={"C3.1": "niet_aangetoond"}
    )
    rule = load_outcome(review)
    assert rule.verdict == RuleVerdict.UNDECIDED
    assert rule.not_met == []
    missing = [i.description for i in rule.missing]
    assert len(missing) == 8 + 4 + 6 + 4 + 1  # C1–C4 without an agreed verdict, interview
    assert missing[-1] == "Toetsgesprek nog niet gehouden"
    assert all(m.endswith(": nog geen gezamenlijk oordeel") for m in missing[:-1])

    page = office_client.get(reverse("assessment:assign", args=[review.portfolio_id]))
    html = page.content.decode()
    assert UNDECIDED in html
    assert GRANTED not in html
    assert _decision_inputs(html) == {"granted": False, "not_granted": False}

    decide(
        review=review, decision=Decision.NOT_GRANTED, reason="Geen overeenstemming.", actor=office
    )
    review.refresh_from_db()
    assert (review.decision, review.rule_verdict) == (Decision.NOT_GRANTED, RuleVerdict.UNDECIDED)
    entry = AuditEntry.objects.get(
        action=AuditAction.DECISION_MADE, portfolio_id=review.portfolio_id
    )
    assert entry.changes["volgens regel"] == {"voor": None, "na": "undecided"}
    assert entry.changes["open punten van de regel"]["na"] == missing
    html = office_client.get(reverse("assessment:assign", args=[review.portfolio_id])).content
    assert (
        "Volgens de regel: Nog niet beslisbaar. <strong>Het besluit wijkt af van de regel."
        in html.decode()
    )


@pytest.mark.django_db
def test_no_grant_from_assessed_without_the_interview_the_routes_require(
    declared, assessor, second_assessor, office, office_client
):
    first, second = declared
    review = _deadlock(first, second, assessor, second_assessor)  # both say "aangetoond"
    with pytest.raises(ReviewError, match="pas als het toetsgesprek is gehouden"):
        decide(review=review, decision=Decision.GRANTED, reason="Wij zijn overtuigd.", actor=office)
    response = office_client.post(
        reverse("assessment:decide", args=[review.portfolio_id]),
        {"decision": "granted", "reason": "Wij zijn overtuigd."},
        follow=True,
    )
    assert response.status_code == 200
    assert "pas als het toetsgesprek is gehouden" in response.content.decode()
    review.refresh_from_db()
    assert (review.state, review.decision, review.rule_verdict) == (ReviewState.ASSESSED, "", "")
    assert not AuditEntry.objects.filter(action=AuditAction.DECISION_MADE).exists()


def _exempt_review(seeded_version, candidate, assessor, second_assessor, office):
    """A2.2 (exempts B2, C, D and the interview): both assessors check A, B1 and E."""
    portfolio = make_portfolio(
        candidate=candidate, version=seeded_version, state="submitted", a2_number=2
    )
    review, *assignments = assign_two(portfolio, assessor, second_assessor, office)
    for assignment in assignments:
        score_everything(assignment, assignment.assessor)
    return review, assignments


@pytest.mark.django_db
def test_an_exempt_route_is_granted_when_every_formal_check_is_met(
    seeded_version, candidate, assessor, second_assessor, office, office_client
):
    review, (first, second) = _exempt_review(
        seeded_version, candidate, assessor, second_assessor, office
    )
    for assignment in (first, second):
        submit_assessment(assignment=assignment, actor=assignment.assessor)
    record_agreement(review=review, verdicts={}, actor=assessor)
    review.refresh_from_db()
    assert (review.state, review.interview_required) == (ReviewState.AGREED, False)
    rule = load_outcome(review)
    assert rule.verdict == RuleVerdict.GRANTED
    assert [i.kind for i in rule.items] == ["condition"] * 4 + ["declaration"] * 5
    assert not rule.interview_pending
    html = office_client.get(reverse("assessment:assign", args=[review.portfolio_id])).content
    assert GRANTED in html.decode()
    assert _decision_inputs(html.decode()) == {"granted": True, "not_granted": False}
    decide(review=review, decision=Decision.GRANTED, reason="", actor=office)
    review.refresh_from_db()
    assert (review.state, review.decision, review.rule_verdict, review.follows_rule) == (
        ReviewState.DECIDED,
        Decision.GRANTED,
        RuleVerdict.GRANTED,
        True,
    )
    html = office_client.get(reverse("assessment:assign", args=[review.portfolio_id])).content
    assert "Volgens de regel: Toekennen. Het besluit volgt de regel." in html.decode()


@pytest.mark.django_db
def test_one_assessors_failed_check_makes_the_rule_refuse(
    seeded_version, candidate, assessor, second_assessor, office, office_client
):
    review, (first, second) = _exempt_review(
        seeded_version, candidate, assessor, second_assessor, office
    )
    route = review.portfolio.supplementary_route
    condition = route.conditions.get()
    save_score(assignment=second, target=condition, met=False, actor=second_assessor)
    for assignment in (first, second):
        submit_assessment(assignment=assignment, actor=assignment.assessor)
    record_agreement(review=review, verdicts={}, actor=assessor)
    review.refresh_from_db()
    rule = load_outcome(review)
    assert rule.verdict == RuleVerdict.NOT_GRANTED
    assert [i.description for i in rule.open_items] == [
        f"A2.2: {condition.text}: niet voldaan volgens een assessor"
    ]
    html = office_client.get(reverse("assessment:assign", args=[review.portfolio_id])).content
    assert _decision_inputs(html.decode()) == {"granted": False, "not_granted": True}
    with pytest.raises(ReviewError, match=r"volgens de regel: Niet toekennen"):
        decide(review=review, decision=Decision.GRANTED, reason="", actor=office)


@pytest.mark.django_db
def test_a_referred_criterion_is_missing_until_its_final_score(
    declared, assessor, second_assessor, office
):
    first, second = declared
    review = agree_everything(
        first, second, assessor, second_assessor, overrides={"C3.2": "toelichten"}
    )
    title = review.agreed_scores.get(criterion__section__code="C3", criterion__number=2)
    title = title.criterion.title
    rule = load_outcome(review)
    assert rule.verdict == RuleVerdict.UNDECIDED
    assert [i.description for i in rule.open_items] == [
        f"C3.2 {title}: Toelichten in toetsgesprek, nog geen eindscore na het toetsgesprek",
        "Toetsgesprek nog niet gehouden",
    ]
    review = hold_interview(review, office, assessor, final_code="niet_aangetoond")
    rule = load_outcome(review)
    assert rule.verdict == RuleVerdict.NOT_GRANTED
    assert [i.description for i in rule.open_items] == [f"C3.2 {title}: Niet aangetoond"]


@pytest.mark.django_db
def test_an_interview_counts_only_in_the_round_it_was_held(
    declared, assessor, second_assessor, office
):
    first, second = declared
    review = hold_interview(
        agree_everything(first, second, assessor, second_assessor), office, assessor
    )
    assert load_evidence(review).interview_held
    review.round = 2  # additions were asked after the interview: round 2 is sealed later
    Snapshot.objects.create(portfolio=review.portfolio, round=2, content={}, sha256="0" * 64)
    assert not load_evidence(review).interview_held
    Interview.objects.filter(review=review).update(held_at=timezone.now() + timedelta(seconds=1))
    assert load_evidence(review).interview_held


@pytest.mark.django_db
def test_the_rule_reads_a_fixed_number_of_queries(
    declared,
    seeded_version,
    other_candidate,
    assessor,
    second_assessor,
    office,
    django_assert_num_queries,
):
    first, second = declared
    full = agree_everything(first, second, assessor, second_assessor)
    exempt, _assignments = _exempt_review(
        seeded_version, other_candidate, assessor, second_assessor, office
    )
    load_outcome(full)  # the published tree is kept after the first read
    for review in (full, exempt):
        # the version's status, the agreed scores, the formal checks, the interview
        with django_assert_num_queries(4):
            load_outcome(review)


# --- final interview scores posted by hand ------------------------------------------------------


@pytest.mark.django_db
def test_crafted_final_scores_are_refused_and_nothing_is_saved(
    declared, assessor, second_assessor, office, assessor_client
):
    first, second = declared
    review = agree_everything(
        first, second, assessor, second_assessor, overrides={"C3.2": "toelichten"}
    )
    plan_interview(
        review=review,
        scheduled_at=timezone.now() + timedelta(days=3),
        location="Utrecht",
        video_link="",
        actor=office,
    )
    let_interview_day_come(review)  # else every case is refused as too early
    version = review.portfolio.framework_version
    scale = {o.code: o for o in version.score_options.all()}
    c32 = review.agreed_scores.get(criterion__section__code="C3", criterion__number=2)
    c10 = review.agreed_scores.get(criterion__section__code="C1", criterion__number=0)
    draft = FrameworkVersion.objects.create(framework=version.framework, number=99, title="Concept")
    foreign = ScoreOption.objects.create(
        version=draft, code="aangetoond", label="Aangetoond", counts_as_met=True
    )
    url = reverse("assessment:interview", args=[first.pk])
    cases = {
        "refers to the interview": (
            {f"final-{c32.criterion_id}": scale["toelichten"].pk},
            "De eindscore van C3.2 kan niet",
        ),
        "another version's scale": (
            {f"final-{c32.criterion_id}": foreign.pk},
            "De eindscore van C3.2 hoort niet bij de schaal van dit kader.",
        ),
        "a criterion not referred": (
            {
                f"final-{c32.criterion_id}": scale["aangetoond"].pk,
                f"final-{c10.criterion_id}": scale["niet_aangetoond"].pk,
            },
            "Alleen criteria die naar het toetsgesprek zijn verwezen krijgen een eindscore.",
        ),
        "no such option": (
            {f"final-{c32.criterion_id}": "9" * 30},
            "Geef een eindscore voor: C3.2.",
        ),
    }
    for case, (fields, message) in cases.items():
        response = assessor_client.post(url, {"notes": "Goed gesprek.", **fields})
        assert response.status_code == 200, case
        assert message in response.content.decode(), case
        review.refresh_from_db()
        assert review.state == ReviewState.INTERVIEW_PLANNED, case
        assert list(AgreedScore.objects.filter(review=review).exclude(final_option=None)) == [], (
            case
        )
        assert Interview.objects.get(review=review).held_at is None, case
        assert not AuditEntry.objects.filter(action=AuditAction.INTERVIEW_RECORDED).exists()
