import pytest

from profiles.enums import VersionStatus
from profiles.models import Criterion, FrameworkVersion, Section
from profiles.serialization import export_framework_version
from profiles.services import (
    FrameworkVersionFrozen,
    copy_version_to_draft,
    ensure_editable,
    publish_version,
)


def _strip_number(document: dict) -> dict:
    document["version"].pop("number")
    return document


@pytest.mark.django_db
def test_the_seeded_version_is_published_and_frozen(seeded_version):
    assert seeded_version.status == VersionStatus.PUBLISHED
    criterion = Criterion.objects.filter(section__version=seeded_version).first()
    with pytest.raises(FrameworkVersionFrozen, match="Versie 1 is gepubliceerd"):
        ensure_editable(criterion)
    with pytest.raises(FrameworkVersionFrozen):
        publish_version(version=seeded_version, actor=None)


@pytest.mark.django_db
def test_copy_to_draft_copies_all_content_into_the_next_number(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    assert (draft.number, draft.status, draft.copied_from) == (
        2,
        VersionStatus.DRAFT,
        seeded_version,
    )
    assert _strip_number(export_framework_version(draft)) == _strip_number(
        export_framework_version(seeded_version)
    )
    # The draft is editable and editing it leaves the published version untouched.
    section = draft.sections.get(code="B2")
    ensure_editable(section)
    section.title = "Curriculum vitae (nieuw)"
    section.save()
    assert seeded_version.sections.get(code="B2").title == "Curriculum vitae en motivatie"


@pytest.mark.django_db
def test_copying_twice_gives_distinct_numbers(seeded_version, office):
    first = copy_version_to_draft(version=seeded_version, actor=office)
    second = copy_version_to_draft(version=seeded_version, actor=office)
    assert (first.number, second.number) == (2, 3)


@pytest.mark.django_db
def test_publish_freezes_a_draft_and_records_who(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    published = publish_version(version=draft, actor=office)
    assert published.status == VersionStatus.PUBLISHED
    assert published.published_by == office
    assert published.published_at is not None
    with pytest.raises(FrameworkVersionFrozen):
        ensure_editable(published.sections.first())


@pytest.mark.django_db
def test_an_empty_draft_cannot_be_published(seeded_version, office):
    empty = FrameworkVersion.objects.create(
        framework=seeded_version.framework, number=9, title="Leeg"
    )
    with pytest.raises(ValueError, match="zonder onderdelen"):
        publish_version(version=empty, actor=office)
    empty.refresh_from_db()
    assert empty.status == VersionStatus.DRAFT
    assert not Section.objects.filter(version=empty).exists()


@pytest.mark.django_db
def test_the_data_migration_marks_toelichten_as_referring_to_the_interview(seeded_version):
    from importlib import import_module  # noqa: PLC0415

    from django.apps import apps  # noqa: PLC0415

    from profiles.models import ScoreOption  # noqa: PLC0415

    ScoreOption.objects.update(refers_to_interview=False)  # as loaded before the field existed
    migration = import_module("profiles.migrations.0005_toelichten_refers_to_interview")
    migration.forwards(apps, None)
    assert list(
        ScoreOption.objects.filter(refers_to_interview=True).values_list("code", flat=True)
    ) == ["toelichten"]


@pytest.mark.django_db
def test_a_draft_with_a_value_without_provenance_cannot_be_published(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    draft.value_sources.filter(key__in=["version.reminder_days", "criterion:C2.3"]).delete()
    with pytest.raises(ValueError, match="staat nog niet vast") as refused:
        publish_version(version=draft, actor=office)
    assert str(refused.value) == (
        "Van deze waarden staat nog niet vast waar ze vandaan komen (bron of bureau): "
        "version.reminder_days, criterion:C2.3. Vul de herkomst aan en publiceer dan."
    )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
