"""Page models of the candidate's section page, made from the walk over its entries."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portfolio import eligibility, entries, fragments, privacy, selectors
from portfolio import rules as portfolio_rules
from portfolio.entries.kinds import date_problem
from portfolio.forms import DocumentForm, RouteChoiceForm, SignatureForm
from portfolio.progress import document_age_note
from profiles.enums import AnswerKind


def _box(entry, answer, *, label, word_guide=None, kind=AnswerKind.TEXT) -> dict:
    """One autosaving text box (portfolio/fragments.py), named by the entry's slot and code."""
    return {
        "target": entry.slot,
        "label": label,
        "text": answer.text if answer else "",
        "date_value": answer.date_value if answer else None,
        "revision": answer.revision if answer else 0,
        "saved_at": answer.updated_at if answer else None,
        "word_guide": word_guide,
        "kind": kind,
        "field": entry.code,
        # Shown under the box until the text is clean again (autosave refreshes it); filled
        # in for all boxes at once by _add_findings.
        "findings": [],
        "problem": None,  # a date's problem, shown in place of "saved"
        "anchor": None,  # the box's id when it is an item of the page's index by itself
    }


def _add_findings(boxes) -> None:
    scanned = [box for box in boxes if box["kind"] != AnswerKind.DATE and box["text"]]
    found = privacy.scan_many([(box["text"], box["field"]) for box in scanned])
    for box, findings in zip(scanned, found, strict=True):
        box["findings"] = findings


def _declaration(content, entry) -> dict:
    declaration = entry.item
    signature = content.signatures_by_declaration.get(declaration.pk)
    return {
        "declaration": declaration,
        "signature": signature,
        "stated": eligibility.stated_text(signature) if signature else "",
        "threshold": eligibility.threshold_text(declaration),
        "form": SignatureForm(declaration=declaration),
    }


def _previous(content, question) -> dict | None:
    """The answer of the previous certification the question shows beside its box
    (Question.shows_previous), read-only; None when it shows none."""
    if not question.shows_previous:
        return None
    if content.previous_texts is None:  # once per page
        from register.recertification import previous_texts  # noqa: PLC0415 - register imports portfolio

        content.previous_texts = previous_texts(content.portfolio)
    return {
        "code": question.shows_previous,
        "text": content.previous_texts.get(question.shows_previous, ""),
    }


def _question(content, entry) -> dict:
    question = entry.item
    if question.answer_kind == AnswerKind.UPLOAD:
        documents = content.documents_by_question.get(question.pk, [])
        return {
            "question": question,
            "documents": [(d, None) for d in documents],
            "form": DocumentForm(key=f"question-{question.pk}"),
        }
    answer = content.answer(question)
    item = {
        "question": question,
        "previous": _previous(content, question),
        "box": _box(
            entry,
            answer,
            label=question.text,
            word_guide=question.word_guide,
            kind=question.answer_kind,
        ),
    }
    if question.answer_kind == AnswerKind.DATE and answer:
        item["box"]["problem"] = date_problem(content, question, answer)
    return item


def _criterion(content, entry) -> dict:
    criterion = entry.item
    if criterion.answer_kind == AnswerKind.PRODUCT:
        # Each question of a product is an item of the page's index: its box is its anchor.
        boxes = [
            {
                **_box(
                    part, content.answer(part.item), label=f"{part.item.number}. {part.item.text}"
                ),
                "anchor": part.slot,
            }
            for part in entry.children
        ]
    else:
        boxes = [
            _box(
                entry,
                content.answer(criterion),
                label=_("Jouw uitwerking"),
                word_guide=criterion.word_guide,
            )
        ]
    return {"criterion": criterion, "boxes": boxes}


# What the section page shows of an entry, by kind (the routes are shown per section).
_ITEMS = {"declaration": _declaration, "question": _question, "criterion": _criterion}


