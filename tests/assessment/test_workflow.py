"""The workflow's declaration is what the services do, what the README shows and what
the templates ask (they never compare a state themselves)."""

import io
import re
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessment import diagram, workflow
from assessment import rules as review_rules
from assessment.enums import Decision, ReviewState
from assessment.models import AgreedScore, Assessment, Assignment, Interview, Review
from assessment.selectors import review_items
from assessment.services.assignment import add_third_assessor, assign_assessors, declare_conflict
from assessment.services.decision import decide, request_additions, resume_review
from assessment.services.interview import plan_interview, record_interview
from assessment.services.scoring import record_agreement, save_score, submit_assessment
from assessment.services.transition import ReviewError
from audit.models import AuditEntry
from portal.enums import Role
from portfolio.models import Snapshot
from profiles.serialization import framework_version_queryset
from tests.assessment.helpers import score_everything
from tests.factories.users import UserFactory

BASE_DIR = Path(settings.BASE_DIR)
STATE_IN_TEMPLATE = re.compile(r"""state *(==|!=) *['"]|state *(not )?in *['"(\[]""")
DOT_STATE_IN_TEMPLATE = re.compile(r"\.state *(==|!=)")


def _templates():
    skip = {".venv", "node_modules", ".git", "var"}
    return [
        path
        for path in BASE_DIR.rglob("*.html")
        if not skip & set(path.relative_to(BASE_DIR).parts)
        and ("templates" in path.relative_to(BASE_DIR).parts)
    ]


def test_no_template_compares_a_state():
    templates = _templates()
    assert len(templates) > 30  # the walk finds the apps' and the project's templates
    hits = [
        f"{path.relative_to(BASE_DIR)}:{number}: {line.strip()}"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if STATE_IN_TEMPLATE.search(line) or DOT_STATE_IN_TEMPLATE.search(line)
    ]
    assert hits == []


def test_the_readme_shows_the_diagram_the_declaration_draws():
    out = io.StringIO()
    call_command("workflow_diagram", stdout=out)
    assert diagram.readme_block(BASE_DIR / "README.md") == out.getvalue().rstrip("\n")
    assert "submitted --> assigned: bureau · Assessoren toewijzen" in out.getvalue()


def test_every_declared_name_is_a_predicate_and_every_step_is_unambiguous():
    for step in workflow.STEPS.values():
        for name in (step.actor, *step.guards):
            assert callable(getattr(review_rules, name).test), name
        assert set(step.sources) <= set(ReviewState.values), step.name
    pairs = [(source, t.target) for t in workflow.TRANSITIONS for source in t.sources]
    assert len(pairs) == len(set(pairs))  # transition() finds the step by (from, to)
    reachable = {ReviewState.SUBMITTED} | {t.target for t in workflow.TRANSITIONS}
    assert reachable == set(ReviewState.values)


# --- every transition × every role × every state --------------------------------------------

ROLES = (
    "anonymous",
    "candidate",
    "other_candidate",
    "assessor",
    "unassigned_assessor",
    "office",
)
# Which of the table's roles each declared role predicate admits.
ADMITS = {
    "is_office": {"office"},
    "is_assigned_assessor": {"assessor"},
    "is_cleared_assessor": {"assessor"},
    "was_assigned_assessor": {"assessor"},
}
# Where each guard holds in the world below (it is made so that all hold but the one
# that depends on the state itself).
GUARD_HOLDS = {
    "portfolio_awaits_review": set(ReviewState.values),
    "all_assessments_in": set(ReviewState.values),
    "interview_is_required": set(ReviewState.values),
    "is_ready_to_decide": {ReviewState.INTERVIEW_HELD},
    "additions_resubmitted": set(ReviewState.values),
    "interview_day_has_come": set(ReviewState.values),
    "compares_assessments": set(ReviewState.values),  # this world has two assessors
}


class Rollback(Exception):
    """Ends one case: everything it did is undone."""


def _world(review, first, second, assessor, second_assessor):
    """First assessor: everything scored, not yet submitted. Second: submitted, with a
    different score on C3.2 (a disputed criterion, referred to the interview). The joint
    verdict and the interview exist, so each step has what it needs in every state."""
    score_everything(first, assessor)
    score_everything(second, second_assessor, overrides={"C3.2": "toelichten"})
    Assessment.objects.filter(assignment=second).update(submitted_at=timezone.now())
    version = framework_version_queryset().get(pk=review.portfolio.framework_version_id)
    options = {o.code: o for o in version.score_options.all()}
    criteria = review_items(review, version).criteria
    for criterion in criteria:
        code = "toelichten" if criterion.code == "C3.2" else "aangetoond"
        AgreedScore.objects.create(
            review=review, round=1, criterion=criterion, option=options[code]
        )
    # Planned for today: recording it is allowed (before its day it is refused).
    Interview.objects.create(review=review, scheduled_at=timezone.now(), location="Utrecht")
    return options, criteria


