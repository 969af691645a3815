"""The sealed half of the scoring page: the candidate's answers as sealed at submission,
rendered once per snapshot fingerprint and kept in the shared cache
(`portal.kept.kept_shared`: the last few in the web process too).

The scoring page is some 140 KiB, most of it the candidate's texts (≈ 6,000 words over 22
criteria); they were read and rendered on every request. What an assessor scores is the
round's snapshot (`portfolio.Snapshot`), which never changes once sealed, so its rendering
is kept under a content address: the snapshot's SHA-256 (its content), the framework
version's content key (the product questions' wording), the language, and a digest of this
module and its template (a deployment that changes either renders afresh). A kept
rendering therefore cannot go stale; it only expires. Nothing in it depends on who looks:
the score forms, which do, are rendered around it on every request (score.html).
"""

import hashlib
from dataclasses import dataclass

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from portal.kept import kept_shared
from portal.queries import one_row
from portal.release import release
from portfolio.models import Portfolio, Snapshot
from portfolio.selectors import PrivacyOverride, override_of
from profiles.enums import AnswerKind
from profiles.selectors import content_stamp

TEMPLATE = "assessment/_sealed_answer.html"
# Kept a day: an assessor scores a portfolio over some sittings; a rendering costs about
# 10 ms when it has expired. Sealed content never changes, so a longer time is no risk.
SEALED_SECONDS = 24 * 3600


@dataclass(frozen=True)
class SealedRound:
    """The snapshot of a review's round without its content: what addresses the kept
    rendering, and the privacy warnings the candidate overrode when sealing it."""

    pk: int
    sha256: str
    privacy_override: PrivacyOverride | None


def sealed_round(portfolio: Portfolio, round_: int) -> SealedRound | None:
    """One query, without the sealed texts. None when the round has no snapshot (a
    review exists only after a submission sealed one, `submit_portfolio`)."""
    snapshot = one_row(_round_snapshot, portfolio.pk, round_)
    if snapshot is None:
        return None
    return SealedRound(snapshot.pk, snapshot.sha256, override_of(snapshot))


def _round_snapshot(portfolio_id: int, round_: int):
    return (
        Snapshot.objects.filter(portfolio_id=portfolio_id, round=round_)
        .only("portfolio", "sha256", "round", "privacy_override_at", "privacy_findings")
        .order_by()  # one per portfolio and round: not the model's ordering (a join)
    )


def cache_key(sha256: str, version) -> str:
    """The content address of a rendering (`version` from `version_with_content()`)."""
    stamp = hashlib.sha256(content_stamp(version).encode()).hexdigest()[:16]
    return f"sealed-answers:{release()}:{sha256}:{stamp}:{get_language()}"


def sealed_answers(sealed: SealedRound | None, version) -> dict[int, SafeString]:
    """Each criterion's answer block of the version, by criterion id, as sealed in
    `sealed`: from the shared cache, else rendered from the snapshot and kept. Without a
    snapshot every answer shows as missing (nothing unsealed is shown to an assessor)."""
    if sealed is None:
        return render_answers({}, version)

    def render() -> dict[int, str]:
        content = Snapshot.objects.filter(pk=sealed.pk).values_list("content", flat=True).get()
        return {pk: str(html) for pk, html in render_answers(content, version).items()}

    kept = kept_shared(cache_key(sealed.sha256, version), render, SEALED_SECONDS)
    return {pk: mark_safe(html) for pk, html in kept.items()}  # noqa: S308 (rendered above)


def sealed_texts(content: dict) -> dict[tuple[str, str], str]:
    """The answer texts of snapshot content by (section code, entry code)."""
    return {
        (section["code"], entry["code"]): entry.get("text") or ""
        for section in content.get("sections", [])
        for entry in section.get("entries", [])
        if entry.get("kind") == "answer"
    }


def render_answers(content: dict, version) -> dict[int, SafeString]:
    """Each criterion's answer block, rendered from snapshot `content` (uncached)."""
    texts = sealed_texts(content)
    template = get_template(TEMPLATE)
    rendered = {}
    for section in version.sections.all():
        for criterion in section.criteria.all():
            product = criterion.answer_kind == AnswerKind.PRODUCT
            answers = [
                (question, texts.get((section.code, f"{criterion.code}.{question.number}"), ""))
                for question in (criterion.product_questions.all() if product else ())
            ]
            rendered[criterion.pk] = template.render(
                {
                    "product": product,
                    "answers": answers,
                    "text": texts.get((section.code, criterion.code), ""),
                }
            )
    return rendered
