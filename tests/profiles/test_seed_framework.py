"""The framework fixture against the source document (shared/seeds/004_…txt)."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps

from profiles import recertification_demo
from profiles.enums import AnswerKind, EducationLevel, IndicatorKind
from profiles.models import Criterion, Declaration
from profiles.stamp import current_stamp


def _criteria(version, code):
    return list(
        Criterion.objects.filter(section__version=version, section__code=code)
        .prefetch_related("indicators", "product_questions")
        .order_by("order")
    )


@pytest.mark.django_db
def test_sections_a_to_e_and_what_counts_for_the_assessment(seeded_version):
    sections = list(seeded_version.sections.order_by("order"))
    assert [s.code for s in sections] == ["A", "B1", "B2", "C", "C1", "C2", "C3", "C4", "D", "E"]
    assert [s.code for s in sections if not s.counts_for_assessment] == ["B2", "D"]
    assert all(s.summary and s.intro for s in sections)


@pytest.mark.django_db
def test_case_rules_and_scale_are_numbers(seeded_version):
    assert seeded_version.case_start_within_months == 24
    assert seeded_version.case_min_running_months == 6
    assert [(o.code, o.counts_as_met) for o in seeded_version.score_options.all()] == [
        ("aangetoond", True),
        ("niet_aangetoond", False),
        ("toelichten", False),
    ]


@pytest.mark.django_db
def test_a1_and_a2_routes_with_conditions_and_exemptions(seeded_version):
    requirements = list(
        seeded_version.sections.get(code="A")
        .education_requirements.prefetch_related("conditions", "exempt_sections")
        .order_by("order")
    )
    basic = [r for r in requirements if r.level == EducationLevel.BASIC]
    supplementary = [r for r in requirements if r.level == EducationLevel.SUPPLEMENTARY]
    assert [r.number for r in basic] == [1, 2, 3]
    assert [r.number for r in supplementary] == [1, 2, 3, 4, 5]
    assert [r.conditions.count() for r in basic] == [3, 3, 3]
    assert [r.conditions.count() for r in supplementary] == [1, 1, 1, 1, 3]
    assert [r.max_document_age_months for r in basic] == [None, 24, 24]
    assert [r.min_study_hours for r in supplementary] == [None, None, None, None, 98]
    exempt = ["B2", "C", "C1", "C2", "C3", "C4", "D"]
    for route in supplementary[:3]:
        assert sorted(s.code for s in route.exempt_sections.all()) == exempt
        assert route.waives_interview
        assert route.exemption_note.startswith("Vrijstelling voor de onderdelen B2, C1 t/m C4 en D")
    for route in supplementary[3:] + basic:
        assert list(route.exempt_sections.all()) == []
        assert not route.waives_interview
    assert "Sara Werkt" in supplementary[0].criterion
    assert "NVAO" in basic[0].conditions.all()[1].text


@pytest.mark.django_db
def test_b1_declarations_carry_their_thresholds_and_e_has_three(seeded_version):
    b1 = list(seeded_version.sections.get(code="B1").declarations.order_by("order"))
    assert [(d.code, d.min_years, d.min_hours) for d in b1] == [
        ("B1.1", 2, 1200),
        ("B1.2", None, None),
    ]
    assert b1[0].statement.startswith("Tenminste 2 jaar werkzaam als uitvoerend jobcoach")
    # The names of its number fields: the wording the form always had.
    assert [(d.years_label, d.hours_label) for d in b1] == [
        ("Jaren actief als uitvoerend jobcoach", "Uren beroepsgerichte werkervaring"),
        ("", ""),
    ]
    assert b1[0].conditions.count() == 1
    e = list(seeded_version.sections.get(code="E").declarations.order_by("order"))
    assert len(e) == 3
    assert "gedragscode" in e[0].statement
    assert "klachtenreglement" in e[1].statement
    assert "naar waarheid" in e[2].statement


@pytest.mark.django_db
def test_b2_c_and_d_questions(seeded_version):
    b2 = list(seeded_version.sections.get(code="B2").questions.order_by("order"))
    assert [q.answer_kind for q in b2] == [AnswerKind.UPLOAD, AnswerKind.TEXT]
    c = list(seeded_version.sections.get(code="C").questions.order_by("order"))
    assert [q.answer_kind for q in c] == [AnswerKind.TEXT, AnswerKind.DATE, AnswerKind.TEXT]
    d = list(seeded_version.sections.get(code="D").questions.order_by("order"))
    assert len(d) == 4
    assert all(q.answer_kind == AnswerKind.TEXT for q in d)


@pytest.mark.django_db
def test_tasks_0_to_7_with_indicators_guidance_and_products(seeded_version):
    tasks = _criteria(seeded_version, "C1")
    assert [t.number for t in tasks] == list(range(8))
    assert [len(t.main_indicators) for t in tasks] == [7, 6, 4, 4, 11, 3, 7, 3]
    assert [t.answer_kind for t in tasks] == [
        AnswerKind.TEXT, AnswerKind.TEXT, AnswerKind.PRODUCT, AnswerKind.PRODUCT,
        AnswerKind.PRODUCT, AnswerKind.PRODUCT, AnswerKind.TEXT, AnswerKind.TEXT,
    ]  # fmt: skip
    assert [t.word_guide for t in tasks] == [200, 200, None, None, None, None, None, None]
    assert [t.product_questions.count() for t in tasks] == [0, 0, 8, 6, 5, 5, 0, 0]
    assert [t.product_name for t in tasks[2:6]] == [
        "werknemersprofiel",
        "werkplekprofiel",
        "matchingsbeschrijving",
        "coachingsplan",
    ]
    assert all(t.description.startswith("Is in staat") for t in tasks)
    assert all(t.guidance for t in tasks)
    assert "Rondt het gesprek af met concrete vervolgspraken." in [
        i.text for i in tasks[1].main_indicators
    ]
    assert tasks[2].product_questions.all()[7].text.startswith("Welke afwegingen en beslissingen")


@pytest.mark.django_db
def test_knowledge_areas_with_indicators_and_examples(seeded_version):
    areas = _criteria(seeded_version, "C2")
    assert [a.number for a in areas] == [1, 2, 3, 4]
    assert [len(a.main_indicators) for a in areas] == [2, 5, 5, 2]
    assert [len(a.examples) for a in areas] == [1, 5, 5, 1]
    assert {i.kind for a in areas for i in a.indicators.all()} == {
        IndicatorKind.INDICATOR,
        IndicatorKind.EXAMPLE,
    }


@pytest.mark.django_db
def test_six_competencies_with_definitions_and_indicators(seeded_version):
    competencies = _criteria(seeded_version, "C3")
    assert [c.title for c in competencies] == [
        "Methodisch werken",
        "Inlevingsvermogen",
        "Omgevingssensitiviteit",
        "Effectief communiceren",
        "Adviseren",
        "Coachen",
    ]
    assert [len(c.main_indicators) for c in competencies] == [9, 6, 6, 12, 5, 7]
    assert all(c.description.startswith("Is in staat") for c in competencies)


@pytest.mark.django_db
def test_four_attitudes_with_reflection_questions(seeded_version):
    attitudes = _criteria(seeded_version, "C4")
    assert [a.title for a in attitudes] == [
        "Ethisch handelen",
        "Zelfreflectie",
        "Professionele en persoonlijke ontwikkeling",
        "Diversiteit en inclusiviteit",
    ]
    assert all(a.description and a.guidance.endswith("?") for a in attitudes)
    assert "Je bent kritisch naar jezelf" in attitudes[1].description


@pytest.mark.django_db
def test_the_migration_names_the_fields_of_the_initial_frameworks_declarations_only(
    seeded_version, office
):
    labels = import_module("profiles.migrations.0012_declaration_field_labels")
    recertification = recertification_demo.build(actor=office)
    Declaration.objects.update(years_label="", hours_label="")  # as before the migration
    stamp = current_stamp()
    labels.forwards(django_apps, None)
    b1 = Declaration.objects.get(section__version=seeded_version, code="B1.1")
    assert (b1.years_label, b1.hours_label) == (
        "Jaren actief als uitvoerend jobcoach",
        "Uren beroepsgerichte werkervaring",
    )
    assert not Declaration.objects.filter(section__version=recertification).exclude(
        years_label="", hours_label=""
    )
    assert not Declaration.objects.filter(code="B1.2").exclude(years_label="", hours_label="")
    assert current_stamp() != stamp  # no cached framework tree without the names