def _first_submitted(first):
    Assessment.objects.filter(assignment=first).update(submitted_at=timezone.now())


def _c32(ctx):
    return next(c for c in ctx["criteria"] if c.code == "C3.2")


# One call per transition's service: each takes the world (`ctx`) and the acting user.


def _assign(ctx, actor):
    return assign_assessors(
        portfolio=ctx["review"].portfolio,
        first=ctx["assessor"],
        second=ctx["second_assessor"],
        actor=actor,
    )


def _score(ctx, actor):
    return save_score(
        assignment=ctx["first"], target=_c32(ctx), option=ctx["options"]["aangetoond"], actor=actor
    )


def _conflict(ctx, actor):
    first = ctx["first"]
    Assignment.objects.filter(pk=first.pk).update(declared_at=None)
    undeclared = Assignment.objects.get(pk=first.pk)  # `first` stays as it was
    declare_conflict(assignment=undeclared, conflict="Oud-collega.", actor=actor)


def _submit(ctx, actor):
    return submit_assessment(assignment=ctx["first"], actor=actor)


def _third(ctx, actor):
    _first_submitted(ctx["first"])
    add_third_assessor(
        review=ctx["review"], assessor=ctx["third"], criteria=[_c32(ctx).pk], actor=actor
    )


def _agree(ctx, actor):
    _first_submitted(ctx["first"])
    verdicts = {c.pk: (ctx["options"]["aangetoond"], "Besproken.") for c in ctx["criteria"]}
    record_agreement(review=ctx["review"], verdicts=verdicts, actor=actor)


def _plan(ctx, actor):
    return plan_interview(
        review=ctx["review"],
        scheduled_at=timezone.now() + timedelta(days=3),
        location="Zwolle",
        video_link="",
        actor=actor,
    )


def _record(ctx, actor):
    return record_interview(
        review=ctx["review"],
        notes="Verslag.",
        final_scores={_c32(ctx).pk: ctx["options"]["aangetoond"]},
        actor=actor,
    )


def _request_additions(ctx, actor):
    return request_additions(
        review=ctx["review"],
        sections=["C2"],
        deadline=timezone.localdate() + timedelta(days=14),
        reason="Aanvullen.",
        actor=actor,
    )


def _resume(ctx, actor):
    review = ctx["review"]
    Snapshot.objects.create(portfolio=review.portfolio, round=2, content={}, sha256="0" * 64)
    resume_review(review=review, actor=actor)


def _decide(ctx, actor):
    review = ctx["review"]
    _first_submitted(ctx["first"])
    AgreedScore.objects.filter(review=review).update(final_option=ctx["options"]["aangetoond"])
    decide(review=review, decision=Decision.NOT_GRANTED, reason="Motivering.", actor=actor)


DECIDING = ("decide", "decide_without_agreement")
# transition → (the step whose declaration gates the service, the call)
CALLS = {
    "assign": ("assign", _assign),
    "start_scoring": ("score", _score),
    "return_for_conflict": ("declare_conflict", _conflict),
    "complete_assessments": ("submit_assessment", _submit),
    "add_third_assessor": ("add_third_assessor", _third),
    "record_agreement": ("record_agreement", _agree),
    "plan_interview": ("plan_interview", _plan),
    "record_interview": ("record_interview", _record),
    "request_additions": ("request_additions", _request_additions),
    "resume": ("resume", _resume),
    # One service for both: which step it takes depends on the state.
    "decide": (DECIDING, _decide),
    "decide_without_agreement": (DECIDING, _decide),
}


def _calls(ctx):
    """CALLS with each call bound to the world `ctx`: it takes the acting user."""
    return {name: (gate, partial(call, ctx)) for name, (gate, call) in CALLS.items()}


def _expected(gate, role: str, state: str) -> bool:
    """Does the declaration allow `role` the gating step(s) in `state`?"""
    steps = [workflow.STEPS[name] for name in ((gate,) if isinstance(gate, str) else gate)]
    return any(
        state in step.sources
        and role in ADMITS[step.actor]
        and all(state in GUARD_HOLDS.get(guard, ()) for guard in step.guards)
        for step in steps
    )


