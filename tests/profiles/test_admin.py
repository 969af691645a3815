import json

import pytest
from django.urls import reverse

from profiles.enums import VersionStatus
from profiles.models import FrameworkVersion, Section
from profiles.services import copy_version_to_draft
from tests.factories.versions import section_form


@pytest.mark.django_db
def test_office_edits_a_draft_section_in_the_admin(office_client, seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    section = draft.sections.get(code="D")
    data = section_form(section)
    data["title"] = "Ontwikkelplan voor vier jaar"
    url = reverse("admin:profiles_section_change", args=[section.pk])
    response = office_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    section.refresh_from_db()
    assert section.title == "Ontwikkelplan voor vier jaar"


@pytest.mark.django_db
def test_the_office_names_a_declarations_number_fields_in_the_admin(
    office_client, seeded_version, office
):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    section = draft.sections.get(code="B1")
    url = reverse("admin:profiles_section_change", args=[section.pk])
    page = office_client.get(url).content.decode()
    assert 'name="declarations-0-years_label"' in page
    assert 'name="declarations-0-hours_label"' in page
    data = section_form(section)
    assert data["declarations-0-code"] == "B1.1"
    data["declarations-0-hours_label"] = "Uren als jobcoach in de afgelopen 4 jaar"
    response = office_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    declaration = section.declarations.get(code="B1.1")
    assert declaration.hours_label == "Uren als jobcoach in de afgelopen 4 jaar"
    assert declaration.years_label == "Jaren actief als uitvoerend jobcoach"


@pytest.mark.django_db
def test_the_admin_refuses_to_edit_a_published_version(office_client, seeded_version):
    section = seeded_version.sections.get(code="D")
    url = reverse("admin:profiles_section_change", args=[section.pk])
    page = office_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html  # read-only view: no save button
    data = section_form(section)
    data["title"] = "Gewijzigd"
    assert office_client.post(url, data).status_code == 403
    section.refresh_from_db()
    assert section.title == "Ontwikkelplan"
    criterion = seeded_version.sections.get(code="C1").criteria.first()
    delete_url = reverse("admin:profiles_criterion_delete", args=[criterion.pk])
    assert office_client.post(delete_url, {"post": "yes"}).status_code == 403


@pytest.mark.django_db
def test_admin_actions_copy_publish_and_export(office_client, seeded_version):
    changelist = reverse("admin:profiles_frameworkversion_changelist")
    office_client.post(
        changelist,
        {"action": "copy_to_draft", "_selected_action": [seeded_version.pk], "post": "yes"},
    )
    draft = FrameworkVersion.objects.get(framework=seeded_version.framework, number=2)
    assert draft.status == VersionStatus.DRAFT
    assert draft.sections.count() == seeded_version.sections.count()

    export = office_client.post(
        changelist, {"action": "export_json", "_selected_action": [draft.pk]}
    )
    assert export["Content-Disposition"] == 'attachment; filename="register-jobcoach-v2.json"'
    assert json.loads(export.content)["version"]["number"] == 2

    office_client.post(
        changelist, {"action": "publish", "_selected_action": [draft.pk], "post": "yes"}
    )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED


@pytest.mark.django_db
@pytest.mark.parametrize("fixture_name", ["candidate_client", "assessor_client"])
def test_candidates_and_assessors_cannot_use_the_admin(request, fixture_name, seeded_version):
    client = request.getfixturevalue(fixture_name)
    response = client.get(reverse("admin:profiles_section_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


@pytest.mark.django_db
def test_the_add_forms_offer_only_draft_versions_and_refuse_a_published_one(
    office_client, seeded_version, office
):
    """The add form offered the published version; saving it was a 500."""
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    add = reverse("admin:profiles_section_add")
    page = office_client.get(add)
    offered = set(
        page.context["adminform"].form.fields["version"].queryset.values_list("pk", flat=True)
    )
    assert offered == {draft.pk}
    data = {"version": seeded_version.pk, "code": "F", "title": "Extra", "order": 99}
    for prefix in ("education_requirements", "declarations", "questions", "criteria"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    refused = office_client.post(add, data)
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["version"] == [
        "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."
    ]
    assert "een gepubliceerde versie ligt vast" in refused.content.decode()
    assert not Section.objects.filter(code="F").exists()
    # A criterion cannot be hung under a section of the published version either.
    published_section = seeded_version.sections.get(code="C1")
    criterion_add = reverse("admin:profiles_criterion_add")
    form = office_client.get(criterion_add).context["adminform"].form
    assert not form.fields["section"].queryset.filter(pk=published_section.pk).exists()
    assert form.fields["section"].queryset.filter(version=draft).count() == 10
    # On the draft it works.
    data["version"] = draft.pk
    assert office_client.post(add, data).status_code == 302
    assert Section.objects.get(code="F").version == draft
