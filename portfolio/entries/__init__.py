"""The portfolio's entries: one walk over the framework tree.

A portfolio is its framework version's tree filled in: per section the education
requirements and the choice of routes (A), declarations (B1, E), questions (B), criteria
(C, D) and the numbered questions of a professional product. `walk(version)` goes through
that tree once, in portfolio order, and gives every item as an `Entry`: its section, the
item, its slot (the answer target) and its code. The sealed snapshot, the progress, the
preview, the privacy scan and the section page are all made from this walk; what each kind
adds to them is said in one place, its `EntryKind` in `portfolio.entries.kinds.KINDS`.
"""

from collections.abc import Iterator

from portfolio.entries import kinds
from portfolio.entries.base import (
    ANSWER_TARGETS,
    Entry,
    EntryKind,
    TextBox,
    answer_lookup,
    answer_slot,
    code,
    section_code,
    slot,
    target_for_slot,
    target_name,
)

__all__ = [
    "ANSWER_TARGETS",
    "Entry",
    "EntryKind",
    "TextBox",
    "answer_lookup",
    "answer_slot",
    "code",
    "section_code",
    "section_entries",
    "slot",
    "target_for_slot",
    "target_name",
    "walk",
]


def _tree(kind: EntryKind, section, parent) -> Iterator[Entry]:
    for item in kind.items(parent):
        children = tuple(e for child in kind.children for e in _tree(child, section, item))
        yield Entry(kind=kind, section=section, item=item, children=children)


def _flat(entries) -> Iterator[Entry]:
    for entry in entries:
        yield entry
        yield from _flat(entry.children)


def section_entries(section) -> list[Entry]:
    """Every entry of one section, in portfolio order (a parent before its children)."""
    return list(_flat(e for kind in kinds.KINDS for e in _tree(kind, section, section)))


_KEPT = "_portfolio_entries"  # where a kept framework tree keeps its walk


def walk(version) -> Iterator[tuple[object, tuple[Entry, ...]]]:
    """(section, its entries) for every section of the version, in portfolio order.

    `version` comes from `profiles.selectors.version_with_content()` (everything
    prefetched): the walk makes no query. That tree is frozen and kept by the process
    (a change to the framework makes a new one), so the walk is made once and kept with
    it: every portfolio page walks two or three times.
    """
    kept = version.__dict__.get(_KEPT)
    if kept is None:
        kept = tuple(
            (section, tuple(section_entries(section))) for section in version.sections.all()
        )
        if getattr(version, "content_key", None):
            version.__dict__[_KEPT] = kept
    return iter(kept)
