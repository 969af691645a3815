"""The routes' eligibility rules as framework data: loaded from the fixture, copied into a
new draft, exported and imported, edited by the office in the admin (drafts only)."""

import copy
from datetime import date

import pytest
from django.urls import reverse

from profiles.enums import DocumentAgeSeverity
from profiles.serialization import (
    InvalidDocument,
    export_framework_version,
    import_framework_version,
)
from profiles.services import copy_version_to_draft
from tests.factories.versions import requirement

SOURCE_WINDOWS = {
    1: (["Sara Werkt"], date(2022, 9, 1), None),
    2: (["Capabel"], date(2015, 8, 1), None),
    3: (["Combo", "Elan", "Saxion"], date(2013, 8, 1), None),
    4: ([], None, date(2012, 12, 31)),
    5: ([], None, None),
}


def _windows(version) -> dict:
    return {
        n: (r.accepted_providers, r.diploma_earliest, r.diploma_latest)
        for n in SOURCE_WINDOWS
        if (r := requirement(version, "supplementary", n))
    }


@pytest.mark.django_db
def test_the_fixture_holds_the_source_windows_and_blocking_document_age(seeded_version):
    assert _windows(seeded_version) == SOURCE_WINDOWS
    evc, assessment = (requirement(seeded_version, "basic", n) for n in (2, 3))
    assert (evc.max_document_age_months, evc.document_age_severity) == (24, "blocking")
    assert (assessment.max_document_age_months, assessment.document_age_severity) == (
        24,
        "blocking",
    )


@pytest.mark.django_db
def test_copy_to_draft_copies_the_windows_and_the_severity(seeded_version, office):
    type(requirement(seeded_version, "basic", 2)).objects.filter(
        pk=requirement(seeded_version, "basic", 2).pk
    ).update(document_age_severity=DocumentAgeSeverity.WARNING)
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    assert _windows(draft) == SOURCE_WINDOWS
    assert requirement(draft, "basic", 2).document_age_severity == "warning"
    exported = export_framework_version(draft)["version"]["sections"][0]
    a21 = exported["education_requirements"][3]
    assert {key: a21[key] for key in ("accepted_providers", "diploma_earliest")} == {
        "accepted_providers": ["Sara Werkt"],
        "diploma_earliest": "2022-09-01",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("document_age_severity", "streng", "document_age_severity 'streng' is onbekend"),
        ("accepted_providers", "Sara Werkt", "accepted_providers moet een lijst"),
        ("accepted_providers", ["Sara Werkt", " "], "accepted_providers moet een lijst"),
        ("diploma_earliest", "1-9-2022", "diploma_earliest moet een datum JJJJ-MM-DD zijn"),
        ("diploma_latest", "2012-01-01", "diploma_earliest ligt na diploma_latest"),
    ],
)
def test_import_refuses_a_malformed_window(seeded_version, key, value, message):
    document = copy.deepcopy(export_framework_version(seeded_version))
    document["version"]["sections"][0]["education_requirements"][3][key] = value
    with pytest.raises(InvalidDocument, match=message):
        import_framework_version(document, number=9)


def _requirement_form(route) -> dict:
    """The admin change form of an education route, as the office would post it."""
    conditions = list(route.conditions.all())
    data = {
        "section": route.section_id,
        "level": route.level,
        "number": route.number,
        "criterion": route.criterion,
        "deliverables": route.deliverables,
        "exemption_note": route.exemption_note,
        "exempt_sections": [s.pk for s in route.exempt_sections.all()],
        "waives_interview": "on" if route.waives_interview else "",
        "max_document_age_months": route.max_document_age_months or "",
        "min_study_hours": route.min_study_hours or "",
        "document_age_severity": route.document_age_severity,
        "accepted_providers": "\n".join(route.accepted_providers),
        "diploma_earliest": route.diploma_earliest or "",
        "diploma_latest": route.diploma_latest or "",
        "order": route.order,
        "conditions-TOTAL_FORMS": len(conditions),
        "conditions-INITIAL_FORMS": len(conditions),
    }
    for i, condition in enumerate(conditions):
        data |= {
            f"conditions-{i}-id": condition.pk,
            f"conditions-{i}-requirement": route.pk,
            f"conditions-{i}-order": condition.order,
            f"conditions-{i}-text": condition.text,
        }
    return data


@pytest.mark.django_db
def test_the_office_edits_a_draft_window_one_provider_per_line(
    office_client, seeded_version, office
):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    route = requirement(draft, "supplementary", 1)
    url = reverse("admin:profiles_educationrequirement_change", args=[route.pk])
    page = office_client.get(url).content.decode()
    assert "Sara Werkt</textarea>" in page
    data = _requirement_form(route) | {
        "accepted_providers": "Sara Werkt\n  Nieuwe   Opleider \n\n",
        "diploma_earliest": "2020-01-01",
    }
    response = office_client.post(url, data)
    assert response.status_code == 302
    route.refresh_from_db()
    assert (route.accepted_providers, route.diploma_earliest) == (
        ["Sara Werkt", "Nieuwe Opleider"],
        date(2020, 1, 1),
    )
    backwards = office_client.post(url, data | {"diploma_latest": "2019-12-31"})
    assert "De vroegste diplomadatum moet op of voor de laatste diplomadatum liggen." in (
        backwards.content.decode()
    )


@pytest.mark.django_db
def test_a_published_window_cannot_be_edited_in_the_admin(office_client, seeded_version):
    route = requirement(seeded_version, "supplementary", 1)
    url = reverse("admin:profiles_educationrequirement_change", args=[route.pk])
    response = office_client.post(
        url, _requirement_form(route) | {"accepted_providers": "Iedereen"}
    )
    assert response.status_code == 403
    route.refresh_from_db()
    assert route.accepted_providers == ["Sara Werkt"]
