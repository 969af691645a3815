"""The framework editor for the office: publishing and copying only after a confirmation
page, Django's messages in proper Dutch, and every input of an inline row labelled."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from profiles.admin_dutch import dutch_message
from profiles.enums import VersionStatus
from profiles.models import FrameworkVersion, Profile
from profiles.services import copy_version_to_draft

CHANGELIST = "admin:profiles_frameworkversion_changelist"


def _texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_publishing_asks_first_and_says_what_freezes(office_client, seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    changelist = reverse(CHANGELIST)
    page = office_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert page.status_code == 200
    assert page.templates[0].name == ("admin/profiles/frameworkversion/confirm_action.html")
    html = page.content.decode()
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT  # nothing happened yet
    assert "Dit kan niet ongedaan worden gemaakt." in html
    assert "in plaats van op versie 1" in html
    sections = seeded_version.sections.count()
    assert f"Deze versie heeft {sections} onderdelen" in html
    assert '<input type="hidden" name="post" value="yes">' in html
    assert f'<input type="hidden" name="_selected_action" value="{draft.pk}">' in html

    done = office_client.post(
        changelist, {"action": "publish", "_selected_action": [draft.pk], "post": "yes"}
    )
    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert _texts(done) == ["Versie 2 van Register Jobcoach is gepubliceerd en ligt nu vast."]


@pytest.mark.django_db
def test_copying_asks_first_and_names_the_new_draft(office_client, seeded_version):
    changelist = reverse(CHANGELIST)
    data = {"action": "copy_to_draft", "_selected_action": [seeded_version.pk]}
    page = office_client.post(changelist, data)
    assert page.status_code == 200
    assert "Er komt een nieuwe conceptversie 2 met een kopie" in page.content.decode()
    assert not FrameworkVersion.objects.filter(number=2).exists()
    done = office_client.post(changelist, {**data, "post": "yes"})
    assert done.status_code == 302
    assert FrameworkVersion.objects.get(number=2).status == VersionStatus.DRAFT
    assert _texts(done) == ["Versie 1 van Register Jobcoach is gekopieerd naar conceptversie 2."]


@pytest.mark.django_db
def test_the_change_page_offers_copy_and_publish_buttons_that_lead_to_the_confirmation(
    office_client, seeded_version, office
):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    html = office_client.get(
        reverse("admin:profiles_frameworkversion_change", args=[draft.pk])
    ).content.decode()
    assert html.count('class="version-tool"') == 2
    assert 'name="action" value="publish"' in html
    published = office_client.get(
        reverse("admin:profiles_frameworkversion_change", args=[seeded_version.pk])
    ).content.decode()
    # A published version can only be copied.
    assert 'name="action" value="publish"' not in published
    assert 'name="action" value="copy_to_draft"' in published


@pytest.mark.django_db
def test_the_admin_pages_label_fields_in_dutch(office_client, seeded_version):
    section = seeded_version.sections.get(code="D")
    html = office_client.get(
        reverse("admin:profiles_section_change", args=[section.pk])
    ).content.decode()
    assert "Version:" not in html
    assert "Versie:" in html
    versions = office_client.get(reverse(CHANGELIST)).content.decode()
    assert ">Framework<" not in versions
    assert ">Toetsingskader<" in versions


def test_django_messages_get_the_article_of_the_word_and_je():
    assert (
        dutch_message("De onderdeel ‘D’ is met succes gewijzigd.", "onderdeel")
        == "Het onderdeel ‘D’ is gewijzigd."
    )
    assert (
        dutch_message(
            "De verklaring ‘B1’ is met succes toegevoegd. U kunt deze hieronder nogmaals bewerken.",
            "verklaring",
        )
        == "De verklaring ‘B1’ is toegevoegd. Je kunt deze hieronder nogmaals bewerken."
    )
    assert dutch_message(
        "De criterium ‘C1.1’ is met succes gewijzigd. U kunt deze hieronder nogmaals bewerken.",
        "criterium",
    ) == ("Het criterium ‘C1.1’ is gewijzigd. Je kunt het hieronder nogmaals bewerken.")


@pytest.mark.django_db
def test_saving_a_profile_says_het_competentieprofiel(office_client, seeded_version):
    profile = Profile.objects.create(title="Jobcoach", slug="jobcoach-test", year=2024)
    url = reverse("admin:profiles_profile_change", args=[profile.pk])
    page = office_client.get(url)
    form = page.context["adminform"].form
    data = {n: "" if form.initial.get(n) is None else form.initial[n] for n in form.fields}
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    response = office_client.post(url, data)
    assert response.status_code == 302, page.context
    link = f'<a href="{url}">Jobcoach</a>'
    assert _texts(response) == [f"Het competentieprofiel ‘{link}’ is gewijzigd."]


@pytest.mark.django_db
def test_every_input_of_an_inline_row_has_an_accessible_name(office_client, seeded_version):
    """axe found inputs and selects without a label in the inline tables (critical)."""
    profile = Profile.objects.filter(groups__isnull=False).first()
    html = office_client.get(
        reverse("admin:profiles_profile_change", args=[profile.pk])
    ).content.decode()
    fields = re.findall(r"<(?:input|select|textarea)\b[^>]*name=\"groups-\d+-[^\"]+\"[^>]*>", html)
    visible = [f for f in fields if 'type="hidden"' not in f]
    assert visible
    unnamed = [f for f in visible if "aria-label=" not in f]
    assert unnamed == []
    assert 'aria-label="Volgorde, rij 1"' in html
    assert 'aria-label="Volgorde, nieuwe rij"' in html
