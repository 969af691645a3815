"""A new framework version the way the office makes one: copy the published version to a
draft, edit the draft, publish it (profiles.services)."""

from profiles.models import FrameworkVersion
from profiles.services import copy_version_to_draft, publish_version


def publish_edited_copy(version: FrameworkVersion, *, actor, edit) -> FrameworkVersion:
    """Copy `version` to a draft, call `edit(draft)` and publish the draft."""
    draft = copy_version_to_draft(version=version, actor=actor)
    edit(draft)
    return publish_version(version=draft, actor=actor)


def requirement(version: FrameworkVersion, level: str, number: int):
    return version.sections.get(code="A").education_requirements.get(level=level, number=number)


def section_form(section) -> dict:
    """The admin change form of a section with no inline rows changed."""
    data = {
        "version": section.version_id,
        "code": section.code,
        "title": section.title,
        "summary": section.summary,
        "intro": section.intro,
        "counts_for_assessment": "on" if section.counts_for_assessment else "",
        "order": section.order,
    }
    for prefix, related in [
        ("education_requirements", section.education_requirements.all()),
        ("declarations", section.declarations.all()),
        ("questions", section.questions.all()),
        ("criteria", section.criteria.all()),
    ]:
        rows = list(related)
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-section"] = section.pk
            for field in row._meta.fields:
                if field.name not in {"id", "section"}:
                    value = getattr(row, field.attname)
                    if isinstance(value, bool):
                        value = "on" if value else ""
                    data[f"{prefix}-{i}-{field.name}"] = "" if value is None else value
    return data


def restate_case(version: FrameworkVersion, old: str, new: str) -> None:
    """Replace `old` by `new` in the version's section and question texts: a new number
    for the case's window comes with its text (profiles.stated_numbers)."""
    for section in version.sections.all():
        section.summary, section.intro = (
            t.replace(old, new) for t in (section.summary, section.intro)
        )
        section.save(update_fields=["summary", "intro"])
        for question in section.questions.all():
            question.text = question.text.replace(old, new)
            question.guidance = question.guidance.replace(old, new)
            question.save(update_fields=["text", "guidance"])


def restate_route(route, old: str, new: str) -> None:
    """Replace `old` by `new` in one route's texts and conditions: a new document age or
    number of study hours comes with its text (profiles.stated_numbers)."""
    route.criterion = route.criterion.replace(old, new)
    route.deliverables = route.deliverables.replace(old, new)
    route.save(update_fields=["criterion", "deliverables"])
    for condition in route.conditions.all():
        condition.text = condition.text.replace(old, new)
        condition.save(update_fields=["text"])
