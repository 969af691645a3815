"""The provenance of every framework value (profiles.provenance): source or office."""

import pytest
from django.urls import reverse

from portfolio.services import start_portfolio
from profiles import provenance
from profiles.enums import ProvenanceKind
from profiles.models import Criterion, ValueSource
from profiles.serialization import (
    InvalidDocument,
    export_framework_version,
    framework_version_queryset,
    import_framework_version,
)
from profiles.services import copy_version_to_draft

DOCUMENT = "Toetsingskader initiële certificering"
FRAMEWORK_URL = "/kader/register-jobcoach/v1/"
A2_NOTE = (
    "De bron spreekt hier van “één van de vier aanvullende opleidingseisen”, maar de tabel A2 "
    "noemt er vijf. Het portfolio volgt de tabel: je kiest één van de vijf aanvullende "
    "opleidingseisen."
)
PRODUCT_NOTE = (
    "De bron spreekt van “zeven onderdelen”, maar somt er acht op. Het format in het portfolio "
    "volgt de opsomming: acht vragen."
)


def _tree(version):
    return framework_version_queryset().get(pk=version.pk)


def _source(version, key) -> ValueSource:
    return version.value_sources.get(key=key)


@pytest.mark.django_db
def test_every_value_of_the_seeded_version_has_a_source(seeded_version):
    tree = _tree(seeded_version)
    keys = provenance.required_keys(tree)
    # text, 7 numbers (with the number of assessors), scale, links; 10 section summaries
    # and 10 intros; 8 routes,
    # 5 declarations, 9 questions, 22 criteria and the 2 word guides of tasks 0 and 1.
    assert len(keys) == 1 + 7 + 1 + 1 + 10 + 10 + 8 + 5 + 9 + 22 + 2
    assert keys[:10] == [
        "version.text",
        "version.case_start_within_months",
        "version.case_min_running_months",
        "version.upload_max_mb",
        "version.assessment_days",
        "version.additions_days",
        "version.reminder_days",
        "version.assessor_count",
        "version.score_options",
        "version.related_items",
    ]
    assert {"requirement:A2.5", "declaration:B1.1", "question:D.4", "criterion:C4.4"} <= set(keys)
    assert "criterion:C1.0.word_guide" in keys
    assert provenance.check(tree) == {"missing": [], "unknown": []}


@pytest.mark.django_db
def test_a_value_without_a_source_is_named(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    draft.value_sources.filter(key__in=["version.assessment_days", "criterion:C3.2"]).delete()
    section = draft.sections.get(code="C3")
    Criterion.objects.create(section=section, number=7, title="Nieuw", word_guide=150, order=7)
    ValueSource.objects.create(version=draft, key="criterion:C9.9", kind=ProvenanceKind.OFFICE)
    assert provenance.check(_tree(draft)) == {
        "missing": [
            "version.assessment_days",
            "criterion:C3.2",
            "criterion:C3.7",
            "criterion:C3.7.word_guide",
        ],
        "unknown": ["criterion:C9.9"],
    }


@pytest.mark.django_db
def test_values_in_no_source_are_set_by_the_office(seeded_version):
    office = [
        "version.upload_max_mb",
        "version.assessment_days",
        "version.additions_days",
        "version.reminder_days",
        "version.score_options",
        "version.related_items",
        "criterion:C1.0.word_guide",
        "criterion:C1.1.word_guide",
        "question:C.3",
    ]
    assert sorted(
        seeded_version.value_sources.filter(kind=ProvenanceKind.OFFICE).values_list(
            "key", flat=True
        )
    ) == sorted(office)
    assert {
        (s.document, s.location)
        for s in seeded_version.value_sources.filter(kind=ProvenanceKind.OFFICE)
    } == {("", "")}
    window = _source(seeded_version, "version.case_start_within_months")
    assert window.citation == (
        f"{DOCUMENT}, Deel III, Ad C.1 Procesbeschrijving begeleidingstraject "
        "(“in de afgelopen twee jaar gestart”)"
    )
    assert _source(seeded_version, "requirement:A2.4").citation == (
        f"{DOCUMENT}, Deel III, Ad A. Opleiding, tabel A2. Aanvullende opleidingseis, rij 4"
    )
    assert _source(seeded_version, "version.reminder_days").citation == (
        "Vastgesteld door het bureau"
    )


@pytest.mark.django_db
def test_the_sources_own_inconsistencies_carry_an_office_note(seeded_version):
    section_a = seeded_version.sections.get(code="A")
    # The facts the notes are about, as the fixture holds them.
    assert "één van de vier aanvullende opleidingseisen" in section_a.intro
    assert section_a.education_requirements.filter(level="supplementary").count() == 5
    task2 = seeded_version.sections.get(code="C1").criteria.get(number=2)
    assert "zeven onderdelen" in task2.guidance
    assert task2.product_questions.count() == 8
    assert _source(seeded_version, "section:A.intro").note == A2_NOTE
    assert _source(seeded_version, "criterion:C1.2.guidance").note == PRODUCT_NOTE
    assert _source(seeded_version, "criterion:C1.2").note == ""


@pytest.mark.django_db
def test_copy_to_draft_copies_the_sources(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    fields = ("key", "kind", "document", "location", "note", "order")
    assert list(draft.value_sources.values_list(*fields)) == list(
        seeded_version.value_sources.values_list(*fields)
    )
    assert draft.value_sources.count() == 77


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"key": "x"}, "provenance: een lijst verwacht."),
        ([{"kind": "source"}], "provenance[0]: 'key' ontbreekt."),
        ([{"key": "version.text", "kind": "guess"}], "provenance[0]: onbekende herkomst 'guess'."),
        (
            [{"key": "version.text"}, {"key": "version.text"}],
            "provenance[1]: 'version.text' staat er twee keer in.",
        ),
    ],
)
def test_a_malformed_provenance_list_is_refused(seeded_version, entries, message):
    document = export_framework_version(seeded_version)
    document["provenance"] = entries
    with pytest.raises(InvalidDocument) as refused:
        import_framework_version(document, number=9)
    assert str(refused.value) == message