def _expected_state(name: str, state: str) -> str:
    """Where an allowed call leaves the review."""
    if name == "return_for_conflict" and state == ReviewState.SUBMITTED:
        return ReviewState.SUBMITTED  # the other's conflict returned it already
    if name == "start_scoring" and state == ReviewState.IN_ASSESSMENT:
        return ReviewState.IN_ASSESSMENT  # a later score: no step
    if name == "complete_assessments":
        return ReviewState.ASSESSED  # from "assigned" through "in assessment"
    if name in DECIDING:
        return ReviewState.DECIDED
    return workflow.STEPS[name].target


@pytest.mark.django_db
def test_every_transition_for_every_role_in_every_state(
    declared, assessor, second_assessor, candidate, other_candidate, office
):
    first, second = declared
    review = first.review
    options, criteria = _world(review, first, second, assessor, second_assessor)
    users = {
        "anonymous": AnonymousUser(),
        "candidate": candidate,
        "other_candidate": other_candidate,
        "assessor": assessor,
        "unassigned_assessor": UserFactory(role=Role.ASSESSOR, email="los@example.nl"),
        "office": office,
    }
    ctx = {
        "review": review,
        "first": first,
        "assessor": assessor,
        "second_assessor": second_assessor,
        "options": options,
        "criteria": criteria,
        "third": UserFactory(role=Role.ASSESSOR, email="derde@example.nl"),
    }
    calls = _calls(ctx)
    steps = {t.name for t in workflow.TRANSITIONS}
    assert set(calls) == steps  # every declared transition
    outcomes = []
    for name, (_gate, call) in calls.items():
        for state in ReviewState.values:
            for role in ROLES:
                outcomes.append((name, state, role, _case(review, call, users[role], state)))
    wrong = [
        (name, state, role, outcome)
        for name, state, role, outcome in outcomes
        if outcome != _expected_outcome(calls[name][0], name, role, state)
    ]
    assert wrong == [], "\n".join(map(str, wrong))
    assert len(outcomes) == len(steps) * len(ReviewState.values) * len(ROLES)


def _expected_outcome(gate: str, name: str, role: str, state: str) -> str:
    if _expected(gate, role, state):
        return f"allowed → {_expected_state(name, state)}"
    return "refused"


def _case(review, call, user, state) -> str:
    """Put the review in `state`, call the service as `user`; report what happened and
    undo it. A refusal must change nothing (no state, no audit entry)."""
    outcome = "?"
    try:
        with transaction.atomic():
            Review.objects.filter(pk=review.pk).update(state=state)
            review.refresh_from_db()
            audit_before = AuditEntry.objects.count()
            try:
                with transaction.atomic():
                    call(user)
            except ReviewError:
                review.refresh_from_db()
                unchanged = review.state == state and AuditEntry.objects.count() == audit_before
                outcome = "refused" if unchanged else "refused, but changed"
            else:
                review.refresh_from_db()
                outcome = f"allowed → {review.state}"
            raise Rollback
    except Rollback:
        pass
    review.refresh_from_db()
    return outcome


@pytest.mark.django_db
def test_the_office_page_shows_the_history_in_dutch_and_offers_only_allowed_steps(
    declared, assessor, second_assessor, office_client
):
    first, second = declared
    for assignment, who in ((first, assessor), (second, second_assessor)):
        score_everything(assignment, who)
        submit_assessment(assignment=assignment, actor=who)
    portfolio_id = first.review.portfolio_id
    html = office_client.get(reverse("assessment:assign", args=[portfolio_id])).content.decode()
    history = html[html.index('id="history"') : html.index("</ol>", html.index('id="history"'))]
    items = re.findall(r"<li>[^·]+· [^·]+ · ([^<]+)</li>", history)
    assert items == [
        "Ingediend, wacht op assessoren → Assessoren toegewezen (Assessoren toewijzen)",
        "Assessoren toegewezen → Wordt beoordeeld (Eerste score opslaan)",
        "Wordt beoordeeld → Beide beoordelingen binnen (Laatste beoordeling indienen)",
    ]
    assert "in_assessment" not in history
    # "Assessed": a decision without joint verdict is offered; planning, the ordinary
    # decision and assignment are not.
    assert 'id="deadlock-heading"' in html
    assert 'id="plan-heading"' not in html
    assert 'id="decide-heading"' not in html
    assert 'id="assign-heading"' not in html