def _routes(content, section) -> dict:
    """The route choice and the chosen routes' documents (a section with requirements)."""
    portfolio = content.portfolio
    requirements = section.education_requirements.all()
    chosen = (portfolio.basic_route_id, portfolio.supplementary_route_id)
    measured_on = eligibility.measured_on(portfolio)
    return {
        "route_form": RouteChoiceForm(
            section=section,
            initial={
                "basic_route": portfolio.basic_route_id,
                "supplementary_route": portfolio.supplementary_route_id,
                "diploma_date": portfolio.diploma_date,
                "diploma_provider": portfolio.diploma_provider,
            },
        ),
        "diploma_problem": eligibility.diploma_window_problem(
            portfolio.supplementary_route,
            diploma_date=portfolio.diploma_date,
            provider=portfolio.diploma_provider,
        ),
        "requirements": requirements,
        "diploma_windows": [
            (r.pk, eligibility.diploma_window_text(r)) for r in requirements if r.has_diploma_window
        ],
        "chosen_routes": [
            {
                "requirement": r,
                "documents": [
                    (d, document_age_note(r, d, measured_on))
                    for d in content.documents_by_requirement.get(r.pk, [])
                ],
                "age_blocks": eligibility.document_age_blocks(r),
                "form": DocumentForm(needs_hours=bool(r.min_study_hours), key=f"route-{r.pk}"),
            }
            for r in requirements
            if r.pk in chosen
        ],
    }


def section_context(content, section, progress, *, csrf_token: str) -> dict:
    """View model of one section page: every box, upload and declaration with its state;
    the boxes come rendered (`csrf_token`: the request's, for their forms)."""
    portfolio = content.portfolio
    context = {
        "portfolio": portfolio,
        "awaiting_additions": portfolio_rules.is_awaiting_additions(None, portfolio),
        "section": section,
        "sections": progress.sections,
        "section_progress": next(p for p in progress.sections if p.section.code == section.code),
        "editable": portfolio.section_is_editable(section.code),
    }
    if section.education_requirements.all():
        context.update(_routes(content, section))
    items = {name: [] for name in _ITEMS}
    walked = next(found for s, found in entries.walk(content.version) if s is section)
    for entry in walked:
        if build := _ITEMS.get(entry.kind.name):
            items[entry.kind.name].append(build(content, entry))
    context.update(
        declarations=items["declaration"], questions=items["question"], criteria=items["criterion"]
    )
    questions = [q["box"] for q in items["question"] if "box" in q]
    _add_findings(questions + [b for c in items["criterion"] for b in c["boxes"]])
    page = fragments.page_texts(
        editable=context["editable"],
        autosave_url=reverse("portfolio:autosave", args=[portfolio.pk]),
        csrf_token=csrf_token,
    )
    for box in questions:
        box["html"] = fragments.box_html(box, page)
    context["criteria_html"] = fragments.criteria_html(items["criterion"], page)
    context["nav_html"] = fragments.nav_html(
        portfolio, progress.sections, section.code, content.version
    )
    context["index_html"] = fragments.index_html(
        walked, context["section_progress"], content.version
    )
    return context


def dashboard_context(user, content) -> dict:
    """The candidate's dashboard: progress, the last snapshot, the privacy warnings' count."""
    portfolio = content.portfolio
    privacy_count = 0
    if portfolio.is_editable:
        privacy_count = sum(len(f.findings) for f in selectors.privacy_findings(content))
    progress = selectors.portfolio_progress(content)
    awaiting_additions = portfolio_rules.is_awaiting_additions(user, portfolio)
    snapshot = None
    # The last sealed snapshot, shown unless additions are awaited. Only a submitted
    # portfolio has one (submit_portfolio seals it and sets submitted_at at once): a draft
    # is not asked for it.
    if portfolio.submitted_at is not None and not awaiting_additions:
        snapshot = portfolio.snapshots.defer("content").order_by("-round").first()
    return {
        "portfolio": portfolio,
        "progress": progress,
        "sections_html": fragments.dashboard_sections_html(progress, portfolio.pk),
        "snapshot": snapshot,
        "privacy_count": privacy_count,
        "awaiting_additions": awaiting_additions,
    }


def submit_context(portfolio) -> dict:
    """The submit page: what is missing, and the privacy warnings to confirm (with the
    digest that binds the confirmation to exactly these)."""
    content = selectors.portfolio_content(portfolio)
    progress = selectors.portfolio_progress(content)
    field_findings = selectors.privacy_findings(content)
    findings = [f for field in field_findings for f in field.findings]
    return {
        "portfolio": portfolio,
        "progress": progress,
        "privacy_findings": field_findings,
        "privacy_count": len(findings),
        "privacy_digest": privacy.digest(findings) if findings else "",
    }
