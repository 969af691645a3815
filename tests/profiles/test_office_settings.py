"""The office's settings per framework version (objection periods, register policy)
travel in the framework document: export, import and a copy keep them; a bad value is
refused with a message and imports nothing."""

import pytest

from objections.models import ObjectionTerms
from profiles.models import FrameworkVersion
from profiles.serialization import (
    InvalidDocument,
    export_framework_version,
    import_framework_version,
)
from profiles.services import copy_version_to_draft
from register.models import RegisterPolicy

TERMS = {"period_days": 30, "assignment_days": 5, "decision_days": 60, "reminder_days": 3}
POLICY = {
    "number_format": "HRJ-{jaar}-{nummer:04d}",
    "validity_months": 36,
    "expiring_months": 4,
    "reminder_months": "6,1",
    "noindex": False,
    "show_suspension": False,
    "struck_off_visible_months": 12,
    "note": "Hercertificering: drie jaar.",
}


@pytest.fixture
def with_settings(seeded_version):
    ObjectionTerms.objects.create(version=seeded_version, **TERMS)
    RegisterPolicy.objects.create(version=seeded_version, **POLICY)
    return seeded_version


def _own(model, version) -> dict:
    row = model.objects.get(version=version)
    fields = TERMS if model is ObjectionTerms else POLICY
    return {field: getattr(row, field) for field in fields}


@pytest.mark.django_db
def test_they_are_exported_and_survive_the_round_trip(with_settings):
    first = export_framework_version(with_settings)
    assert first["version"]["objection_terms"] == TERMS
    assert first["version"]["register_policy"] == POLICY
    imported = import_framework_version(first, number=8)
    assert _own(ObjectionTerms, imported) == TERMS
    assert _own(RegisterPolicy, imported) == POLICY
    second = export_framework_version(imported)
    second["version"]["number"] = first["version"]["number"]
    assert second == first


@pytest.mark.django_db
def test_a_version_without_its_own_settings_stays_without(seeded_version):
    document = export_framework_version(seeded_version)
    assert document["version"]["objection_terms"] is None
    assert document["version"]["register_policy"] is None
    imported = import_framework_version(document, number=8)
    assert not ObjectionTerms.objects.filter(version=imported).exists()
    assert not RegisterPolicy.objects.filter(version=imported).exists()


@pytest.mark.django_db
def test_a_copy_into_a_new_draft_keeps_them(with_settings, office):
    draft = copy_version_to_draft(version=with_settings, actor=office)
    assert _own(ObjectionTerms, draft) == TERMS
    assert _own(RegisterPolicy, draft) == POLICY


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("objection_terms", {**TERMS, "period_days": -1}, "version.objection_terms: period_days"),
        ("objection_terms", {**TERMS, "hours": 2}, "onbekende sleutel\\(s\\) hours"),
        ("objection_terms", [30], "moet een object of null zijn"),
        ("register_policy", {**POLICY, "number_format": "{x}"}, "number_format"),
        ("register_policy", {**POLICY, "validity_months": 0}, "validity_months"),
    ],
)
def test_a_bad_value_is_refused_and_nothing_is_imported(seeded_version, key, value, message):
    document = export_framework_version(seeded_version)
    document["version"][key] = value
    before = FrameworkVersion.objects.count()
    with pytest.raises(InvalidDocument, match=message):
        import_framework_version(document, number=8)
    assert FrameworkVersion.objects.count() == before
    assert not ObjectionTerms.objects.exists()
    assert RegisterPolicy.objects.filter(version__isnull=False).count() == 0
