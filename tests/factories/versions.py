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
