"""Before publishing, the office sees what the draft changes against the published
version: added, removed and changed items with the old and the new text, in Dutch."""

import pytest
from django.urls import reverse

from profiles.enums import IndicatorKind, VersionStatus
from profiles.models import CriterionIndicator, Declaration, Question
from profiles.services import copy_version_to_draft
from profiles.version_diff import Change, counts, version_diff, word_parts

CHANGELIST = "admin:profiles_frameworkversion_changelist"


def edit_draft(draft):
    """Lower B1's hours (1.200 → 1.000, number and text), rename section D, add an
    indicator to C1.1 and drop question D.4."""
    declaration = Declaration.objects.get(section__version=draft, code="B1.1")
    declaration.min_hours = 1000
    declaration.statement = declaration.statement.replace("1.200 uur", "1.000 uur")
    declaration.save()
    draft.sections.filter(code="D").update(title="Persoonlijk ontwikkelplan")
    criterion = draft.sections.get(code="C1").criteria.get(number=1)
    CriterionIndicator.objects.create(
        criterion=criterion,
        kind=IndicatorKind.INDICATOR,
        text="Je betrekt de werkgever bij elke evaluatie.",
        order=99,
    )
    Question.objects.get(section__version=draft, code="D.4").delete()
    return draft


@pytest.fixture
def edited_draft(seeded_version, office):
    return edit_draft(copy_version_to_draft(version=seeded_version, actor=office))


def _changes(groups) -> dict[tuple[str, str], Change]:
    return {(c.what, c.field): c for g in groups for c in g.changes}


@pytest.mark.django_db
def test_the_diff_finds_a_changed_number_and_text_an_addition_and_a_removal(
    seeded_version, edited_draft
):
    groups = version_diff(seeded_version, edited_draft)
    changes = _changes(groups)
    hours = changes[("Verklaring B1.1", "minimaal aantal uren")]
    assert (hours.label, hours.old, hours.new) == ("gewijzigd", "1.200", "1.000")
    statement = changes[("Verklaring B1.1", "verklaring")]
    assert "1.200 uur" in statement.old
    assert "1.000 uur" in statement.new
    assert [p.text for p in statement.old_parts if p.marked] == ["1.200"]
    assert [p.text for p in statement.new_parts if p.marked] == ["1.000"]
    title = changes[("Onderdeel D", "titel")]
    assert (title.old, title.new) == ("Ontwikkelplan", "Persoonlijk ontwikkelplan")
    indicators = [c for c in changes.values() if c.what.startswith("Indicator ")]
    assert len(indicators) == 1
    assert indicators[0].is_added
    assert indicators[0].what.endswith(" van criterium C1.1")
    assert indicators[0].new == "Je betrekt de werkgever bij elke evaluatie."
    removed = changes[("Vraag D.4", "")]
    assert removed.is_removed
    assert removed.label == "verwijderd"
    assert removed.old
    assert counts(groups).added == 1
    assert counts(groups).removed == 1
    assert counts(groups).changed == 3
    # Only the sections with a change, each under its own heading.
    assert [g.title for g in groups] == [
        "Onderdeel B1. Werkervaring",
        "Onderdeel C1. Procesbeschrijving begeleidingstraject",
        "Onderdeel D. Persoonlijk ontwikkelplan",
    ]


@pytest.mark.django_db
def test_an_unchanged_copy_has_no_differences(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    assert version_diff(seeded_version, draft) == []


@pytest.mark.django_db
def test_the_confirmation_page_shows_the_diff_in_dutch(
    office_client, seeded_version, edited_draft, django_assert_num_queries
):
    data = {"action": "publish", "_selected_action": [edited_draft.pk]}
    with django_assert_num_queries(47):
        page = office_client.post(reverse(CHANGELIST), data)
    html = page.content.decode()
    assert "Wat verandert er ten opzichte van versie 1?" in html
    assert "Versie 2 verschilt op 5 punten van versie 1: 1 toegevoegd, 1 verwijderd, " in html
    assert "<caption>Onderdeel B1. Werkervaring</caption>" in html
    assert '<th scope="row">Verklaring B1.1: minimaal aantal uren</th>' in html
    assert "<del>1.200</del>" in html
    assert "<ins>1.000</ins>" in html
    assert "<ins>Je betrekt de werkgever bij elke evaluatie.</ins>" in html
    assert '<th scope="col">Was (versie 1)</th>' in html
    # Copying says nothing about differences.
    copy = office_client.post(
        reverse(CHANGELIST), {"action": "copy_to_draft", "_selected_action": [edited_draft.pk]}
    )
    assert "Wat verandert er" not in copy.content.decode()


@pytest.mark.django_db
def test_a_first_version_has_nothing_to_compare_with(office_client, seeded_version):
    seeded_version.status = VersionStatus.DRAFT
    seeded_version.save(update_fields=["status"])
    page = office_client.post(
        reverse(CHANGELIST), {"action": "publish", "_selected_action": [seeded_version.pk]}
    )
    assert "Er is nog geen gepubliceerde versie om mee te vergelijken" in page.content.decode()


def test_words_that_differ_are_marked_and_the_rest_kept():
    old, new = word_parts("Minstens 1.200 uur werkervaring.", "Minstens 1.000 uur werkervaring.")
    assert "".join(p.text for p in old) == "Minstens 1.200 uur werkervaring."
    assert [p.text for p in new if p.marked] == ["1.000"]


@pytest.mark.django_db
def test_the_diff_names_the_versions_terms_and_the_scale(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    draft.assessment_days = 21
    draft.save(update_fields=["assessment_days"])
    option = draft.score_options.order_by("order").first()
    old_label = option.label
    option.label = "Ruim aangetoond"
    option.save(update_fields=["label"])
    groups = version_diff(seeded_version, draft)
    assert [g.title for g in groups] == [
        "De versie: titel, termijnen en getallen",
        "Beoordelingsschaal",
    ]
    changes = _changes(groups)
    days = changes[("Versie", "termijn beoordeling (dagen)")]
    assert (days.old, days.new) == ("28", "21")
    label = changes[(f"Beoordelingsoptie ‘{old_label}’", "label")]
    assert (label.old, label.new) == (old_label, "Ruim aangetoond")
