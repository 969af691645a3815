"""The kinds of portfolio entry, in portfolio order (`KINDS`), and what each adds to the
sealed snapshot, the progress, the preview and the privacy scan."""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from portfolio import eligibility
from portfolio.entries.base import Entry, EntryKind, TextBox
from portfolio.enums import EntryState
from portfolio.errors import PortfolioError
from portfolio.progress import Missing, case_start_problem, document_age_note
from profiles.enums import AnswerKind, EducationLevel


def _filled(answer) -> bool:
    return answer is not None and answer.is_filled


def _file_sha256(document) -> str:
    digest = hashlib.sha256()
    with document.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_entry(code: str, document) -> dict:
    """A document as the snapshot seals it, with the fingerprint of the stored bytes."""
    stored = _file_sha256(document)
    if stored != document.sha256:
        # The stored bytes differ from what was uploaded: refuse to seal a lie.
        raise PortfolioError(
            _("Het bestand %(name)s is beschadigd; upload het opnieuw.")
            % {"name": document.original_name}
        )
    return {
        "kind": "document",
        "code": code,
        "name": document.original_name,
        "content_type": document.content_type,
        "size": document.size,
        "sha256": stored,
        "document_date": document.document_date.isoformat(),
        "study_hours": document.study_hours,
    }


class RequirementKind(EntryKind):
    """An education requirement (A1.x, A2.x): the documents uploaded for it."""

    name = "route"

    def items(self, parent):
        return parent.education_requirements.all()

    def snapshot(self, content, entry):
        requirement = entry.item
        sealed = eligibility.diploma_snapshot_entries(content.portfolio, requirement)
        documents = content.documents_by_requirement.get(requirement.pk, [])
        return sealed + [document_entry(entry.code, d) for d in documents]

    def preview(self, content, entry):
        documents = content.documents_by_requirement.get(entry.item.pk, [])
        if not documents:
            return None
        return {"title": f"{entry.code} {entry.item.criterion}", "documents": documents}


@dataclass(frozen=True)
class RouteChoice:
    """One of the two routes a section with education requirements asks to choose."""

    code: str  # "A1" or "A2", as the snapshot names the routes
    level: str

    @property
    def label(self) -> str:
        if self.level == EducationLevel.BASIC:
            return _("basisopleidingseis (A1)")
        return _("aanvullende opleidingseis (A2)")


class RouteChoiceKind(EntryKind):
    """The choice of the A1 and A2 route: chosen, within its diploma window, proven."""

    name = "routes"
    choices = (
        RouteChoice("A1", EducationLevel.BASIC),
        RouteChoice("A2", EducationLevel.SUPPLEMENTARY),
    )

    def items(self, parent):
        return self.choices if parent.education_requirements.all() else ()

    def slot(self, item):
        return "routes"

    def progress(self, content, entry, progress):
        progress.total += 1
        route = _chosen_route(content, entry.item.level)
        if route is None:
            label = entry.item.label
            progress.missing.append(Missing(_("Kies een %(label)s.") % {"label": label}, "routes"))
            return
        portfolio = content.portfolio
        problem = eligibility.diploma_window_problem(
            route, diploma_date=portfolio.diploma_date, provider=portfolio.diploma_provider
        )
        if problem:
            progress.missing.append(Missing(problem, "routes"))
            return
        documents = content.documents_by_requirement.get(route.pk, [])
        if problems := _documents_problems(content, route, documents, progress):
            progress.missing.extend(Missing(text, f"route-{route.pk}") for text in problems)
            return
        progress.done += 1


def _chosen_route(content, level):
    """The chosen route of `level`, from the version's (prefetched) requirements."""
    portfolio = content.portfolio
    chosen = (
        portfolio.basic_route_id
        if level == EducationLevel.BASIC
        else portfolio.supplementary_route_id
    )
    requirements = (
        r for s in content.version.sections.all() for r in s.education_requirements.all()
    )
    return next((r for r in requirements if r.pk == chosen), None)


def _documents_problems(content, route, documents, progress) -> list[str]:
    """Why the route's documents do not prove it yet (none, too old where the route's
    severity blocks, too few study hours); too old is added to the section's warnings
    otherwise."""
    if not documents:
        return [
            _("Upload het bewijs voor %(code)s: %(what)s")
            % {"code": route.code, "what": route.deliverables}
        ]
    on = eligibility.measured_on(content.portfolio)
    notes = [note for d in documents if (note := document_age_note(route, d, on))]
    if notes and eligibility.document_age_blocks(route):
        return notes
    progress.warnings.extend(notes)
    hours = sum(d.study_hours or 0 for d in documents)
    if route.min_study_hours and hours < route.min_study_hours:
        return [
            _(
                "Voor %(code)s zijn minimaal %(min)d studie-uren nodig; je documenten "
                "tonen er %(hours)d."
            )
            % {"code": route.code, "min": route.min_study_hours, "hours": hours}
        ]
    return []


class DeclarationKind(EntryKind):
    """A declaration (B1, E) the candidate signs."""

    name = "declaration"
    title_field = "statement"

    def items(self, parent):
        return parent.declarations.all()

    def snapshot(self, content, entry):
        signature = content.signatures_by_declaration.get(entry.item.pk)
        if not signature:
            return []
        return [
            {
                "kind": "signature",
                "code": entry.code,
                "statement": signature.statement,
                "full_name": signature.full_name,
                "signed_on": signature.signed_on.isoformat(),
                "signed_at": signature.signed_at.isoformat(),
                "years": signature.years,
                "hours": signature.hours,
            }
        ]

    def progress(self, content, entry, progress):
        progress.total += 1
        if entry.item.pk in content.signatures_by_declaration:
            progress.done += 1
            progress.states[entry.slot] = EntryState.DONE
        else:
            progress.states[entry.slot] = EntryState.OPEN
            text = _("Onderteken verklaring %(code)s.") % {"code": entry.code}
            progress.missing.append(Missing(text, entry.slot))

    def preview(self, content, entry):
        signature = content.signatures_by_declaration.get(entry.item.pk)
        return {
            "title": f"{entry.code} {entry.item.statement}",
            "signature": signature,
            "stated": eligibility.stated_text(signature) if signature else "",
        }


