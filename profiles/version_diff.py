"""What a draft framework version changes against the published one, for the office's
confirmation page before publishing (profiles.admin_confirm).

Both versions are read as their export documents (profiles.serialization), so every
value the export keeps is compared: the version's numbers and terms, the score options,
and per section its requirements, declarations, questions and criteria with their
conditions, indicators, examples and product questions. Items are matched by their code
(a criterion by its number); lists of texts (indicators, conditions) by their wording, so
an inserted indicator shows as one addition, not as every later one changed. Each change
says what (in Dutch, as the admin names it), the old and the new value as the office
reads them (ja/nee, 1.200, the label of a choice), and for a text the words that differ.
"""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import models as dj_models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from profiles import models
from profiles.enums import EducationLevel
from profiles.serialization import export_framework_version

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Part:
    """A run of words of a text; `marked` when it differs from the other version."""

    text: str
    marked: bool


@dataclass(frozen=True)
class Change:
    kind: str
    what: str  # "Criterium C1.2", "Indicator 3 van criterium C1.2"
    field: str = ""  # "titel"; empty when the whole item is added or removed
    old: str = ""
    new: str = ""

    @property
    def is_added(self) -> bool:
        return self.kind == ADDED

    @property
    def is_removed(self) -> bool:
        return self.kind == REMOVED

    @property
    def is_changed(self) -> bool:
        return self.kind == CHANGED

    @property
    def label(self) -> str:
        return {ADDED: _("toegevoegd"), REMOVED: _("verwijderd"), CHANGED: _("gewijzigd")}[
            self.kind
        ]

    @property
    def parts(self) -> tuple[list[Part], list[Part]]:
        """The old and the new text in runs of words, the differing ones marked."""
        return word_parts(self.old, self.new)

    @property
    def old_parts(self) -> list[Part]:
        return self.parts[0]

    @property
    def new_parts(self) -> list[Part]:
        return self.parts[1]


@dataclass
class Group:
    """The changes under one heading: the version, the scale, or one section."""

    title: str
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class Counts:
    added: int
    removed: int
    changed: int

    @property
    def total(self) -> int:
        return self.added + self.removed + self.changed


def counts(groups: list[Group]) -> Counts:
    changes = [c for g in groups for c in g.changes]
    return Counts(
        added=sum(c.is_added for c in changes),
        removed=sum(c.is_removed for c in changes),
        changed=sum(c.is_changed for c in changes),
    )


# --- values as the office reads them ----------------------------------------------------------


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a key of the export that is no model field
        return None


def _label(model, name: str) -> str:
    model_field = _field(model, name)
    return str(model_field.verbose_name) if model_field is not None else name


def show(model, name: str, value) -> str:
    """A value of the export in the office's words."""
    model_field = _field(model, name)
    if value is None or value in ("", []):
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    return _plain(model_field, value)


def _plain(model_field, value) -> str:
    if isinstance(model_field, dj_models.DateField) and isinstance(value, str):
        return formats.date_format(date.fromisoformat(value), "j F Y")
    if isinstance(value, list):
        return ", ".join(_item_text(v) for v in value)
    return str(value)


def _item_text(value) -> str:
    if isinstance(value, dict):  # a related profile item
        return f"{value.get('profile')}: {value.get('code')}"
    return str(value)


# --- comparing ----------------------------------------------------------------------------------


def _fields(what: str, model, old: dict, new: dict, names) -> list[Change]:
    return [
        Change(
            CHANGED,
            what,
            _label(model, name),
            show(model, name, old.get(name)),
            show(model, name, new.get(name)),
        )
        for name in names
        if old.get(name) != new.get(name)
    ]


def _texts(singular: str, owner: str, old: list[str], new: list[str]) -> list[Change]:
    """A list of texts (indicators, conditions) compared by wording."""
    changes = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)

    def what(index: int) -> str:
        return _("%(item)s %(number)d van %(owner)s") % {
            "item": singular,
            "number": index + 1,
            "owner": owner,
        }

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(paired):
            changes.append(Change(CHANGED, what(j1 + k), "", old[i1 + k], new[j1 + k]))
        changes.extend(Change(REMOVED, what(i), old=old[i]) for i in range(i1 + paired, i2))
        changes.extend(Change(ADDED, what(j), new=new[j]) for j in range(j1 + paired, j2))
    return changes


@dataclass(frozen=True)
class Kind:
    """One kind of item of the export: how it is keyed, named and summed up."""

    model: type
    key: object  # item dict -> key
    code: object  # item dict -> code shown
    summary: str  # the field that sums the item up when added or removed
    fields: tuple[str, ...]
    lists: tuple[tuple[str, str], ...] = ()  # (export key, singular Dutch name)

    def name(self, item: dict) -> str:
        return f"{capfirst(self.model._meta.verbose_name)} {self.code(item)}"


