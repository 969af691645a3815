"""The assessor's workbench: the scoring page's index of the items to score, with the
state of each score and the running count ("12 van 31 gescoord").

Built from what is scored (`selectors.review_items`) and the scores saved so far, nothing
else: the scoring page prints it beside the items (`assessment/_score_index.html`), and
every autosave answers with the count and the saved item's entry, swapped into the page
out of band (`assessment/_saved.html`), so the index follows without a reload. Any page
that scores the same items (a calibration, say) can print the same index.
"""

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from assessment import selectors
from assessment.selectors import ReviewItems, is_scored

LABEL_CHARS = 60  # an index entry's label; the item itself shows the whole text


@dataclass(frozen=True)
class IndexEntry:
    """One item in the index. `target` ("criterion-12") is the item's anchor on the page
    and the stem of its score form's ids (`presenters.ScoreField.target`)."""

    target: str
    code: str
    label: str
    done: bool  # scored as submitting requires (`selectors.is_scored`)
    started: bool  # saved, but not yet complete (a score without its motivation)


@dataclass(frozen=True)
class IndexGroup:
    title: str
    entries: list[IndexEntry]


@dataclass(frozen=True)
class ScoreIndex:
    groups: list[IndexGroup]

    @property
    def entries(self) -> list[IndexEntry]:
        return [entry for group in self.groups for entry in group.entries]

    @property
    def done(self) -> int:
        return sum(entry.done for entry in self.entries)

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    def entry(self, target: str) -> IndexEntry | None:
        return next((e for e in self.entries if e.target == target), None)


def _entry(kind: str, pk: int, code: str, label: str, score) -> IndexEntry:
    done = is_scored(kind, score)
    return IndexEntry(
        target=f"{kind}-{pk}",
        code=code,
        label=Truncator(label).chars(LABEL_CHARS),
        done=done,
        started=score is not None and not done,
    )


def score_index(items: ReviewItems, scores: dict, sections) -> ScoreIndex:
    """The index of `items` in page order: the formal checks (the routes' conditions and
    the declarations), then the criteria grouped by their section (of `sections`, the
    version's, in order). `scores` as `selectors.scores_by_target` gives them."""
    formal = [
        _entry("condition", c.pk, route.code, c.text, scores.get(("condition", c.pk)))
        for route, c in items.formal_conditions
    ] + [
        _entry("declaration", d.pk, d.code, d.statement, scores.get(("declaration", d.pk)))
        for d in items.formal_declarations
    ]
    groups = [IndexGroup(_("Formele toets"), formal)] if formal else []
    by_section: dict[int, list[IndexEntry]] = {}
    for c in items.criteria:
        by_section.setdefault(c.section_id, []).append(
            _entry("criterion", c.pk, c.code, c.title, scores.get(("criterion", c.pk)))
        )
    groups += [
        IndexGroup(str(section), by_section[section.pk])
        for section in sections
        if section.pk in by_section
    ]
    return ScoreIndex(groups)


def after_save(assignment, target: str) -> dict:
    """What an autosave answers besides "Opgeslagen" (`assessment/_saved.html`): the
    running count, the saved item's index entry and what is still to do, read afresh.
    `assignment` from `selectors.assignment_for_assessor` (its version's tree is found by
    what was read with it). One query: the scores with their assessment
    (`selectors.own_scores`)."""
    review = assignment.review
    version = selectors.assignment_version(assignment)
    items = selectors.review_items(review, version, assignment)
    _assessment, scores = selectors.own_scores(assignment)
    index = score_index(items, scores, version.sections.all())
    return {
        "index": index,
        "entry": index.entry(target),
        "missing": selectors.missing_scores(items, scores),
    }