class QuestionKind(EntryKind):
    """A question (B): a text, a date (the case's start) or an upload (the CV)."""

    name = "question"
    title_field = "text"

    def items(self, parent):
        return parent.questions.all()

    def snapshot(self, content, entry):
        question = entry.item
        documents = content.documents_by_question.get(question.pk, [])
        sealed = [document_entry(entry.code, d) for d in documents]
        answer = content.answer(question)
        if _filled(answer):
            date = answer.date_value.isoformat() if answer.date_value else None
            sealed.append({"kind": "answer", "code": entry.code, "text": answer.text, "date": date})
        return sealed

    def progress(self, content, entry, progress):
        question = entry.item
        progress.total += 1
        if question.answer_kind == AnswerKind.UPLOAD:
            filled = bool(content.documents_by_question.get(question.pk))
        else:
            answer = content.answer(question)
            filled = _filled(answer)
            if filled and (problem := date_problem(content, question, answer)):
                progress.missing.append(Missing(problem, entry.slot))
                progress.states[entry.slot] = EntryState.PROBLEM
                return
        progress.states[entry.slot] = EntryState.DONE if filled else EntryState.OPEN
        if filled:
            progress.done += 1
        else:
            text = _("Beantwoord %(code)s: %(text)s") % {"code": entry.code, "text": question.text}
            progress.missing.append(Missing(text, entry.slot))

    def preview(self, content, entry):
        answer = content.answer(entry.item)
        return {
            "title": f"{entry.code} {entry.item.text}",
            "text": answer.text if answer else "",
            "date": answer.date_value if answer else None,
            "documents": content.documents_by_question.get(entry.item.pk, []),
        }

    def text(self, content, entry):
        return TextBox(label=entry.item.text, answer=content.answer(entry.item))


def date_problem(content, question, answer) -> str | None:
    """Why the case's start date (a date question) does not meet the framework's rules."""
    if question.answer_kind != AnswerKind.DATE or answer is None:
        return None
    return case_start_problem(
        content.version,
        answer.date_value,
        measured_on=eligibility.measured_on(content.portfolio),
    )


class ProductQuestionKind(EntryKind):
    """A numbered question of a professional product (C.4.2): part of its criterion."""

    name = "product_question"
    title_field = "text"

    def items(self, parent):
        return parent.product_questions.all()

    def snapshot(self, content, entry):
        answer = content.answer(entry.item)
        if not _filled(answer):
            return []
        return [{"kind": "answer", "code": entry.code, "text": answer.text}]

    def part(self, content, entry: Entry) -> dict:
        """Its part of the criterion's preview block."""
        answer = content.answer(entry.item)
        return {
            "title": f"{entry.item.number}. {entry.item.text}",
            "text": answer.text if answer else "",
        }

    def text(self, content, entry):
        return TextBox(label=entry.item.text, answer=content.answer(entry.item))


class CriterionKind(EntryKind):
    """A criterion (C, D): one text, or a product answered per numbered question."""

    name = "criterion"
    title_field = "title"
    children = (ProductQuestionKind(),)

    def items(self, parent):
        return parent.criteria.all()

    def snapshot(self, content, entry):
        answer = content.answer(entry.item)
        if not _filled(answer):
            return []
        return [{"kind": "answer", "code": entry.code, "text": answer.text}]

    def progress(self, content, entry, progress):
        criterion = entry.item
        progress.total += 1
        title = criterion.title.rstrip(".")
        if criterion.answer_kind == AnswerKind.PRODUCT:
            numbers = []
            for part in entry.children:
                filled = _filled(content.answer(part.item))
                progress.states[part.slot] = EntryState.DONE if filled else EntryState.OPEN
                if not filled:
                    numbers.append(str(part.item.number))
            missing = numbers and _(
                "%(code)s %(title)s: vraag %(numbers)s nog niet beantwoord."
            ) % {
                "code": entry.code,
                "title": title,
                "numbers": ", ".join(numbers),
            }
        else:
            missing = not _filled(content.answer(criterion)) and _(
                "Schrijf %(code)s %(title)s."
            ) % {
                "code": entry.code,
                "title": title,
            }
        if missing:
            progress.missing.append(Missing(missing, entry.slot))
            progress.states[entry.slot] = EntryState.OPEN
        else:
            progress.done += 1
            progress.states[entry.slot] = EntryState.DONE

    def preview(self, content, entry):
        title = f"{entry.code} {entry.item.title}"
        if entry.item.answer_kind == AnswerKind.PRODUCT:
            return {"title": title, "parts": [c.kind.part(content, c) for c in entry.children]}
        answer = content.answer(entry.item)
        return {"title": title, "text": answer.text if answer else ""}

    def text(self, content, entry):
        return TextBox(label=entry.item.title, answer=content.answer(entry.item))


# Under each section, in this order. Each is walked by `portfolio.entries.walk`.
KINDS: list[EntryKind] = [
    RequirementKind(),
    RouteChoiceKind(),
    DeclarationKind(),
    QuestionKind(),
    CriterionKind(),
]
