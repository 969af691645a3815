"""An admin edit of framework or profile data shows on the assessor's scoring page at
the next request: the page's kept criterion texts (the "process" cache) are keyed on the
content stamp that the edit replaces (profiles.stamp)."""

import pytest
from django.test import Client
from django.urls import reverse

from profiles.models import ProfileItem
from tests.profiles.admin_forms import profile_item_form


@pytest.mark.django_db
def test_an_admin_edit_of_a_profile_item_shows_on_the_scoring_page(
    declared, assessor, office_client
):
    first, _second = declared
    client = Client()
    client.force_login(assessor)
    url = reverse("assessment:score", args=[first.pk])
    item = ProfileItem.objects.get(profile__slug="leercoach-1", code="inlevingsvermogen")
    before = client.get(url).content.decode()  # the criterion texts are kept from now on
    assert f"<li>Competentieprofiel Leercoach 1: {item.title}</li>" in before

    data = profile_item_form(item)
    data["title"] = "Inlevingsvermogen, bijgewerkt door het bureau"
    response = office_client.post(
        reverse("admin:profiles_profileitem_change", args=[item.pk]), data
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""

    html = client.get(url).content.decode()
    assert (
        "<li>Competentieprofiel Leercoach 1: Inlevingsvermogen, bijgewerkt door het bureau</li>"
        in html
    )
    assert f"<li>Competentieprofiel Leercoach 1: {item.title}</li>" not in html


@pytest.mark.django_db
def test_the_scoring_page_shows_the_office_note_beside_the_text(declared, assessor):
    first, _second = declared
    client = Client()
    client.force_login(assessor)
    html = client.get(reverse("assessment:score", args=[first.pk])).content.decode()
    note = "De bron spreekt van “zeven onderdelen”, maar somt er acht op."
    assert html.count(note) == 1
    assert html.index("zeven onderdelen:</p>") < html.index(note)
    # The links to the profiles were laid by the office, and say so once per criterion.
    assert html.count("Vastgesteld door het bureau") == 22
