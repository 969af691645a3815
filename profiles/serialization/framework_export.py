"""A framework version to a document (`fixtures/README.md`)."""

from datetime import date

from django.db.models import Prefetch

from profiles.models import (
    Criterion,
    Declaration,
    EducationRequirement,
    FrameworkVersion,
    ProfileItem,
    Section,
)
from profiles.provenance import export_provenance
from profiles.serialization.document import FRAMEWORK_FORMAT
from profiles.serialization.office_settings import export_settings


def framework_version_queryset():
    """Everything an export or a framework page needs, in a fixed number of queries."""
    return FrameworkVersion.objects.select_related("framework").prefetch_related(
        "score_options",
        "value_sources",
        Prefetch(
            "sections",
            queryset=Section.objects.prefetch_related(
                Prefetch(
                    "education_requirements",
                    queryset=EducationRequirement.objects.prefetch_related(
                        "conditions", "exempt_sections"
                    ),
                ),
                Prefetch(
                    "declarations", queryset=Declaration.objects.prefetch_related("conditions")
                ),
                "questions",
                Prefetch(
                    "criteria",
                    queryset=Criterion.objects.prefetch_related(
                        "indicators",
                        "product_questions",
                        Prefetch(
                            "related_items",
                            queryset=ProfileItem.objects.select_related("profile").order_by(
                                "profile__order", "profile__slug", "order", "pk"
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


def export_framework_version(version: FrameworkVersion) -> dict:
    version = framework_version_queryset().get(pk=version.pk)
    framework = version.framework
    return {
        "format": FRAMEWORK_FORMAT,
        "framework": {
            "slug": framework.slug,
            "name": framework.name,
            "description": framework.description,
            **({"kind": framework.kind} if framework.is_recertification else {}),
        },
        "version": {
            "number": version.number,
            "title": version.title,
            "intro": version.intro,
            "case_start_within_months": version.case_start_within_months,
            "case_min_running_months": version.case_min_running_months,
            "upload_max_mb": version.upload_max_mb,
            "assessment_days": version.assessment_days,
            "additions_days": version.additions_days,
            "assessor_count": version.assessor_count,
            "has_interview": version.has_interview,
            **_window(version),
            "reminder_days": version.reminder_days,
            "score_options": [
                {
                    "code": o.code,
                    "label": o.label,
                    "counts_as_met": o.counts_as_met,
                    "refers_to_interview": o.refers_to_interview,
                }
                for o in version.score_options.all()
            ],
            "sections": [_export_section(s) for s in version.sections.all()],
            **export_settings(version),
        },
        "provenance": export_provenance(version),
    }


def _window(version: FrameworkVersion) -> dict:
    """A recertification's window (left out where there is none, as in the fixture)."""
    months = version.recertification_window_months
    return {} if months is None else {"recertification_window_months": months}


def _export_section(section: Section) -> dict:
    return {
        "code": section.code,
        "title": section.title,
        "summary": section.summary,
        "intro": section.intro,
        "counts_for_assessment": section.counts_for_assessment,
        "education_requirements": [
            _export_requirement(r) for r in section.education_requirements.all()
        ],
        "declarations": [
            {
                "code": d.code,
                "criterion": d.criterion,
                "statement": d.statement,
                "min_years": d.min_years,
                "min_hours": d.min_hours,
                "years_label": d.years_label,
                "hours_label": d.hours_label,
                "conditions": [c.text for c in d.conditions.all()],
            }
            for d in section.declarations.all()
        ],
        "questions": [
            {
                "code": q.code,
                "text": q.text,
                "guidance": q.guidance,
                "answer_kind": q.answer_kind,
                "word_guide": q.word_guide,
                **({"shows_previous": q.shows_previous} if q.shows_previous else {}),
            }
            for q in section.questions.all()
        ],
        "criteria": [_export_criterion(c) for c in section.criteria.all()],
    }


def _export_requirement(r: EducationRequirement) -> dict:
    return {
        "level": r.level,
        "number": r.number,
        "criterion": r.criterion,
        "deliverables": r.deliverables,
        "conditions": [c.text for c in r.conditions.all()],
        "exemption_note": r.exemption_note,
        "exempt_sections": [s.code for s in sorted(r.exempt_sections.all(), key=lambda s: s.order)],
        "waives_interview": r.waives_interview,
        "max_document_age_months": r.max_document_age_months,
        "min_study_hours": r.min_study_hours,
        **_export_eligibility(r),
    }


def _export_criterion(c: Criterion) -> dict:
    return {
        "number": c.number,
        "title": c.title,
        "description": c.description,
        "guidance": c.guidance,
        "answer_kind": c.answer_kind,
        "word_guide": c.word_guide,
        "product_name": c.product_name,
        "indicators": [i.text for i in c.main_indicators],
        "examples": [i.text for i in c.examples],
        "product_questions": [q.text for q in c.product_questions.all()],
        "related_items": [
            {"profile": item.profile.slug, "code": item.code} for item in c.related_items.all()
        ],
    }


def _export_eligibility(requirement: EducationRequirement) -> dict:
    """A route's document-age severity and diploma window (dates as ISO strings)."""
    return {
        "document_age_severity": requirement.document_age_severity,
        "accepted_providers": list(requirement.accepted_providers),
        "diploma_earliest": _iso_or_none(requirement.diploma_earliest),
        "diploma_latest": _iso_or_none(requirement.diploma_latest),
    }


def _iso_or_none(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
