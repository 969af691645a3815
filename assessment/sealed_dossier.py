"""The portfolio on the office's dossier page as it was sealed, never the live rows.

What the office decides on is the round's snapshot (`portfolio.Snapshot`): the texts,
signatures, statements and document fingerprints the candidate submitted. The candidate
may edit the live portfolio afterwards (when additions are asked); those edits must not
appear where the office decides. So the dossier reads the sealed content, labelled with
its framework version's items (their codes and titles), and links a sealed document only
to a stored file with the same SHA-256 fingerprint.
"""

from dataclasses import dataclass, field
from datetime import date

from portfolio import entries
from portfolio.models import Document, Snapshot


@dataclass
class SealedBlock:
    """One item of the portfolio as sealed: its code and title, and what was sealed."""

    code: str
    title: str
    answers: list[dict] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)
    diplomas: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.answers or self.signatures or self.diplomas or self.documents)


@dataclass
class SealedSection:
    code: str
    title: str
    blocks: list[SealedBlock]


@dataclass(frozen=True)
class SealedPortfolio:
    snapshot: Snapshot | None
    routes: dict
    sections: list[SealedSection]
    documents: list[dict]

    @property
    def is_sealed(self) -> bool:
        return self.snapshot is not None


def _title(item) -> str:
    for name in ("title", "statement", "text", "criterion"):
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return ""


def _dated(entry: dict, *names: str) -> dict:
    """A sealed entry with its ISO dates as dates (for the template's date filter)."""
    return {
        **entry,
        **{n: date.fromisoformat(entry[n]) for n in names if entry.get(n)},
    }


def _block(entry, sealed: list[dict], files: dict[str, Document]) -> SealedBlock:
    block = SealedBlock(code=entry.code, title=_title(entry.item))
    for item in sealed:
        kind = item.get("kind")
        if kind == "answer":
            block.answers.append(_dated(item, "date"))
        elif kind == "signature":
            block.signatures.append(_dated(item, "signed_on"))
        elif kind == "diploma":
            block.diplomas.append(_dated(item, "date"))
        elif kind == "document":
            block.documents.append(
                {**_dated(item, "document_date"), "stored": files.get(item.get("sha256"))}
            )
    return block


def _blocks(section_code: str, section_entries, by_code: dict, files: dict) -> list[SealedBlock]:
    """The section's items that hold something sealed; a product's criterion heads its
    sealed questions even without a text of its own."""
    blocks = [
        (entry, _block(entry, by_code.get((section_code, entry.code), []), files))
        for entry in section_entries
    ]
    return [block for entry, block in blocks if entry.children or not block.is_empty]


def sealed_portfolio(review, version) -> SealedPortfolio:
    """The review's round as sealed, laid out on `version` (`version_with_content()`).
    Two queries: the snapshot and the stored files its documents name."""
    snapshot = review.portfolio.snapshots.filter(round=review.round).first()
    if snapshot is None:
        return SealedPortfolio(None, {}, [], [])
    content = snapshot.content
    by_code: dict[tuple[str, str], list[dict]] = {}
    for section in content.get("sections", []):
        for item in section.get("entries", []):
            by_code.setdefault((section["code"], item.get("code", "")), []).append(item)
    fingerprints = {
        item["sha256"] for items in by_code.values() for item in items if item.get("sha256")
    }
    files = {
        d.sha256: d
        for d in Document.objects.filter(portfolio=review.portfolio, sha256__in=fingerprints)
    }
    sections = [
        SealedSection(
            code=section.code,
            title=section.title,
            blocks=_blocks(section.code, section_entries, by_code, files),
        )
        for section, section_entries in entries.walk(version)
    ]
    documents = [d for s in sections for b in s.blocks for d in b.documents]
    return SealedPortfolio(snapshot, content.get("routes", {}), sections, documents)
