"""What the candidate's pages show: unique ids and labelled fields on pages with several
forms, and the preview of an upload-only item."""

import pytest
from django.urls import reverse

from tests.portal.html_checks import repeated_ids, unlabelled_controls


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["A", "B1", "B2", "E"])
def test_pages_with_several_forms_have_unique_ids_and_labelled_fields(
    candidate_client, complete_portfolio, code
):
    # A holds an upload block per chosen route, B1 two declarations and E three; before,
    # every one of them reused id_file / id_confirmed, so a label ticked another form's box.
    complete_portfolio.signatures.all().delete()  # the signing forms are shown again
    url = reverse("portfolio:section", args=[complete_portfolio.pk, code])
    html = candidate_client.get(url).content.decode()
    assert repeated_ids(html) == []
    assert unlabelled_controls(html) == []
    forms = html.count('name="confirmed"') + html.count('name="file"')
    assert forms >= {"A": 2, "B1": 2, "B2": 1, "E": 3}[code]


@pytest.mark.django_db
def test_each_declaration_label_names_its_own_checkbox(candidate_client, complete_portfolio):
    complete_portfolio.signatures.all().delete()
    declarations = complete_portfolio.framework_version.sections.get(code="B1").declarations
    html = candidate_client.get(
        reverse("portfolio:section", args=[complete_portfolio.pk, "B1"])
    ).content.decode()
    for declaration in declarations.all():
        box = f"id_declaration-{declaration.pk}_confirmed"
        assert f'id="{box}"' in html
        assert f'for="{box}"' in html


@pytest.mark.django_db
def test_the_preview_shows_an_uploaded_cv_without_not_filled_in(
    candidate_client, complete_portfolio
):
    html = candidate_client.get(
        reverse("portfolio:preview", args=[complete_portfolio.pk])
    ).content.decode()
    cv = html[html.index("B2.1") : html.index("</div>", html.index("B2.1"))]
    assert "curriculum-vitae" in cv
    assert "Nog niet ingevuld" not in cv
