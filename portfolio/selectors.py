"""Reads of portfolios: access-checked fetching, the content of a portfolio, and the views
made from it by one walk over its entries (progress, preview, privacy findings)."""

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from portal.queries import one_row, rows_where
from portfolio import entries, privacy
from portfolio.eligibility import compute_requirements
from portfolio.models import Answer, Document, Portfolio, Signature
from portfolio.progress import Progress, SectionProgress
from portfolio.rules import can_view_portfolio
from profiles.selectors import version_read, version_with_content, with_version_read


def portfolio_for_candidate(user, portfolio_id: int) -> Portfolio:
    """The candidate's own portfolio; the same 404 for "not yours" and "does not exist"."""
    portfolio = (
        Portfolio.objects.select_related(
            # The routes too: the preview names them (two queries fewer once chosen).
            "framework_version__framework",
            "candidate",
            "basic_route",
            "supplementary_route",
        )
        .filter(pk=portfolio_id, candidate_id=user.pk)
        .first()
    )
    if portfolio is None or not can_view_portfolio(user, portfolio):
        raise Http404
    return portfolio


def candidate_content(user, portfolio_id: int) -> "PortfolioContent":
    """The candidate's own portfolio with its content, for the pages that read it (the
    same 404 as `portfolio_for_candidate`). The version, its framework and the chosen
    routes are the kept framework tree's (`version_with_content`), the candidate is
    `user`: a narrow read of the portfolio instead of a join of six tables."""
    portfolio = one_row(_own_portfolio, portfolio_id, user.pk)
    if portfolio is None or not can_view_portfolio(user, portfolio):
        raise Http404
    version = version_read(portfolio, portfolio.framework_version_id)
    Portfolio.framework_version.field.set_cached_value(portfolio, version)
    Portfolio.candidate.field.set_cached_value(portfolio, user)
    requirements = {r.pk: r for s in version.sections.all() for r in s.education_requirements.all()}
    for route in (Portfolio.basic_route.field, Portfolio.supplementary_route.field):
        chosen = getattr(portfolio, route.attname)
        if chosen is None or chosen in requirements:
            route.set_cached_value(portfolio, requirements.get(chosen))
    return portfolio_content(portfolio, version)


def _own_portfolio(portfolio_id: int, candidate_id: int):
    # With what finds the version's kept tree (version_read): no query of its own.
    return with_version_read(Portfolio.objects.filter(pk=portfolio_id, candidate_id=candidate_id))


def active_portfolio(user) -> Portfolio | None:
    return (
        Portfolio.objects.select_related("framework_version__framework")
        .filter(candidate_id=user.pk)
        .order_by("-created_at")
        .first()
    )


@dataclass
class PortfolioContent:
    """Everything a portfolio page needs, loaded in a fixed number of queries."""

    portfolio: Portfolio
    version: object
    answers: dict  # {"question": {question id: Answer}, "criterion": {…}, …}
    documents_by_requirement: dict
    documents_by_question: dict
    signatures_by_declaration: dict
    # The previous certification's sealed answers (register.recertification), read once
    # by the first question that shows one.
    previous_texts: dict | None = None

    def answer(self, target) -> Answer | None:
        """The answer to a question, criterion or product question, or None."""
        return self.answers[entries.target_name(target)].get(target.pk)

    @property
    def answers_by_question(self) -> dict:
        return self.answers["question"]

    @property
    def answers_by_criterion(self) -> dict:
        return self.answers["criterion"]

    @property
    def answers_by_product_question(self) -> dict:
        return self.answers["product_question"]


def portfolio_content(portfolio: Portfolio, version=None, *, answers=True) -> PortfolioContent:
    """`version`, when the caller has it, must come from `version_with_content()`.
    `answers=False`: without the texts (the scoring page shows the sealed ones)."""
    if version is None:
        version = version_with_content(portfolio.framework_version_id)
    by_target = {name: {} for name in entries.ANSWER_TARGETS}
    for answer in rows_where(Answer, "portfolio_id", portfolio.pk) if answers else ():
        name, target_id = entries.answer_slot(answer)
        by_target[name][target_id] = answer
    docs_by_req, docs_by_q = {}, {}
    for document in rows_where(Document, "portfolio_id", portfolio.pk):
        if document.requirement_id:
            docs_by_req.setdefault(document.requirement_id, []).append(document)
        else:
            docs_by_q.setdefault(document.question_id, []).append(document)
    signatures = {s.declaration_id: s for s in rows_where(Signature, "portfolio_id", portfolio.pk)}
    return PortfolioContent(
        portfolio=portfolio,
        version=version,
        answers=by_target,
        documents_by_requirement=docs_by_req,
        documents_by_question=docs_by_q,
        signatures_by_declaration=signatures,
    )


