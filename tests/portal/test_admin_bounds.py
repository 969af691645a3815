"""The office's admin answers tampered ids with a form error, never a 500: Django's
many-to-many and autocomplete fields looked every posted value up in the database."""

import pytest
from django.test import Client

from portal.admin_widgets import BoundedModelMultipleChoiceField
from profiles.models import Criterion, ProfileItem
from profiles.services import copy_version_to_draft


@pytest.mark.django_db
@pytest.mark.parametrize("tampered", [str(2**63), "9" * 30, "abc", "1e9"])
def test_a_criterion_with_a_tampered_related_item_is_a_form_error(seeded_version, office, tampered):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    section = draft.sections.get(code="C1")
    before = Criterion.objects.count()
    client = Client()
    client.force_login(office)
    response = client.post(
        "/beheer/profiles/criterion/add/",
        {
            "section": section.pk,
            "number": 99,
            "title": "Nieuw criterium",
            "answer_kind": "text",
            "order": 0,
            "related_items": [tampered],
            "indicators-TOTAL_FORMS": 0,
            "indicators-INITIAL_FORMS": 0,
            "product_questions-TOTAL_FORMS": 0,
            "product_questions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["related_items"]
    assert Criterion.objects.count() == before


@pytest.mark.django_db
def test_the_bounded_field_still_takes_a_real_id(seeded_version):
    item = ProfileItem.objects.order_by("pk").first()
    field = BoundedModelMultipleChoiceField(queryset=ProfileItem.objects.all())
    assert list(field.clean([str(item.pk)])) == [item]
