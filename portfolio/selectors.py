"""Reads of portfolios: access-checked fetching and the progress/completeness view."""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from portfolio import eligibility, privacy
from portfolio.eligibility import compute_requirements
from portfolio.models import Answer, Portfolio
from portfolio.rules import can_view_portfolio
from profiles.enums import AnswerKind
from profiles.models import ProductQuestion
from profiles.selectors import version_with_content


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


def active_portfolio(user) -> Portfolio | None:
    return (
        Portfolio.objects.select_related("framework_version__framework")
        .filter(candidate_id=user.pk)
        .order_by("-created_at")
        .first()
    )


@dataclass
class Missing:
    text: str
    anchor: str


@dataclass
class SectionProgress:
    section: object
    required: bool
    done: int = 0
    total: int = 0
    missing: list[Missing] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass
class Progress:
    sections: list[SectionProgress]
    interview_required: bool

    @property
    def required_sections(self) -> list[SectionProgress]:
        return [s for s in self.sections if s.required]

    @property
    def done(self) -> int:
        return sum(s.done for s in self.required_sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.required_sections)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)

    @property
    def missing(self) -> list[tuple[object, Missing]]:
        return [(s.section, m) for s in self.required_sections for m in s.missing]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass
class PortfolioContent:
    """Everything a portfolio page needs, loaded in a fixed number of queries."""

    portfolio: Portfolio
    version: object
    answers_by_question: dict
    answers_by_criterion: dict
    answers_by_product_question: dict
    documents_by_requirement: dict
    documents_by_question: dict
    signatures_by_declaration: dict


def portfolio_content(portfolio: Portfolio, version=None, *, answers=True) -> PortfolioContent:
    """`version`, when the caller has it, must come from `version_with_content()`.
    `answers=False`: without the texts (the scoring page shows the sealed ones)."""
    if version is None:
        version = version_with_content(portfolio.framework_version_id)
    by_q, by_c, by_pq = {}, {}, {}
    for answer in Answer.objects.filter(portfolio=portfolio) if answers else ():
        if answer.question_id:
            by_q[answer.question_id] = answer
        elif answer.criterion_id:
            by_c[answer.criterion_id] = answer
        else:
            by_pq[answer.product_question_id] = answer
    docs_by_req, docs_by_q = {}, {}
    for document in portfolio.documents.all():
        if document.requirement_id:
            docs_by_req.setdefault(document.requirement_id, []).append(document)
        else:
            docs_by_q.setdefault(document.question_id, []).append(document)
    signatures = {s.declaration_id: s for s in portfolio.signatures.all()}
    return PortfolioContent(
        portfolio=portfolio,
        version=version,
        answers_by_question=by_q,
        answers_by_criterion=by_c,
        answers_by_product_question=by_pq,
        documents_by_requirement=docs_by_req,
        documents_by_question=docs_by_q,
        signatures_by_declaration=signatures,
    )


def case_start_problem(
    version, start: date | None, today: date | None = None, *, measured_on: date | None = None
) -> str | None:
    """Why a case start date does not meet the framework's rules, or None when it does.

    The window is measured on `measured_on` (the first submission's date, see
    `eligibility.measured_on`), else on today; "in the future" is always about today.
    """
    if start is None:
        return None
    today = today or timezone.localdate()
    reference = measured_on or today
    earliest = reference - relativedelta(months=version.case_start_within_months)
    latest = reference - relativedelta(months=version.case_min_running_months)
    if start > today:
        return _("De startdatum ligt in de toekomst.")
    if reference != today and (start < earliest or start > latest):
        return _(
            "Het begeleidingstraject moet bij je eerste indiening op %(on)s minimaal "
            "%(min)d maanden onderweg zijn en in de %(within)d maanden daarvoor zijn gestart "
            "(op of na %(earliest)s en op of voor %(latest)s)."
        ) % {
            "on": reference.strftime("%d-%m-%Y"),
            "min": version.case_min_running_months,
            "within": version.case_start_within_months,
            "earliest": earliest.strftime("%d-%m-%Y"),
            "latest": latest.strftime("%d-%m-%Y"),
        }
    if start < earliest:
        return _(
            "Het begeleidingstraject moet in de afgelopen %(months)d maanden zijn gestart "
            "(op of na %(date)s)."
        ) % {"months": version.case_start_within_months, "date": earliest.strftime("%d-%m-%Y")}
    if start > latest:
        return _(
            "Het begeleidingstraject moet minimaal %(months)d maanden onderweg zijn "
            "(gestart op of voor %(date)s)."
        ) % {"months": version.case_min_running_months, "date": latest.strftime("%d-%m-%Y")}
    return None


