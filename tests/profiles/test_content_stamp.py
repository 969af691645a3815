"""Nothing kept of the framework outlives an edit: every change of framework or profile
data replaces the content stamp (profiles.stamp), and everything kept is keyed on it."""

import pytest
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse

from profiles import selectors, signals
from profiles.enums import ProvenanceKind
from profiles.models import (
    ContentStamp,
    Criterion,
    Framework,
    ProfileIndicator,
    ProfileItem,
    ValueSource,
)
from profiles.serialization import export_framework_version, import_framework_version
from profiles.services import copy_version_to_draft, publish_version
from profiles.stamp import current_stamp
from tests.profiles.admin_forms import framework_form, profile_item_form

FRAMEWORK_URL = "/kader/register-jobcoach/v1/"


class Stamps:
    """Reads the stamp and says whether it changed since the last look."""

    def __init__(self):
        self.last = current_stamp()

    def changed(self) -> bool:
        now = current_stamp()
        changed, self.last = now != self.last, now
        return changed


@pytest.mark.django_db
def test_every_change_of_framework_or_profile_data_replaces_the_stamp(seeded_version, office):
    stamps = Stamps()
    assert len(stamps.last) == 32
    item = ProfileItem.objects.get(profile__slug="leercoach-1", code="inlevingsvermogen")
    item.title = "Inlevingsvermogen (nieuw)"
    item.save()
    assert stamps.changed()
    indicator = ProfileIndicator.objects.create(item=item, text="Luistert.", order=99)
    assert stamps.changed()
    indicator.delete()
    assert stamps.changed()
    framework = seeded_version.framework
    framework.name = "Register Jobcoach (nieuw)"
    framework.save()
    assert stamps.changed()
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    assert stamps.changed()
    criterion = Criterion.objects.get(section__version=draft, section__code="C3", number=2)
    criterion.related_items.remove(item)
    assert stamps.changed()
    criterion.related_items.add(item)
    assert stamps.changed()
    requirement = draft.sections.get(code="A").education_requirements.get(number=4)
    requirement.exempt_sections.set(draft.sections.filter(code="D"))
    assert stamps.changed()
    ValueSource.objects.filter(version=draft, key="version.text").get().delete()
    assert stamps.changed()
    ValueSource.objects.create(version=draft, key="version.text", kind=ProvenanceKind.OFFICE)
    assert stamps.changed()
    publish_version(version=draft, actor=office)
    assert stamps.changed()
    document = export_framework_version(draft)
    import_framework_version(document, number=8)
    assert stamps.changed()
    # Reading changes nothing.
    selectors.version_with_content(draft.pk)
    assert not stamps.changed()


@pytest.mark.django_db
def test_every_model_of_the_framework_and_the_profiles_is_watched():
    names = sorted(m.__name__ for m in signals.content_models())
    assert names == [
        "Condition",
        "Criterion",
        "CriterionIndicator",
        "Declaration",
        "EducationRequirement",
        "Framework",
        "FrameworkVersion",
        "GlossaryTerm",
        "KnowledgeItem",
        "ProductQuestion",
        "Profile",
        "ProfileGroup",
        "ProfileIndicator",
        "ProfileItem",
        "Question",
        "ScoreOption",
        "Section",
        "TextBlock",
        "Threshold",
        "ValueSource",
    ]
    for model in signals.content_models():
        assert post_save.has_listeners(model), model
        assert post_delete.has_listeners(model), model
        for field in model._meta.local_many_to_many:
            assert m2m_changed.has_listeners(field.remote_field.through), field
    assert not post_save.has_listeners(ContentStamp)


@pytest.mark.django_db
def test_a_flushed_stamp_row_is_created_again(seeded_version):
    ContentStamp.objects.all().delete()
    assert current_stamp() == ""
    Framework.objects.filter(pk=seeded_version.framework_id).get().save()
    assert len(current_stamp()) == 32
    assert ContentStamp.objects.get().pk == 1


@pytest.mark.django_db
def test_the_process_keeps_only_trees_of_the_current_stamp(seeded_version):
    first = selectors.version_with_content(seeded_version.pk)
    assert selectors.version_with_content(seeded_version.pk) is first
    framework = seeded_version.framework
    framework.name = "Register Jobcoach (nieuw)"
    framework.save()
    second = selectors.version_with_content(seeded_version.pk)
    assert second is not first
    assert second.framework.name == "Register Jobcoach (nieuw)"
    assert selectors.content_stamp(second) != selectors.content_stamp(first)
    assert selectors.kept_tree_count() == 1  # the tree of the old stamp is gone


@pytest.mark.django_db
def test_an_admin_edit_of_a_profile_item_and_the_framework_name_shows_at_once(
    office_client, candidate_client, seeded_version
):
    item = ProfileItem.objects.get(profile__slug="leercoach-1", code="inlevingsvermogen")
    before = candidate_client.get(FRAMEWORK_URL).content.decode()  # kept from now on
    assert f"Competentieprofiel Leercoach 1</a>: {item.title}</li>" in before
    assert "Register Jobcoach · versie 1" in before

    data = profile_item_form(item)
    data["title"] = "Inlevingsvermogen, bijgewerkt door het bureau"
    url = reverse("admin:profiles_profileitem_change", args=[item.pk])
    response = office_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    html = candidate_client.get(FRAMEWORK_URL).content.decode()
    assert (
        "Competentieprofiel Leercoach 1</a>: Inlevingsvermogen, bijgewerkt door het bureau</li>"
        in html
    )

    data = framework_form(seeded_version.framework)
    data["name"] = "Register Jobcoach NL"
    url = reverse("admin:profiles_framework_change", args=[seeded_version.framework_id])
    response = office_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    html = candidate_client.get(FRAMEWORK_URL).content.decode()
    assert "Register Jobcoach NL · versie 1" in html
    assert "Register Jobcoach · versie 1" not in html
