"""The portfolio's entries: one walk over the framework tree makes the snapshot, the
progress, the preview and the privacy scan, so a new kind of content is added in one place
(`portfolio.entries.kinds.KINDS`) and shows up in all four."""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from portfolio import entries, selectors
from portfolio.entries import kinds
from portfolio.entries.base import EntryKind, TextBox
from portfolio.models import Portfolio
from portfolio.progress import Missing
from portfolio.services import build_snapshot_content
from profiles.models import Criterion, ProductQuestion, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(complete_portfolio):
    """The complete portfolio as a page reads it (routes and diploma included)."""
    return Portfolio.objects.get(pk=complete_portfolio.pk)


NOTE_TEXT = "Een notitie over de cliënt, BSN 123456782."


@dataclass(frozen=True)
class Note:
    """A made-up kind of framework item: one reflection note per section."""

    code: str
    pk: int


class NoteKind(EntryKind):
    """Declared here and nowhere else: no walk, no consumer knows of it."""

    name = "note"

    def items(self, parent):
        return [Note(code=f"{parent.code}.N", pk=parent.pk)]

    def snapshot(self, content, entry):
        return [{"kind": "note", "code": entry.code, "text": NOTE_TEXT}]

    def progress(self, content, entry, progress):
        progress.total += 1
        progress.missing.append(Missing(f"Schrijf notitie {entry.code}.", entry.slot))

    def preview(self, content, entry):
        return {"title": f"{entry.code} Notitie", "text": NOTE_TEXT}

    def text(self, content, entry):
        return TextBox(label="Notitie", answer=SimpleNamespace(text=NOTE_TEXT))


def test_a_new_kind_of_entry_added_in_one_place_is_in_all_four_views(filled, monkeypatch):
    monkeypatch.setattr(kinds, "KINDS", [*kinds.KINDS, NoteKind()])
    content = selectors.portfolio_content(filled)
    codes = [f"{s.code}.N" for s in content.version.sections.all()]

    sealed = build_snapshot_content(content)
    assert [
        e["code"] for s in sealed["sections"] for e in s["entries"] if e["kind"] == "note"
    ] == codes

    progress = selectors.portfolio_progress(content)
    assert [m.text for _s, m in progress.missing if m.anchor.startswith("note-")] == [
        f"Schrijf notitie {code}." for code in codes
    ]
    assert not progress.complete

    preview = selectors.preview_context(content)
    assert [
        b["title"]
        for s in preview["sections"]
        for b in s["blocks"]
        if b["title"].endswith("Notitie")
    ] == [f"{code} Notitie" for code in codes]

    found = selectors.privacy_findings(content, fresh=True)
    assert [
        (f.field, f.anchor, [x.kind for x in f.findings]) for f in found if f.label == "Notitie"
    ] == [
        (code, f"input-note-{s.pk}", ["bsn"])
        for code, s in zip(codes, content.version.sections.all(), strict=True)
    ]


def test_without_the_new_kind_none_of_the_four_views_has_it(filled):
    content = selectors.portfolio_content(filled)
    sealed = build_snapshot_content(content)
    assert all(e["kind"] != "note" for s in sealed["sections"] for e in s["entries"])
    assert selectors.portfolio_progress(content).complete


def test_snapshot_codes_are_the_privacy_codes_and_the_answer_slots(filled):
    """Every text a submission seals is named by the same code in the snapshot and in the
    privacy warnings; every answer target has one slot and one code."""
    content = selectors.portfolio_content(filled)
    sealed = build_snapshot_content(content)
    sealed_answers = [
        e["code"]
        for s in sealed["sections"]
        for e in s["entries"]
        if e["kind"] == "answer" and e["text"]
    ]
    text_entries = [
        entry
        for _section, section_entries in entries.walk(content.version)
        for entry in section_entries
        if (box := entry.kind.text(content, entry)) and box.answer is not None and box.answer.text
    ]
    assert [e.code for e in text_entries] == sealed_answers
    product = next(e for e in text_entries if isinstance(e.item, ProductQuestion))
    assert product.code == f"{product.item.criterion.code}.{product.item.number}"
    for entry in text_entries:
        assert entry.slot == entries.slot(entry.item)
        assert entry.slot.split("-")[0] == entries.target_name(entry.item)
        assert (
            entries.target_for_slot(entry.slot, version_id=filled.framework_version_id)
            == entry.item
        )


def test_the_answer_target_dispatch_names_every_target_once(seeded_version):
    question = Question.objects.filter(section__version=seeded_version).first()
    criterion = Criterion.objects.filter(section__version=seeded_version).first()
    part = ProductQuestion.objects.filter(criterion__section__version=seeded_version).first()
    assert [entries.answer_lookup(t) for t in (question, criterion, part)] == [
        {"question": question},
        {"criterion": criterion},
        {"product_question": part},
    ]
    assert entries.target_for_slot(f"question-{question.pk}", version_id=-1) is None
    assert (
        entries.target_for_slot(f"declaration-{question.pk}", version_id=seeded_version.pk) is None
    )
    with pytest.raises(TypeError):
        entries.target_name(seeded_version)