def document_age_note(requirement, document, on: date) -> str | None:
    """Why the document is too old for its route on `on` (a warning or, when the route's
    severity is blocking, the reason it does not count), or None."""
    return eligibility.document_age_problem(
        requirement, name=document.original_name, document_date=document.document_date, on=on
    )


def _route_progress(content: PortfolioContent, route, label: str, anchor: str, progress):
    progress.total += 1
    if route is None:
        progress.missing.append(Missing(_("Kies een %(label)s.") % {"label": label}, anchor))
        return
    portfolio = content.portfolio
    problem = eligibility.diploma_window_problem(
        route, diploma_date=portfolio.diploma_date, provider=portfolio.diploma_provider
    )
    if problem:
        progress.missing.append(Missing(problem, "routes"))
        return
    documents = content.documents_by_requirement.get(route.pk, [])
    if not documents:
        progress.missing.append(
            Missing(
                _("Upload het bewijs voor %(code)s: %(what)s")
                % {"code": route.code, "what": route.deliverables},
                f"route-{route.pk}",
            )
        )
        return
    if _too_old(content, route, documents, progress):
        return
    if route.min_study_hours:
        hours = sum(d.study_hours or 0 for d in documents)
        if hours < route.min_study_hours:
            progress.missing.append(
                Missing(
                    _(
                        "Voor %(code)s zijn minimaal %(min)d studie-uren nodig; je documenten "
                        "tonen er %(hours)d."
                    )
                    % {"code": route.code, "min": route.min_study_hours, "hours": hours},
                    f"route-{route.pk}",
                )
            )
            return
    progress.done += 1


def _too_old(content: PortfolioContent, route, documents, progress) -> bool:
    """The documents' age: too old is missing (submission refused) when the route's
    severity blocks, a warning otherwise."""
    on = eligibility.measured_on(content.portfolio)
    notes = [note for d in documents if (note := document_age_note(route, d, on))]
    if notes and eligibility.document_age_blocks(route):
        progress.missing.extend(Missing(note, f"route-{route.pk}") for note in notes)
        return True
    progress.warnings.extend(notes)
    return False


def _question_progress(content: PortfolioContent, question, progress: SectionProgress) -> None:
    progress.total += 1
    anchor = f"question-{question.pk}"
    if question.answer_kind == AnswerKind.UPLOAD:
        filled = bool(content.documents_by_question.get(question.pk))
    else:
        answer = content.answers_by_question.get(question.pk)
        filled = answer is not None and answer.is_filled
        if filled and question.answer_kind == AnswerKind.DATE:
            problem = case_start_problem(
                content.version,
                answer.date_value,
                measured_on=eligibility.measured_on(content.portfolio),
            )
            if problem:
                progress.missing.append(Missing(problem, anchor))
                return
    if filled:
        progress.done += 1
    else:
        progress.missing.append(
            Missing(
                _("Beantwoord %(code)s: %(text)s") % {"code": question.code, "text": question.text},
                anchor,
            )
        )


def _criterion_progress(content: PortfolioContent, criterion, progress: SectionProgress) -> None:
    progress.total += 1
    anchor = f"criterion-{criterion.pk}"
    if criterion.answer_kind == AnswerKind.PRODUCT:
        open_numbers = [
            str(q.number)
            for q in criterion.product_questions.all()
            if not ((a := content.answers_by_product_question.get(q.pk)) and a.is_filled)
        ]
        if open_numbers:
            progress.missing.append(
                Missing(
                    _("%(code)s %(title)s: vraag %(numbers)s nog niet beantwoord.")
                    % {
                        "code": criterion.code,
                        "title": criterion.title.rstrip("."),
                        "numbers": ", ".join(open_numbers),
                    },
                    anchor,
                )
            )
        else:
            progress.done += 1
        return
    answer = content.answers_by_criterion.get(criterion.pk)
    if answer is not None and answer.is_filled:
        progress.done += 1
    else:
        progress.missing.append(
            Missing(
                _("Schrijf %(code)s %(title)s.")
                % {"code": criterion.code, "title": criterion.title.rstrip(".")},
                anchor,
            )
        )


