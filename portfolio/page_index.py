"""The task page's index ("Op deze pagina"): one link per item of the section — its
declarations, questions and criteria, a product's numbered questions under their
criterion — with the item's code, a short title and where it stands.

Where an item stands is the progress's answer (`SectionProgress.states`, counted by each
entry's kind), never decided here. The index lists exactly the items the progress gave a
state, so the autosave can swap the states of the saved section in out of band
(`fragments.index_states_html`) and find every one of them on the page.
"""

from dataclasses import dataclass

from django.utils.text import Truncator

from portfolio.enums import EntryState

TITLE_CHARS = 60  # an entry's title; the item itself shows the whole text


@dataclass(frozen=True)
class IndexEntry:
    anchor: str  # the item's id on the page: its slot ("criterion-12")
    code: str
    title: str
    state: EntryState
    parts: tuple["IndexEntry", ...] = ()  # a product's numbered questions


def _entry(entry, states: dict) -> IndexEntry:
    return IndexEntry(
        anchor=entry.slot,
        code=entry.code,
        title=Truncator(entry.title).chars(TITLE_CHARS),
        state=states[entry.slot],
        parts=tuple(_entry(child, states) for child in entry.children if child.slot in states),
    )


def page_index(walked, section_progress) -> list[IndexEntry]:
    """The index of one section page. `walked`: the section's entries as `entries.walk`
    gives them (a parent, then its children); `section_progress`: its SectionProgress."""
    states = section_progress.states
    children = {child.slot for entry in walked for child in entry.children}
    return [
        _entry(entry, states)
        for entry in walked
        if entry.slot in states and entry.slot not in children
    ]
