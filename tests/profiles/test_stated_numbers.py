"""A new version that changes a number (B1: 1,200 → 1,000 hours) cannot keep a text that
still states the old one: the admin's form and publishing refuse it."""

import pytest
from django.forms import modelform_factory
from django.test import Client
from django.urls import reverse

from portfolio.services import start_portfolio
from profiles.models import Declaration, EducationRequirement, Question
from profiles.services import copy_version_to_draft, publish_version
from profiles.stated_numbers import (
    AGE,
    CASE_RUNNING,
    CASE_START,
    case_drift,
    declaration_drift,
    requirement_drift,
    stated,
    stated_months,
)


def test_the_numbers_a_text_states_are_read_in_figures_and_words():
    text = "Tenminste twee jaar actief en minimaal 1.200 uur; een half jaar onderweg, 40 uren."
    assert stated(text, "years") == [2]
    assert stated(text, "hours") == [1200, 40]
    assert stated("1200 uur", "hours") == [1200]


@pytest.mark.django_db
def test_the_seeded_declarations_state_their_own_thresholds(seeded_version):
    declarations = Declaration.objects.filter(section__version=seeded_version)
    assert [declaration_drift(d) for d in declarations] == [{}] * declarations.count()


def _b1(version):
    return version.sections.get(code="B1").declarations.get(code="B1.1")


@pytest.mark.django_db
def test_a_new_number_with_the_old_text_is_refused_by_the_form_and_by_publishing(
    seeded_version, office
):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    declaration = _b1(draft)
    form_class = modelform_factory(
        Declaration, fields=["code", "criterion", "statement", "min_years", "min_hours"]
    )
    data = {
        "code": declaration.code,
        "criterion": declaration.criterion,
        "statement": declaration.statement,
        "min_years": declaration.min_years,
        "min_hours": 1000,
    }
    form = form_class(data, instance=declaration)
    assert not form.is_valid()
    said = "De tekst noemt 1200 uur, maar de drempel is 1000 uur."
    assert said in form.errors["statement"][0]
    assert said in form.errors["criterion"][0]

    Declaration.objects.filter(pk=declaration.pk).update(min_hours=1000)  # not via the form
    with pytest.raises(ValueError, match=r"B1\.1: De tekst noemt 1200 uur"):
        publish_version(version=draft, actor=office)


@pytest.mark.django_db
def test_with_the_text_changed_too_every_page_states_the_new_number(
    seeded_version, office, candidate
):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    declaration = _b1(draft)
    form_class = modelform_factory(
        Declaration, fields=["code", "criterion", "statement", "min_years", "min_hours"]
    )
    form = form_class(
        {
            "code": declaration.code,
            "criterion": declaration.criterion.replace("1.200", "1.000"),
            "statement": declaration.statement.replace("1.200", "1.000"),
            "min_years": declaration.min_years,
            "min_hours": 1000,
        },
        instance=declaration,
    )
    assert form.is_valid(), form.errors
    form.save()
    version = publish_version(version=draft, actor=office)
    portfolio = start_portfolio(candidate=candidate, version=version)
    client = Client()
    client.force_login(candidate)
    section = client.get(reverse("portfolio:section", args=[portfolio.pk, "B1"])).content.decode()
    framework = client.get(
        reverse("profiles:framework_detail", args=[version.framework.slug, version.number])
    ).content.decode()
    for page in (section, framework):
        assert "1.000 uur" in page
        assert "1.200 uur" not in page


def test_periods_are_read_in_months_where_a_text_states_an_age_or_the_case_window():
    assert stated_months("De EVC-rapportage is maximaal twee jaar oud.", AGE) == [24]
    assert stated_months("Niet ouder dan 18 maanden oud.", AGE) == [18]
    assert stated_months("Een ontwikkelplan voor de komende vier jaar.", AGE) == []
    assert stated_months("in de afgelopen twee jaar gestart", CASE_START) == [24]
    running = "minimaal een half jaar onderweg, of 9 maanden onderweg"
    assert stated_months(running, CASE_RUNNING) == [6, 9]


@pytest.mark.django_db
def test_the_seeded_routes_and_case_texts_state_their_own_numbers(seeded_version):
    requirements = EducationRequirement.objects.filter(section__version=seeded_version)
    assert [requirement_drift(r) for r in requirements] == [[]] * requirements.count()
    texts = [
        (q.code, text)
        for q in Question.objects.filter(section__version=seeded_version)
        for text in (q.text, q.guidance)
    ]
    assert any("afgelopen twee jaar gestart" in text for _code, text in texts)
    assert case_drift(seeded_version, texts) == []


@pytest.mark.django_db
def test_a_new_document_age_with_the_old_text_is_refused_by_publishing(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    EducationRequirement.objects.filter(section__version=draft, max_document_age_months=24).update(
        max_document_age_months=36
    )
    with pytest.raises(ValueError, match="de tekst noemt 24 maanden, maar het gegeven is 36"):
        publish_version(version=draft, actor=office)


@pytest.mark.django_db
def test_a_new_study_hours_threshold_with_the_old_text_is_refused(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    EducationRequirement.objects.filter(section__version=draft, min_study_hours=98).update(
        min_study_hours=120
    )
    with pytest.raises(ValueError, match="de tekst noemt 98 uur, maar het gegeven is 120 uur"):
        publish_version(version=draft, actor=office)


@pytest.mark.django_db
def test_a_new_case_window_with_the_old_text_is_refused(seeded_version, office):
    draft = copy_version_to_draft(version=seeded_version, actor=office)
    draft.case_start_within_months = 36
    draft.save(update_fields=["case_start_within_months"])
    with pytest.raises(ValueError, match="de tekst noemt 24 maanden, maar het gegeven is 36"):
        publish_version(version=draft, actor=office)