def portfolio_progress(content: PortfolioContent) -> Progress:
    """Per section what is done and what is missing, for the chosen routes."""
    portfolio, version = content.portfolio, content.version
    requirements_by_pk = {
        r.pk: r for s in version.sections.all() for r in s.education_requirements.all()
    }
    basic = requirements_by_pk.get(portfolio.basic_route_id)
    supplementary = requirements_by_pk.get(portfolio.supplementary_route_id)
    requirements = compute_requirements(
        version=version, basic_route=basic, supplementary_route=supplementary
    )
    result = []
    for section in version.sections.all():
        progress = SectionProgress(
            section=section, required=section.code in requirements.required_sections
        )
        if section.education_requirements.all():
            _route_progress(content, basic, _("basisopleidingseis (A1)"), "routes", progress)
            _route_progress(
                content, supplementary, _("aanvullende opleidingseis (A2)"), "routes", progress
            )
        for declaration in section.declarations.all():
            progress.total += 1
            if declaration.pk in content.signatures_by_declaration:
                progress.done += 1
            else:
                progress.missing.append(
                    Missing(
                        _("Onderteken verklaring %(code)s.") % {"code": declaration.code},
                        f"declaration-{declaration.pk}",
                    )
                )
        for question in section.questions.all():
            _question_progress(content, question, progress)
        for criterion in section.criteria.all():
            _criterion_progress(content, criterion, progress)
        result.append(progress)
    return Progress(sections=result, interview_required=requirements.interview_required)


def preview_context(content: PortfolioContent) -> dict:
    """The whole portfolio as one document (preview page and PDF)."""
    progress = portfolio_progress(content)
    required = {p.section.code for p in progress.sections if p.required}
    sections = []
    for section in content.version.sections.all():
        blocks = []
        for requirement in section.education_requirements.all():
            documents = content.documents_by_requirement.get(requirement.pk, [])
            if documents:
                blocks.append(
                    {"title": f"{requirement.code} {requirement.criterion}", "documents": documents}
                )
        for declaration in section.declarations.all():
            signature = content.signatures_by_declaration.get(declaration.pk)
            blocks.append(
                {
                    "title": f"{declaration.code} {declaration.statement}",
                    "signature": signature,
                    "stated": eligibility.stated_text(signature) if signature else "",
                }
            )
        for question in section.questions.all():
            answer = content.answers_by_question.get(question.pk)
            blocks.append(
                {
                    "title": f"{question.code} {question.text}",
                    "text": answer.text if answer else "",
                    "date": answer.date_value if answer else None,
                    "documents": content.documents_by_question.get(question.pk, []),
                }
            )
        for criterion in section.criteria.all():
            if criterion.answer_kind == AnswerKind.PRODUCT:
                parts = [
                    {
                        "title": f"{pq.number}. {pq.text}",
                        "text": (
                            a.text if (a := content.answers_by_product_question.get(pq.pk)) else ""
                        ),
                    }
                    for pq in criterion.product_questions.all()
                ]
                blocks.append({"title": f"{criterion.code} {criterion.title}", "parts": parts})
            else:
                answer = content.answers_by_criterion.get(criterion.pk)
                blocks.append(
                    {
                        "title": f"{criterion.code} {criterion.title}",
                        "text": answer.text if answer else "",
                    }
                )
        sections.append(
            {
                "section": section,
                "exempt": section.code not in required,
                "blocks": blocks,
            }
        )
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


def field_code(target) -> str:
    """The code a text box is known by: "B.3" (question), "C.1" (criterion), "C.4.2"
    (product question 2 of C.4) — the same codes as in the sealed snapshot."""
    if isinstance(target, ProductQuestion):
        return f"{target.criterion.code}.{target.number}"
    return target.code


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
    again, as submitting does for what it seals.
    """
    found = []
    for section in content.version.sections.all():
        boxes = [
            (q.code, q.text, f"question-{q.pk}", content.answers_by_question.get(q.pk))
            for q in section.questions.all()
        ]
        for criterion in section.criteria.all():
            boxes.append(
                (
                    criterion.code,
                    criterion.title,
                    f"criterion-{criterion.pk}",
                    content.answers_by_criterion.get(criterion.pk),
                )
            )
            boxes.extend(
                (
                    field_code(pq),
                    pq.text,
                    f"product_question-{pq.pk}",
                    content.answers_by_product_question.get(pq.pk),
                )
                for pq in criterion.product_questions.all()
            )
        found.extend(
            (section.code, code, label, target, answer.text)
            for code, label, target, answer in boxes
            if answer is not None and answer.text
        )
    pairs = [(text, code) for _section, code, _label, _target, text in found]
    if fresh:
        scans = [privacy.scan(text, field=code, today=today) for text, code in pairs]
    else:
        scans = privacy.scan_many(pairs, today=today)
    return [
        FieldFindings(
            section_code=section_code,
            field=code,
            label=label,
            anchor=f"input-{target}",
            findings=findings,
        )
        for (section_code, code, label, target, _text), findings in zip(found, scans, strict=True)
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
