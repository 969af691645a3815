"""What every portfolio entry shares: its code, its answer slot, and the one dispatch from
an answer target (question, criterion, product question) to its Answer."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from portal import limits
from profiles.models import Criterion, ProductQuestion, Question

# The three kinds of framework item a candidate writes an Answer for, by the name of the
# Answer's foreign key — which is also the prefix of the slot ("criterion-12") that the
# section page, the autosave form and the privacy warnings use.
ANSWER_TARGETS = {"question": Question, "criterion": Criterion, "product_question": ProductQuestion}


def code(item) -> str:
    """The code an item is known by everywhere — the sealed snapshot, the privacy warnings,
    the data export: "B.3" (question), "C.1" (criterion), "C.4.2" (product question 2 of
    C.4), "A1.2" (route), "B1" (declaration)."""
    if isinstance(item, ProductQuestion):
        return f"{item.criterion.code}.{item.number}"
    return item.code


def target_name(target) -> str:
    """ "question", "criterion" or "product_question": the Answer field `target` fills."""
    for name, model in ANSWER_TARGETS.items():
        if isinstance(target, model):
            return name
    raise TypeError(target)


def slot(target) -> str:
    """The answer slot of a target: "criterion-12"."""
    return f"{target_name(target)}-{target.pk}"


def answer_lookup(target) -> dict:
    """The Answer lookup for a target: {"criterion": target}."""
    return {target_name(target): target}


def answer_slot(answer) -> tuple[str, int]:
    """The (target name, id) an Answer row belongs to."""
    for name in ANSWER_TARGETS:
        if target_id := getattr(answer, f"{name}_id"):
            return name, target_id
    raise ValueError(answer)


def target_for_slot(value: str, *, version_id: int):
    """The question, criterion or product question of the slot "criterion-12" in this
    framework version, or None (unknown, or of another version)."""
    name, _sep, raw_id = value.partition("-")
    model = ANSWER_TARGETS.get(name)
    if model is None:
        return None
    target = model.objects.filter(pk=limits.parse_id(raw_id)).first()
    if target is None or target.framework_version.pk != version_id:
        return None
    return target


def section_code(target) -> str:
    """The section code of a question, criterion, product question, route or declaration."""
    if hasattr(target, "section"):
        return target.section.code
    return target.criterion.section.code


@dataclass(frozen=True)
class Entry:
    """One item of the framework tree in a portfolio: its section, the item, its kind."""

    kind: "EntryKind"
    section: object
    item: object
    children: tuple["Entry", ...] = field(default=(), repr=False)

    @property
    def code(self) -> str:
        return code(self.item)

    @property
    def title(self) -> str:
        """What the item is, in short ("" for a kind without one)."""
        field_name = self.kind.title_field
        return getattr(self.item, field_name) if field_name else ""

    @property
    def slot(self) -> str:
        """The item's place on the section page ("question-12"); for a text entry also its
        answer slot, the autosave's target."""
        return self.kind.slot(self.item)


@dataclass(frozen=True)
class TextBox:
    """A text the candidate wrote for an entry: what the privacy scan reads."""

    label: str
    answer: object  # the Answer, or None


class EntryKind:
    """A kind of portfolio entry and everything it adds to the portfolio's views.

    `items(parent)` are its items under a section (or, for a child kind, under the parent
    entry's item). The rest default to "adds nothing"; a kind overrides what applies.
    """

    name = ""
    children: tuple["EntryKind", ...] = ()
    # The item's field that says in short what it is (the task page's index); "" for a kind
    # the index leaves out.
    title_field = ""

    def items(self, parent) -> Iterable:
        raise NotImplementedError

    def slot(self, item) -> str:
        return f"{self.name}-{item.pk}"

    def snapshot(self, content, entry: Entry) -> list[dict]:
        """What the sealed snapshot keeps of the entry."""
        return []

    def progress(self, content, entry: Entry, progress) -> None:
        """Count the entry in its section's progress (`progress.total`, `.done`, `.missing`)."""

    def preview(self, content, entry: Entry) -> dict | None:
        """The entry's block in the preview (and the PDF), or None."""
        return None

    def text(self, content, entry: Entry) -> TextBox | None:
        """The text the candidate wrote for it (for the privacy scan), or None."""
        return None
