"""The four competency-profile fixtures against the source documents (shared/seeds/)."""

import string

import pytest

from profiles.enums import ItemKind, KnowledgeDepth
from profiles.models import Profile, ProfileItem


def _items(slug, kind=None):
    qs = ProfileItem.objects.filter(profile__slug=slug).select_related("group")
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.prefetch_related("indicators", "knowledge").order_by("order"))


@pytest.mark.django_db
def test_all_four_profiles_are_loaded(seeded_version):
    assert sorted(Profile.objects.values_list("slug", flat=True)) == [
        "bjn-eindtermen",
        "coach-werktrajectbegeleider",
        "leercoach-1",
        "supported-employment-coach",
    ]


@pytest.mark.django_db
def test_supported_employment_coach_has_23_competencies_with_knowledge(seeded_version):
    competencies = _items("supported-employment-coach", ItemKind.COMPETENCY)
    assert [c.code for c in competencies] == [str(n) for n in range(1, 24)]
    assert all(c.indicators.all() for c in competencies)
    assert competencies[0].title.startswith("Handelt volgens de deontologische principes")
    assert competencies[0].indicators.all()[0].text == (
        "Respecteert en handelt volgens de deontologische code"
    )
    first_knowledge = list(competencies[0].knowledge.all())
    assert len(first_knowledge) == 5
    assert [k.depth for k in first_knowledge].count(KnowledgeDepth.THOROUGH) == 1
    every = [k for c in competencies for k in c.knowledge.all()]
    assert all(
        (k.depth == KnowledgeDepth.THOROUGH) == k.text.startswith("Grondige kennis") for k in every
    )
    profile = Profile.objects.get(slug="supported-employment-coach")
    keys = set(profile.text_blocks.values_list("key", flat=True))
    assert {"context", "autonomie", "verantwoordelijkheid"} <= keys


@pytest.mark.django_db
def test_leercoach_matrix_with_required_levels_and_three_levels_each(seeded_version):
    profile = Profile.objects.get(slug="leercoach-1")
    assert profile.levels == 3
    competencies = _items("leercoach-1", ItemKind.COMPETENCY)
    assert {c.title: c.required_level for c in competencies} == {
        "Eigenaarschap": 1,
        "Samenwerken": 2,
        "Inlevingsvermogen": 2,
        "Ontwikkelen van anderen": 2,
        "Expertise": 1,
        "Plannen & organiseren": 1,
    }
    for competency in competencies:
        levels = {i.level for i in competency.indicators.all()}
        assert levels == {1, 2, 3}, competency.title
        assert competency.definition
    assert {c.group.code for c in competencies} == {"generiek", "specifiek"}
    expertise = next(c for c in competencies if c.title == "Expertise")
    assert [sum(1 for i in expertise.indicators.all() if i.level == n) for n in (1, 2, 3)] == [
        4,
        4,
        3,
    ]


@pytest.mark.django_db
def test_bjn_end_terms_per_phase_and_glossary(seeded_version):
    end_terms = _items("bjn-eindtermen", ItemKind.END_TERM)
    by_phase = {}
    for term in end_terms:
        by_phase.setdefault(term.group.code, []).append(term.code.split("-", 1)[1])
    letters = string.ascii_lowercase
    assert by_phase == {
        "intake": list(letters[: letters.index("i") + 1]),
        "jobfinding": list(letters[: letters.index("q") + 1]),
        "coaching": list(letters[: letters.index("n") + 1]),
    }
    profile = Profile.objects.get(slug="bjn-eindtermen")
    assert list(profile.glossary.values_list("term", flat=True)) == [
        "Assessment",
        "Leerstijl",
        "Kern",
        "Doelgroepen/doelgroep",
    ]
    assert {"visie", "methodiek"} <= set(profile.text_blocks.values_list("key", flat=True))


@pytest.mark.django_db
def test_coach_werktrajectbegeleider_result_areas_competencies_and_big_five(seeded_version):
    result_areas = _items("coach-werktrajectbegeleider", ItemKind.RESULT_AREA)
    assert len(result_areas) == 5
    assert [len(r.indicators.all()) for r in result_areas][:2] == [9, 7]
    assert len(_items("coach-werktrajectbegeleider", ItemKind.CRITICAL_SITUATION)) == 5
    assert _items("coach-werktrajectbegeleider", ItemKind.COMPETENCY)
    assert _items("coach-werktrajectbegeleider", ItemKind.TEAM_ROLE)
    profile = Profile.objects.get(slug="coach-werktrajectbegeleider")
    assert profile.thresholds.count() >= 5
    assert all(t.minimum is not None for t in profile.thresholds.all())