def portfolio_progress(content: PortfolioContent) -> Progress:
    """Per section what is done and what is missing, for the chosen routes."""
    portfolio, version = content.portfolio, content.version
    requirements_by_pk = {
        r.pk: r for s in version.sections.all() for r in s.education_requirements.all()
    }
    requirements = compute_requirements(
        version=version,
        basic_route=requirements_by_pk.get(portfolio.basic_route_id),
        supplementary_route=requirements_by_pk.get(portfolio.supplementary_route_id),
    )
    result = []
    for section, section_entries in entries.walk(version):
        progress = SectionProgress(
            section=section, required=section.code in requirements.required_sections
        )
        for entry in section_entries:
            entry.kind.progress(content, entry, progress)
        result.append(progress)
    return Progress(sections=result, interview_required=requirements.interview_required)


def preview_context(content: PortfolioContent) -> dict:
    """The whole portfolio as one document (preview page and PDF)."""
    progress = portfolio_progress(content)
    required = {p.section.code for p in progress.sections if p.required}
    sections = [
        {
            "section": section,
            "exempt": section.code not in required,
            "blocks": [
                block
                for entry in section_entries
                if (block := entry.kind.preview(content, entry)) is not None
            ],
        }
        for section, section_entries in entries.walk(content.version)
    ]
    portfolio = content.portfolio
    return {
        "portfolio": portfolio,
        "version": content.version,
        "sections": sections,
        "progress": progress,
        # The fingerprint, not the sealed texts (tens of kilobytes of JSON).
        "snapshot": portfolio.snapshots.defer("content").order_by("-round").first(),
    }


# --- privacy guard ---------------------------------------------------------------------------


@dataclass
class FieldFindings:
    """The privacy findings in one text box."""

    section_code: str
    field: str
    label: str
    anchor: str  # the id of the text box on the section page
    findings: list[privacy.Finding]


def privacy_digest(content: PortfolioContent) -> str:
    """The digest of every privacy finding the submit page shows ("" when none): what a
    candidate's confirmation is bound to (services.submit_portfolio)."""
    findings = [f for field in privacy_findings(content) for f in field.findings]
    return privacy.digest(findings) if findings else ""


def privacy_findings(
    content: PortfolioContent, today: date | None = None, *, fresh: bool = False
) -> list[FieldFindings]:
    """Every privacy finding in the texts that a submission would seal, per text box in
    portfolio order (exempt sections too: what is written there is sealed as well).

    Pages read remembered scans (`privacy.scan_many`); `fresh=True` scans every text
    again, as submitting does for what it seals. The fields are named by the entries'
    codes, the same codes as in the sealed snapshot.
    """
    found = [
        (entry, box.label, box.answer.text)
        for _section, section_entries in entries.walk(content.version)
        for entry in section_entries
        if (box := entry.kind.text(content, entry)) and box.answer is not None and box.answer.text
    ]
    pairs = [(text, entry.code) for entry, _label, text in found]
    if fresh:
        scans = [privacy.scan(text, field=code, today=today) for text, code in pairs]
    else:
        scans = privacy.scan_many(pairs, today=today)
    return [
        FieldFindings(
            section_code=entry.section.code,
            field=entry.code,
            label=label,
            anchor=f"input-{entry.slot}",
            findings=findings,
        )
        for (entry, label, _text), findings in zip(found, scans, strict=True)
        if findings
    ]


@dataclass
class PrivacyOverride:
    """For the assessors: where the candidate submitted despite privacy warnings."""

    at: object
    round: int
    fields: list[dict]  # [{"field": "C.1", "kinds": [("BSN-nummer", 1), …]}, …]


def privacy_override(portfolio: Portfolio, *, round_: int) -> PrivacyOverride | None:
    """The override sealed with the snapshot of `round_`, or None when there was none."""
    snapshot = (
        portfolio.snapshots.filter(round=round_, privacy_override_at__isnull=False)
        .only("round", "privacy_override_at", "privacy_findings")
        .first()
    )
    return override_of(snapshot)


def override_of(snapshot) -> PrivacyOverride | None:
    """The override sealed with `snapshot` (read with its `round`, `privacy_override_at`
    and `privacy_findings`), or None when there was none."""
    if snapshot is None or snapshot.privacy_override_at is None:
        return None
    by_field: dict[str, list] = {}
    for item in snapshot.privacy_findings:
        label = privacy.FindingKind(item["kind"]).label
        by_field.setdefault(item["field"], []).append((label, item["count"]))
    return PrivacyOverride(
        at=snapshot.privacy_override_at,
        round=snapshot.round,
        fields=[{"field": field, "kinds": kinds} for field, kinds in by_field.items()],
    )
