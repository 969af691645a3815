"""A small recertification framework, built the way the office builds one in the admin:
each object through a model form with the admin's fields (so the model's own checks
run), the missing provenance recorded as the office's, then published by the service
the admin's publish action calls. Used by `seed_demo`; nothing here is a fixture."""

from django.forms import modelform_factory

from profiles import models, services
from profiles.enums import AnswerKind, FrameworkKind

SLUG = "register-jobcoach-hercertificering"

DECLARATION_HOURS = (
    "Ik verklaar dat ik in de afgelopen vier jaar minimaal 2.000 uur als jobcoach heb gewerkt."
)
DEVELOPMENT = (
    "Beschrijf de activiteiten voor je professionele ontwikkeling van de afgelopen vier "
    "jaar (scholing, intervisie, supervisie), met per activiteit het aantal uren."
)


def _save(model, fields: list[str], data: dict):
    form = modelform_factory(model, fields=fields)(data=data)
    if not form.is_valid():
        raise ValueError(f"{model.__name__}: {form.errors.as_text()}")
    return form.save()


def _section(version, order: int, code: str, title: str, summary: str):
    fields = ["version", "code", "title", "summary", "counts_for_assessment", "order"]
    data = {"version": version.pk, "code": code, "title": title, "summary": summary}
    return _save(models.Section, fields, {**data, "counts_for_assessment": True, "order": order})


def _declaration(section, code: str, statement: str, **numbers):
    fields = ["section", "code", "criterion", "statement", "order"]
    fields += ["min_years", "years_label", "min_hours", "hours_label"]
    data = {"section": section.pk, "code": code, "criterion": statement, "statement": statement}
    return _save(models.Declaration, fields, {**data, **numbers, "order": 0})


def _content(version) -> None:
    for order, (code, label, met) in enumerate(
        [("aangetoond", "Aangetoond", True), ("niet_aangetoond", "Niet aangetoond", False)]
    ):
        _save(
            models.ScoreOption,
            ["version", "code", "label", "counts_as_met", "order"],
            {
                "version": version.pk,
                "code": code,
                "label": label,
                "counts_as_met": met or "",
                "order": order,
            },
        )
    hours = _section(version, 0, "U", "Werkervaring", "Je uren als jobcoach.")
    _declaration(
        hours,
        "U.1",
        DECLARATION_HOURS,
        min_years=4,
        years_label="Jaren geregistreerd als jobcoach",
        min_hours=2000,
        hours_label="Uren gewerkt als jobcoach in de afgelopen 4 jaar",
    )
    development = _section(version, 1, "O", "Ontwikkeling", "Je ontwikkeling sinds je registratie.")
    _save(
        models.Question,
        ["section", "code", "text", "answer_kind", "word_guide", "shows_previous", "order"],
        {
            "section": development.pk,
            "code": "O.1",
            "text": "Kijk terug op de doelen van je ontwikkelplan: wat heb je bereikt?",
            "answer_kind": AnswerKind.TEXT,
            "shows_previous": "D.3",
            "order": 0,
        },
    )
    _save(
        models.Criterion,
        ["section", "number", "title", "answer_kind", "order"],
        {
            "section": development.pk,
            "number": 1,
            "title": DEVELOPMENT,
            "answer_kind": AnswerKind.TEXT,
            "order": 0,
        },
    )
    closing = _section(version, 2, "E", "Verklaringen", "Gedragscode en klachtenreglement.")
    _declaration(closing, "E.1", "Ik houd mij aan de gedragscode van het Register Jobcoach.")
    _declaration(closing, "E.2", "Ik aanvaard het klachtenreglement van het Register Jobcoach.")


def build(*, actor) -> models.FrameworkVersion:
    """The published recertification version (made once; the existing one afterwards)."""
    existing = models.FrameworkVersion.objects.filter(framework__slug=SLUG).first()
    if existing is not None:
        return existing
    framework = _save(
        models.Framework,
        ["name", "slug", "kind", "description"],
        {
            "name": "Register Jobcoach hercertificering",
            "slug": SLUG,
            "kind": FrameworkKind.RECERTIFICATION,
            "description": "Verlenging van de registratie, eens per vier jaar.",
        },
    )
    version = _save(
        models.FrameworkVersion,
        [
            "framework",
            "number",
            "title",
            "case_start_within_months",
            "case_min_running_months",
            "upload_max_mb",
            "assessment_days",
            "additions_days",
            "reminder_days",
            "assessor_count",
            "has_interview",
            "recertification_window_months",
        ],
        {
            "framework": framework.pk,
            "number": 1,
            "title": "Hercertificering Register Jobcoach",
            "case_start_within_months": 24,
            "case_min_running_months": 6,
            "upload_max_mb": 10,
            "assessment_days": 28,
            "additions_days": 42,
            "reminder_days": 5,
            "assessor_count": 1,
            "has_interview": "",
            "recertification_window_months": 12,
        },
    )
    _content(version)
    services.record_office_provenance(version=version, actor=actor)
    return services.publish_version(version=version, actor=actor)
