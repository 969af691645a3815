"""The provenance of every value of a framework version: which values need a source, the
sources attached to the version's tree for the pages, and their export and import.

Each value (or group of values: a section's text, a route, a criterion) has a key. A
`ValueSource` with that key names the document and the place in it, or says that the
office set the value; an office note travels with it where the source contradicts
itself. `required_keys` lists the keys a version needs: every version-level number, the
score scale, the links to the profiles, every section text, route, declaration, question
and criterion, and every word guide (a number of its own). A more specific key refines a
value's source: `criterion:C1.2.guidance` is shown beside C1.2's guidance, and C1.2's
other texts fall back to `criterion:C1.2`.
"""

from collections.abc import Iterator
from typing import Any

from django.db import models as django_models
from django.utils.translation import gettext as _

from profiles.enums import ProvenanceKind
from profiles.models import FrameworkVersion, ValueSource

VERSION = "version"
# The version-level values that are not numbers of a route, a declaration or a question.
VERSION_TEXT = "text"  # title and introduction (and the framework's name)
SCALE = "score_options"
LINKS = "related_items"  # Criterion.related_items: criteria to competency-profile items
# FrameworkVersion's integer fields that identify rather than set something.
NOT_A_SETTING = frozenset({"number", "id"})


class InvalidProvenance(ValueError):
    """A provenance entry of a document is malformed; the message says which."""


class Sources(dict):
    """The sources of one object's values, by aspect ("intro", "word_guide", …); an
    aspect without an entry of its own has the object's main source ("main")."""

    def __missing__(self, aspect: str):
        return dict.get(self, "main")


def version_settings() -> list[str]:
    """The names of the version's number settings (every integer field but its number):
    a number added to the model later needs a source too."""
    return [
        field.name
        for field in FrameworkVersion._meta.concrete_fields
        if isinstance(field, django_models.IntegerField)
        and not field.is_relation
        and field.name not in NOT_A_SETTING
    ]


def _objects(version) -> Iterator[tuple[str, Any]]:
    """(base key, object) of every object of the (prefetched) version that has values."""
    yield VERSION, version
    for section in version.sections.all():
        yield f"section:{section.code}", section
        for requirement in section.education_requirements.all():
            yield f"requirement:{requirement.code}", requirement
        for declaration in section.declarations.all():
            yield f"declaration:{declaration.code}", declaration
        for question in section.questions.all():
            yield f"question:{question.code}", question
        for criterion in section.criteria.all():
            yield f"criterion:{criterion.code}", criterion


def required_keys(version) -> list[str]:
    """Every key the (prefetched) version needs a source for, in display order."""
    keys = [f"{VERSION}.{VERSION_TEXT}"]
    # A setting left empty (a recertification window of an initial framework) is no value.
    keys += [
        f"{VERSION}.{name}" for name in version_settings() if getattr(version, name) is not None
    ]
    keys.append(f"{VERSION}.{SCALE}")
    if any(c.related_items.all() for s in version.sections.all() for c in s.criteria.all()):
        keys.append(f"{VERSION}.{LINKS}")
    for base, obj in _objects(version):
        if base.startswith("section:"):
            keys.append(f"{base}.summary")  # title, summary (Deel II), counts for assessment
            if obj.intro:
                keys.append(f"{base}.intro")  # the Deel III text
        elif base != VERSION:
            keys.append(base)
            if getattr(obj, "word_guide", None) is not None:
                keys.append(f"{base}.word_guide")
    return keys


def check(version) -> dict[str, list[str]]:
    """What the (prefetched) version lacks ("missing": keys without a source) and what it
    has in excess ("unknown": keys naming no value of the version)."""
    present = [s.key for s in version.value_sources.all()]
    required = required_keys(version)
    bases = tuple(f"{base}." for base, _obj in _objects(version))
    return {
        "missing": [key for key in required if key not in set(present)],
        "unknown": [
            key for key in present if key not in set(required) and not key.startswith(bases)
        ],
    }


def attach_sources(version) -> None:
    """Give every object of the (prefetched) version its `sources` (a `Sources`), so that
    templates show them without a query: `section.sources.intro`,
    `criterion.sources.guidance`, `version.sources.assessment_days`. One query."""
    entries = list(version.value_sources.all())
    by_key = {entry.key: entry for entry in entries}
    for base, obj in _objects(version):
        prefix = f"{base}."
        sources = Sources(
            {key[len(prefix) :]: entry for key, entry in by_key.items() if key.startswith(prefix)}
        )
        if base in by_key:
            sources["main"] = by_key[base]
        if base.startswith("criterion:") and f"{VERSION}.{LINKS}" in by_key:
            # The links of every criterion have the version's source, unless it has its own.
            sources.setdefault(LINKS, by_key[f"{VERSION}.{LINKS}"])
        obj.sources = sources


# --- export and import (the document's top-level "provenance" list) ------------------------


def export_provenance(version) -> list[dict]:
    return [
        {
            "key": entry.key,
            "kind": entry.kind,
            "document": entry.document,
            "location": entry.location,
            "note": entry.note,
        }
        for entry in version.value_sources.all()
    ]


def import_provenance(version, entries: Any) -> None:
    """Create the version's sources from a document's "provenance" list (absent: none)."""
    if not isinstance(entries, list):
        raise InvalidProvenance(_("provenance: een lijst verwacht."))
    rows, seen = [], set()
    for order, entry in enumerate(entries):
        where = f"provenance[{order}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
            raise InvalidProvenance(_("%(where)s: 'key' ontbreekt.") % {"where": where})
        kind = entry.get("kind", ProvenanceKind.SOURCE)
        if kind not in ProvenanceKind.values:
            raise InvalidProvenance(
                _("%(where)s: onbekende herkomst '%(kind)s'.") % {"where": where, "kind": kind}
            )
        if entry["key"] in seen:
            raise InvalidProvenance(
                _("%(where)s: '%(key)s' staat er twee keer in.")
                % {"where": where, "key": entry["key"]}
            )
        seen.add(entry["key"])
        rows.append(
            ValueSource(
                version=version,
                key=entry["key"],
                kind=kind,
                document=entry.get("document", "") or "",
                location=entry.get("location", "") or "",
                note=entry.get("note", "") or "",
                order=order,
            )
        )
    ValueSource.objects.bulk_create(rows)