def _items(kind: Kind, old: list[dict], new: list[dict]) -> list[Change]:
    before = {kind.key(i): i for i in old}
    after = {kind.key(i): i for i in new}
    changes = []
    for key, item in after.items():
        if key not in before:
            changes.append(Change(ADDED, kind.name(item), new=str(item.get(kind.summary, ""))))
            continue
        what = kind.name(before[key])  # as the office knows it (a label may change)
        changes += _fields(what, kind.model, before[key], item, kind.fields)
        owner = what[0].lower() + what[1:]
        for name, singular in kind.lists:
            changes += _texts(singular, owner, before[key].get(name, []), item.get(name, []))
    changes += [
        Change(REMOVED, kind.name(item), old=str(item.get(kind.summary, "")))
        for key, item in before.items()
        if key not in after
    ]
    return changes


def _kinds() -> dict[str, Kind]:
    conditions = (("conditions", _("Randvoorwaarde")),)
    return {
        "education_requirements": Kind(
            models.EducationRequirement,
            key=lambda r: (r["level"], r["number"]),
            code=lambda r: f"{'A1' if r['level'] == EducationLevel.BASIC else 'A2'}.{r['number']}",
            summary="criterion",
            fields=(
                "criterion",
                "deliverables",
                "exemption_note",
                "exempt_sections",
                "waives_interview",
                "max_document_age_months",
                "document_age_severity",
                "accepted_providers",
                "diploma_earliest",
                "diploma_latest",
                "min_study_hours",
            ),
            lists=conditions,
        ),
        "declarations": Kind(
            models.Declaration,
            key=lambda d: d["code"],
            code=lambda d: d["code"],
            summary="statement",
            fields=(
                "criterion",
                "statement",
                "min_years",
                "min_hours",
                "years_label",
                "hours_label",
            ),
            lists=conditions,
        ),
        "questions": Kind(
            models.Question,
            key=lambda q: q["code"],
            code=lambda q: q["code"],
            summary="text",
            fields=("text", "guidance", "answer_kind", "word_guide"),
        ),
    }


def _criterion_kind(section_code: str) -> Kind:
    return Kind(
        models.Criterion,
        key=lambda c: c["number"],
        code=lambda c: f"{section_code}.{c['number']}",
        summary="title",
        fields=(
            "title",
            "description",
            "guidance",
            "answer_kind",
            "word_guide",
            "product_name",
            "related_items",
        ),
        lists=(
            ("indicators", _("Indicator")),
            ("examples", _("Voorbeeld")),
            ("product_questions", _("Vraag van het beroepsproduct")),
        ),
    )


SECTION_FIELDS = ("title", "summary", "intro", "counts_for_assessment")
VERSION_FIELDS = (
    "title",
    "intro",
    "case_start_within_months",
    "case_min_running_months",
    "upload_max_mb",
    "assessment_days",
    "additions_days",
    "reminder_days",
)


def _section(old: dict | None, new: dict | None) -> Group:
    shown = new or old
    group = Group(_("Onderdeel %(code)s. %(title)s") % shown)
    what = _("Onderdeel %(code)s") % {"code": shown["code"]}
    if old is None:
        group.changes.append(Change(ADDED, what, new=new["title"]))
        return group
    if new is None:
        group.changes.append(Change(REMOVED, what, old=old["title"]))
        return group
    group.changes += _fields(what, models.Section, old, new, SECTION_FIELDS)
    for name, kind in {**_kinds(), "criteria": _criterion_kind(new["code"])}.items():
        group.changes += _items(kind, old.get(name, []), new.get(name, []))
    return group


def _scale(old: list[dict], new: list[dict]) -> list[Change]:
    kind = Kind(
        models.ScoreOption,
        key=lambda o: o["code"],
        code=lambda o: f"‘{o['label']}’",
        summary="label",
        fields=("label", "counts_as_met", "refers_to_interview"),
    )
    return _items(kind, old, new)


def compare(published: dict, draft: dict) -> list[Group]:
    """The groups of changes from export `published` to export `draft`; only groups with
    a change, in the draft's order (removed sections last)."""
    old, new = published["version"], draft["version"]
    groups = [
        Group(
            _("De versie: titel, termijnen en getallen"),
            _fields(_("Versie"), models.FrameworkVersion, old, new, VERSION_FIELDS),
        ),
        Group(_("Beoordelingsschaal"), _scale(old["score_options"], new["score_options"])),
    ]
    before = {s["code"]: s for s in old["sections"]}
    after = {s["code"]: s for s in new["sections"]}
    groups += [_section(before.get(code), section) for code, section in after.items()]
    groups += [_section(section, None) for code, section in before.items() if code not in after]
    return [g for g in groups if g.changes]


def version_diff(published: models.FrameworkVersion, draft: models.FrameworkVersion):
    return compare(export_framework_version(published), export_framework_version(draft))


# --- words --------------------------------------------------------------------------------------

_WORDS = re.compile(r"\s+|[^\s]+")


def word_parts(old: str, new: str) -> tuple[list[Part], list[Part]]:
    """`old` and `new` in runs of words; the runs that differ are marked."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    old_parts, new_parts = [], []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        same = op == "equal"
        if i2 > i1:
            old_parts.append(Part("".join(a[i1:i2]), not same))
        if j2 > j1:
            new_parts.append(Part("".join(b[j1:j2]), not same))
    return old_parts, new_parts