@pytest.mark.django_db
def test_the_framework_page_names_the_source_of_each_value(candidate_client, seeded_version):
    html = candidate_client.get(FRAMEWORK_URL).content.decode()
    assert f"Bron: {DOCUMENT}, Deel III, Ad A. Opleiding</span>" in html
    assert f"Bron: {DOCUMENT}, Deel II, A. Opleiding</span>" in html
    assert f"Bron: {DOCUMENT}, Deel III, Ad C.3. Competenties, Inlevingsvermogen</span>" in html
    assert (
        "28 dagen na de toewijzing"
        '<span class="value-source d-block small text-body-secondary">'
        "Vastgesteld door het bureau</span>"
    ) in html
    # The scale, the four periods and limits, the links of 22 criteria, two word guides
    # and question C.3: 30 values set by the office.
    assert html.count("Vastgesteld door het bureau") == 30
    assert html.count("Toelichting van het bureau:") == 6  # A, A2.1–A2.3, C.3, task 2
    for note in (A2_NOTE, PRODUCT_NOTE):
        assert html.count(note) == 1


@pytest.mark.django_db
def test_the_candidate_sees_the_note_beside_the_text(candidate_client, candidate, seeded_version):
    portfolio = start_portfolio(candidate=candidate, version=seeded_version)
    section_a = candidate_client.get(reverse("portfolio:section", args=[portfolio.pk, "A"]))
    html = section_a.content.decode()
    assert html.count(A2_NOTE) == 1
    # ...and beside the three A2 routes whose exemptions the portal reads more widely.
    assert html.count("De bron noemt als vrijstelling “B2, C1 t/m C4 en D”.") == 3
    c1 = candidate_client.get(reverse("portfolio:section", args=[portfolio.pk, "C1"]))
    html = c1.content.decode()
    assert html.count(PRODUCT_NOTE) == 1
    assert html.index("zeven onderdelen") < html.index(PRODUCT_NOTE)
    c2 = candidate_client.get(reverse("portfolio:section", args=[portfolio.pk, "C2"]))
    assert "Toelichting van het bureau" not in c2.content.decode()


@pytest.mark.django_db
def test_the_admin_shows_and_checks_the_sources(office_client, seeded_version, office):
    url = reverse("admin:profiles_frameworkversion_change", args=[seeded_version.pk])
    html = office_client.get(url).content.decode()
    assert "Elke waarde heeft een herkomst (bron of bureau)." in html
    assert "criterion:C1.2.guidance" in html
    assert 'name="value_sources-0-key"' not in html  # published: read-only
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    draft.value_sources.filter(key="version.upload_max_mb").delete()
    draft_url = reverse("admin:profiles_frameworkversion_change", args=[draft.pk])
    html = office_client.get(draft_url).content.decode()
    assert "Zonder herkomst: version.upload_max_mb." in html
    assert 'name="value_sources-75-key"' in html  # editable in a draft (76 rows)
    assert 'name="value_sources-76-key"' not in html
