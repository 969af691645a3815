import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from profiles.enums import VersionStatus
from profiles.models import Declaration, FrameworkVersion, Profile
from profiles.serialization import (
    InvalidDocument,
    export_framework_version,
    export_profile,
    import_framework_version,
)
from profiles.services import copy_version_to_draft


@pytest.mark.django_db
def test_export_import_export_is_identical(seeded_version, tmp_path):
    first = export_framework_version(seeded_version)
    path = tmp_path / "kader.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    call_command("import_framework", str(path), "--as-version", "7")
    imported = FrameworkVersion.objects.get(framework=seeded_version.framework, number=7)
    assert imported.status == VersionStatus.DRAFT
    second = export_framework_version(imported)
    second["version"]["number"] = first["version"]["number"]
    assert second == first


@pytest.mark.django_db
def test_the_declarations_field_names_travel_with_export_import_and_copy(seeded_version, office):
    years, hours = "Jaren ingeschreven als jobcoach", "Uren als jobcoach in de afgelopen 4 jaar"
    declaration = Declaration.objects.get(section__version=seeded_version, code="B1.1")
    declaration.years_label, declaration.hours_label = years, hours
    declaration.save()
    document = export_framework_version(seeded_version)
    [exported] = [
        d for s in document["version"]["sections"] for d in s["declarations"] if d["code"] == "B1.1"
    ]
    assert (exported["years_label"], exported["hours_label"]) == (years, hours)
    imported = import_framework_version(document, number=9)
    copied = copy_version_to_draft(version=seeded_version, actor=office)
    for version in (imported, copied):
        found = Declaration.objects.get(section__version=version, code="B1.1")
        assert (found.years_label, found.hours_label) == (years, hours)
        other = Declaration.objects.get(section__version=version, code="B1.2")
        assert (other.years_label, other.hours_label) == ("", "")


@pytest.mark.django_db
def test_the_exported_fixture_equals_the_fixture_file(seeded_version, settings):
    path = settings.BASE_DIR / "fixtures" / "frameworks" / "register-jobcoach-v1.json"
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert export_framework_version(seeded_version) == _normalised(on_disk)


def _normalised(document: dict) -> dict:
    """The fixture may leave optional keys out; the export always writes them."""
    exported_defaults = {
        "education_requirements": [],
        "declarations": [],
        "questions": [],
        "criteria": [],
        "summary": "",
        "intro": "",
        "counts_for_assessment": True,
    }
    doc = copy.deepcopy(document)
    # The office's own settings per version: none for the seeded version.
    doc["version"].setdefault("objection_terms", None)
    doc["version"].setdefault("register_policy", None)
    for section in doc["version"]["sections"]:
        for key, value in exported_defaults.items():
            section.setdefault(key, value)
        for requirement in section["education_requirements"]:
            requirement.setdefault("conditions", [])
            requirement.setdefault("exemption_note", "")
            requirement.setdefault("exempt_sections", [])
            requirement.setdefault("waives_interview", False)
            requirement.setdefault("max_document_age_months", None)
            requirement.setdefault("min_study_hours", None)
        for declaration in section["declarations"]:
            declaration.setdefault("conditions", [])
            declaration.setdefault("min_years", None)
            declaration.setdefault("min_hours", None)
            declaration.setdefault("years_label", "")
            declaration.setdefault("hours_label", "")
        for question in section["questions"]:
            question.setdefault("guidance", "")
            question.setdefault("word_guide", None)
        for criterion in section["criteria"]:
            for key in ("indicators", "examples", "product_questions", "related_items"):
                criterion.setdefault(key, [])
            criterion.setdefault("description", "")
            criterion.setdefault("guidance", "")
            criterion.setdefault("word_guide", None)
            criterion.setdefault("product_name", "")
    return doc


@pytest.mark.django_db
def test_export_command_writes_the_newest_version_as_json(seeded_version, capsys):
    call_command("export_framework", "register-jobcoach")
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "register-jobcoach-framework/1"
    assert data["version"]["number"] == 1
    assert [s["code"] for s in data["version"]["sections"]] == [
        "A", "B1", "B2", "C", "C1", "C2", "C3", "C4", "D", "E",
    ]  # fmt: skip


@pytest.mark.django_db
def test_export_command_names_an_unknown_version(seeded_version):
    with pytest.raises(
        CommandError, match="Geen versie gevonden van 'register-jobcoach' met nummer 5"
    ):
        call_command("export_framework", "register-jobcoach", "--version", "5")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="iets-anders"), "format moet"),
        (lambda d: d["version"].pop("sections"), "'sections' ontbreekt"),
        (lambda d: d["version"]["sections"][0].pop("title"), "section A: 'title' ontbreekt"),
        (
            lambda d: d["version"]["sections"][0]["education_requirements"][5].update(
                exempt_sections=["X9"]
            ),
            "vrijgesteld onderdeel 'X9' bestaat niet",
        ),
        (
            lambda d: d["version"]["sections"][6]["criteria"][1].update(
                related_items=[{"profile": "onbekend", "code": "x"}]
            ),
            "profielonderdeel onbekend/x bestaat niet",
        ),
        (
            lambda d: d["version"]["sections"][1]["declarations"][0].update(hours_label="u" * 121),
            "section B1: hours_label moet tekst van ten hoogste 120 tekens zijn",
        ),
        (
            lambda d: d["version"]["sections"][1]["declarations"][0].update(years_label=4),
            "section B1: years_label moet tekst",
        ),
    ],
)
def test_a_malformed_document_is_refused_with_a_message_and_changes_nothing(
    seeded_version, mutate, message
):
    document = export_framework_version(seeded_version)
    mutate(document)
    before = FrameworkVersion.objects.count()
    with pytest.raises(InvalidDocument, match=message):
        import_framework_version(document, number=8)
    assert FrameworkVersion.objects.count() == before


@pytest.mark.django_db
def test_importing_an_existing_version_number_is_refused(seeded_version):
    with pytest.raises(InvalidDocument, match="versie 1 van 'register-jobcoach' bestaat al"):
        import_framework_version(export_framework_version(seeded_version))


@pytest.mark.django_db
def test_import_command_reports_a_broken_file(tmp_path, seeded_version):
    path = tmp_path / "kapot.json"
    path.write_text("{ niet json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Kan .*kapot\.json niet lezen"):
        call_command("import_framework", str(path))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug",
    ["coach-werktrajectbegeleider", "bjn-eindtermen", "leercoach-1", "supported-employment-coach"],
)
def test_profile_export_equals_the_fixture_file(seeded_version, settings, slug):
    path = settings.BASE_DIR / "fixtures" / "profiles" / f"{slug}.json"
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    exported = export_profile(Profile.objects.get(slug=slug))
    assert exported["profile"]["slug"] == on_disk["profile"]["slug"]
    assert len(exported["profile"]["items"]) == len(on_disk["profile"]["items"])
    for mine, theirs in zip(exported["profile"]["items"], on_disk["profile"]["items"], strict=True):
        assert mine["code"] == theirs["code"]
        assert [i["text"] for i in mine["indicators"]] == [
            i["text"] for i in theirs.get("indicators", [])
        ]
        assert [k["text"] for k in mine["knowledge"]] == [
            k["text"] for k in theirs.get("knowledge", [])
        ]
    assert [b["key"] for b in exported["profile"]["text_blocks"]] == [
        b["key"] for b in on_disk["profile"].get("text_blocks", [])
    ]
    assert len(exported["profile"]["glossary"]) == len(on_disk["profile"].get("glossary", []))
    assert len(exported["profile"]["thresholds"]) == len(on_disk["profile"].get("thresholds", []))
