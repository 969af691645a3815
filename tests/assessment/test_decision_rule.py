"""Property-based tests of the pure decision rule (`assessment.decision.outcome`) over
the seeded framework: random routes × random agreed and final scores per criterion ×
random formal checks of both assessors × interview held or not.

The oracle below restates the rule from the framework data on its own: which items the
routes require, and when each one is met, definitively not met, or missing.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.decision import Evidence, ItemStatus, outcome
from assessment.enums import AssessorRole, RuleVerdict
from portfolio.eligibility import compute_requirements
from profiles.enums import EducationLevel
from profiles.selectors import version_with_content

FOREIGN_OPTION = -1  # an option id of no option on this version's scale
ROLES = (AssessorRole.FIRST, AssessorRole.SECOND)
MET, NOT_MET, MISSING = ItemStatus.MET, ItemStatus.NOT_MET, ItemStatus.MISSING


def _oracle(version, basic, supplementary, evidence: Evidence) -> dict:
    """{(kind, key): expected status} for every item the chosen routes require."""
    requirements = compute_requirements(
        version=version, basic_route=basic, supplementary_route=supplementary
    )
    scale = {o.pk: o for o in version.score_options.all()}
    expected = {}
    for prefix, route in (("A1", basic), ("A2", supplementary)):
        if route is None:
            expected["route", prefix] = MISSING
            continue
        for condition in route.conditions.all():
            expected["condition", condition.pk] = _check(evidence, ("condition", condition.pk))
    for section in version.sections.all():
        if section.code not in requirements.required_sections:
            continue
        for declaration in section.declarations.all():
            key = ("declaration", declaration.pk)
            expected[key] = _check(evidence, key)
        if section.counts_for_assessment:
            for criterion in section.criteria.all():
                pair = evidence.agreed.get(criterion.pk)
                expected["criterion", criterion.pk] = _criterion(pair, scale)
    if requirements.interview_required:
        expected["interview", "interview"] = MET if evidence.interview_held else MISSING
    return expected


def _check(evidence: Evidence, key) -> ItemStatus:
    said = [evidence.checks.get(role, {}).get(key, None) for role in ROLES]
    if said.count(False):
        return NOT_MET
    return MET if said == [True, True] else MISSING


def _criterion(pair, scale) -> ItemStatus:
    if pair is None or pair[0] not in scale:
        return MISSING
    option = scale[pair[0]]
    if option.refers_to_interview:
        option = scale.get(pair[1])
        if option is None or option.refers_to_interview:
            return MISSING
    return MET if option.counts_as_met else NOT_MET


@pytest.mark.django_db
def test_the_rule_grants_exactly_when_every_required_item_is_met(seeded_version):
    version = version_with_content(seeded_version.pk)
    seen = set()

    @settings(max_examples=200, deadline=None, database=None)
    @given(_cases(version))
    def check(case):
        seen.add(_assert_the_rule_agrees_with_the_oracle(version, case))

    check()
    assert seen == set(RuleVerdict)  # the cases reached every verdict


def _cases(version):
    """(basic route, supplementary route, evidence): mostly everything met, with a few
    items spoiled at random, or everything random."""
    routes = [r for s in version.sections.all() for r in s.education_requirements.all()]
    basics = [r for r in routes if r.level == EducationLevel.BASIC]
    supplementaries = [r for r in routes if r.level == EducationLevel.SUPPLEMENTARY]
    criteria = [c.pk for s in version.sections.all() for c in s.criteria.all()]
    checks = [("condition", c.pk) for r in routes for c in r.conditions.all()] + [
        ("declaration", d.pk) for s in version.sections.all() for d in s.declarations.all()
    ]
    scale = {o.code: o.pk for o in version.score_options.all()}
    option_ids = st.sampled_from([*scale.values(), FOREIGN_OPTION])
    any_pair = st.tuples(option_ids, st.none() | option_ids)
    met_pair = st.sampled_from(
        [
            (scale["aangetoond"], None),
            (scale["aangetoond"], scale["niet_aangetoond"]),  # ignored: not referred
            (scale["toelichten"], scale["aangetoond"]),
        ]
    )

    @st.composite
    def cases(draw):
        basic = draw(st.sampled_from([*basics, None]))
        supplementary = draw(st.sampled_from([*supplementaries, None]))
        # Mostly everything met, with a few items spoiled at random: every verdict occurs.
        spoiled = draw(st.sets(st.integers(0, len(criteria) + len(checks)), max_size=3))
        everything_random = draw(st.booleans())
        agreed = _draw_agreed(
            draw, criteria, (any_pair, met_pair), spoiled, everything_random=everything_random
        )
        checked = _draw_checks(
            draw, checks, len(criteria), spoiled, everything_random=everything_random
        )
        evidence = Evidence(agreed=agreed, checks=checked, interview_held=draw(st.booleans()))
        return basic, supplementary, evidence

    return cases()


def _draw_agreed(draw, criteria, pairs, spoiled, *, everything_random) -> dict:
    """{criterion: (agreed option, final option)}: one of `pairs`' met pairs unless
    spoiled (then any pair, or none)."""
    any_pair, met_pair = pairs
    agreed = {}
    for index, pk in enumerate(criteria):
        if everything_random or index in spoiled:
            pair = draw(st.none() | any_pair)
        else:
            pair = draw(met_pair)
        if pair is not None:
            agreed[pk] = pair
    return agreed


def _draw_checks(draw, checks, first_index, spoiled, *, everything_random) -> dict:
    """{role: {check: ticked}}: both assessors tick every check unless it is spoiled
    (then True, False, None or no entry); a third assessor's ticks are all False."""
    checked = {role: {} for role in (*ROLES, AssessorRole.THIRD)}
    for index, key in enumerate(checks, start=first_index):
        for role in ROLES:
            if everything_random or index in spoiled:
                value = draw(st.sampled_from(["absent", True, False, None]))
                if value != "absent":
                    checked[role][key] = value
            else:
                checked[role][key] = True
        checked[AssessorRole.THIRD][key] = False  # a third assessor checks nothing
    return checked


def _assert_the_rule_agrees_with_the_oracle(version, case) -> RuleVerdict:
    """The rule, without a query, gives every item the oracle's status and a verdict
    that follows from them. Returns the verdict."""
    basic, supplementary, evidence = case
    requirements = compute_requirements(
        version=version, basic_route=basic, supplementary_route=supplementary
    )
    with CaptureQueriesContext(connection) as queries:
        result = outcome(
            version=version,
            requirements=requirements,
            basic_route=basic,
            supplementary_route=supplementary,
            evidence=evidence,
        )
    assert len(queries) == 0  # pure: the tree is all it reads
    expected = _oracle(version, basic, supplementary, evidence)
    got = {(item.kind.value, item.key): item.status for item in result.items}
    assert got == expected
    statuses = set(expected.values())
    if result.verdict == RuleVerdict.GRANTED:
        assert statuses == {MET}
    if statuses == {MET}:
        assert result.verdict == RuleVerdict.GRANTED
    assert (result.verdict == RuleVerdict.NOT_GRANTED) == (NOT_MET in statuses)
    assert result.interview_pending == (expected.get(("interview", "interview")) == MISSING)
    for decision in ("granted", "not_granted"):  # an undecided rule is followed by none
        assert result.follows(decision) == (decision == result.verdict)
    return result.verdict
