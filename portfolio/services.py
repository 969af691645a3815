"""Writes to portfolios, and the eligibility rules that decide what a portfolio needs."""

import hashlib
import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portal.mail import queue_mail
from portfolio import eligibility, privacy, signing, workflow
from portfolio.eligibility import Requirements, compute_requirements
from portfolio.enums import ACTIVE_STATES, PortfolioState
from portfolio.models import Answer, Document, Portfolio, Signature, Snapshot
from portfolio.validators import check_upload, safe_filename
from profiles.enums import AnswerKind, EducationLevel
from profiles.models import (
    Criterion,
    Declaration,
    EducationRequirement,
    FrameworkVersion,
    ProductQuestion,
    Question,
)


class PortfolioError(Exception):
    """A refused change to a portfolio; the message is shown to the user."""


def _audit(portfolio: Portfolio, action: AuditAction, *, actor, target=None, **fields) -> None:
    """An audit entry about this portfolio (its candidate is the person concerned)."""
    audit.record(
        actor=actor,
        action=action,
        portfolio_id=portfolio.pk,
        subject_user_id=portfolio.candidate_id,
        target=target if target is not None else portfolio,
        **fields,
    )


@transaction.atomic
def start_portfolio(*, candidate, version: FrameworkVersion) -> Portfolio:
    """Start the candidate's portfolio on a published version (one active at a time)."""
    if not version.is_published:
        raise PortfolioError(_("Een portfolio kan alleen op een gepubliceerde versie starten."))
    if Portfolio.objects.filter(candidate=candidate, state__in=ACTIVE_STATES).exists():
        raise PortfolioError(_("Je hebt al een portfolio in behandeling."))
    try:
        with transaction.atomic():
            portfolio = Portfolio.objects.create(candidate=candidate, framework_version=version)
    except IntegrityError as exc:  # a double click that raced the check above
        raise PortfolioError(_("Je hebt al een portfolio in behandeling.")) from exc
    _audit(portfolio, AuditAction.PORTFOLIO_STARTED, actor=candidate, summary=str(version))
    return portfolio


@transaction.atomic
def choose_routes(
    *,
    portfolio: Portfolio,
    basic_route: EducationRequirement,
    supplementary_route: EducationRequirement,
    diploma_date=None,
    diploma_provider: str = "",
) -> Requirements:
    """Record the A1 and A2 routes, with the diploma's date and provider where the A2
    route has a window ("na augustus 2022 van Sara Werkt"). Answers already written are
    kept whatever changes.

    A stated date or provider outside the route's window raises `PortfolioError` naming
    the window; nothing is saved then. Not stating them yet is allowed: the progress lists
    them as missing and submission is refused until they are stated.
    """
    portfolio = _locked_draft(portfolio, basic_route.section.code)
    version = portfolio.framework_version
    for route, level in (
        (basic_route, EducationLevel.BASIC),
        (supplementary_route, EducationLevel.SUPPLEMENTARY),
    ):
        if route.level != level or route.section.version_id != version.pk:
            raise PortfolioError(_("Deze opleidingseis hoort niet bij dit onderdeel."))
    if diploma_date is not None and diploma_date > timezone.localdate():
        raise PortfolioError(_("De datum van je diploma ligt in de toekomst."))
    problem = eligibility.diploma_mismatch(
        supplementary_route, diploma_date=diploma_date, provider=diploma_provider
    )
    if problem:
        raise PortfolioError(problem)
    before = _routes_record(portfolio)
    portfolio.basic_route = basic_route
    portfolio.supplementary_route = supplementary_route
    portfolio.diploma_date, portfolio.diploma_provider = eligibility.stated_diploma(
        supplementary_route, diploma_date=diploma_date, provider=diploma_provider
    )
    _audit(
        portfolio,
        AuditAction.ROUTES_CHOSEN,
        actor=portfolio.candidate,
        summary=f"{basic_route.code} + {supplementary_route.code}",
        changes={"routes": audit.change(before, _routes_record(portfolio))},
    )
    portfolio.save(
        update_fields=[
            "basic_route",
            "supplementary_route",
            "diploma_date",
            "diploma_provider",
            "updated_at",
        ]
    )
    return compute_requirements(
        version=version, basic_route=basic_route, supplementary_route=supplementary_route
    )


def _code(route) -> str | None:
    return route.code if route is not None else None


def _routes_record(portfolio: Portfolio) -> list:
    """The routes (and the stated diploma, when there is one) as the audit trail keeps them."""
    record = [_code(portfolio.basic_route), _code(portfolio.supplementary_route)]
    if portfolio.diploma_date or portfolio.diploma_provider:
        date = portfolio.diploma_date.isoformat() if portfolio.diploma_date else None
        record.append({"diploma": date, "opleider": portfolio.diploma_provider})
    return record


# --- answers ---------------------------------------------------------------------------------


class SignatureRefused(PortfolioError):
    """A declaration that cannot be signed as given; `problems` per form field."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


class StaleAnswer(PortfolioError):
    """The answer was saved elsewhere (another tab) since this version was loaded."""

    def __init__(self, current: "Answer"):
        super().__init__(
            _(
                "Dit antwoord is intussen elders opgeslagen (bijvoorbeeld in een ander "
                "tabblad). Herlaad de pagina om de nieuwste versie te zien; je tekst is niet "
                "opgeslagen."
            )
        )
        self.current = current


def _locked_draft(portfolio: Portfolio, section_code: str) -> Portfolio:
    """The portfolio locked for writing, if `section_code` may be changed now."""
    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    if not portfolio.is_editable:
        raise PortfolioError(_("Het portfolio is ingediend en kan niet meer worden gewijzigd."))
    if not portfolio.section_is_editable(section_code):
        raise PortfolioError(
            _("Onderdeel %(code)s is niet heropend voor aanvullingen.") % {"code": section_code}
        )
    return portfolio


def _section_code(target) -> str:
    """The section code of a question, criterion, product question, route or declaration."""
    if hasattr(target, "section"):
        return target.section.code
    return target.criterion.section.code


def _check_target(portfolio: Portfolio, target) -> dict:
    """The Answer lookup for a question, criterion or product question of this version."""
    version_id = target.framework_version.pk
    if version_id != portfolio.framework_version_id:
        raise PortfolioError(_("Deze vraag hoort niet bij jouw portfolio."))
    if isinstance(target, Question):
        if target.answer_kind == AnswerKind.UPLOAD:
            raise PortfolioError(_("Bij deze vraag hoort een document, geen tekst."))
        return {"question": target}
    if isinstance(target, Criterion):
        if target.answer_kind == AnswerKind.PRODUCT:
            raise PortfolioError(_("Beantwoord de genummerde vragen van dit beroepsproduct."))
        return {"criterion": target}
    if isinstance(target, ProductQuestion):
        return {"product_question": target}
    raise TypeError(target)


@transaction.atomic
def save_answer(
    *,
    portfolio: Portfolio,
    target,
    text: str = "",
    date_value=None,
    base_revision: int,
) -> Answer:
    """Save a draft answer. `base_revision` is the revision the editor started from
    (0 for a new answer); a save from an older revision raises `StaleAnswer`.

    Side effects: increments the revision. Never deletes other answers.
    """
    limits.ANSWER.check(text, error=PortfolioError)
    _check_date(date_value)
    portfolio = _locked_draft(portfolio, _section_code(target))
    lookup = _check_target(portfolio, target)
    answer = Answer.objects.select_for_update().filter(portfolio=portfolio, **lookup).first()
    current_revision = answer.revision if answer else 0
    if base_revision != current_revision:
        raise StaleAnswer(answer)
    if answer is None:
        answer = Answer(portfolio=portfolio, revision=0, **lookup)
    answer.text = text
    answer.date_value = date_value
    answer.revision += 1
    answer.save()
    Portfolio.objects.filter(pk=portfolio.pk).update(updated_at=timezone.now())
    return answer


def _check_date(value) -> None:
    """A date of the past (a document, a case) within the portal's outer bounds."""
    if value is not None and (problem := limits.date_problem(value, today=timezone.localdate())):
        raise PortfolioError(problem)


# --- documents -------------------------------------------------------------------------------


@transaction.atomic
def upload_document(
    *,
    portfolio: Portfolio,
    target,
    uploaded,
    document_date,
    study_hours: int | None,
    actor,
) -> Document:
    """Store a checked upload for an A route or an upload question (B2 CV).

    Raises `ValidationError` (bad file) or `PortfolioError`; nothing is stored then.
    """
    limits.STUDY_HOURS.check(study_hours, error=PortfolioError)
    _check_date(document_date)
    portfolio = _locked_draft(portfolio, _section_code(target))
    if target.framework_version.pk != portfolio.framework_version_id:
        raise PortfolioError(_("Dit onderdeel hoort niet bij jouw portfolio."))
    if isinstance(target, EducationRequirement):
        if target.pk not in (portfolio.basic_route_id, portfolio.supplementary_route_id):
            raise PortfolioError(_("Kies eerst deze opleidingseis voordat je bewijs uploadt."))
        lookup = {"requirement": target}
        if target.min_study_hours and study_hours is None:
            raise PortfolioError(_("Vul het aantal studie-uren in dat op het document staat."))
    elif isinstance(target, Question) and target.answer_kind == AnswerKind.UPLOAD:
        lookup = {"question": target}
    else:
        raise PortfolioError(_("Bij dit onderdeel hoort geen document."))
    if document_date > timezone.localdate():
        raise PortfolioError(_("De datum van het document ligt in de toekomst."))
    if isinstance(target, EducationRequirement) and eligibility.document_age_blocks(target):
        problem = eligibility.document_age_problem(
            target,
            name=safe_filename(uploaded.name or ""),
            document_date=document_date,
            on=eligibility.measured_on(portfolio),
        )
        if problem:
            raise PortfolioError(problem)
    max_bytes = portfolio.framework_version.upload_max_mb * 1_000_000
    checked = check_upload(uploaded, max_bytes=max_bytes)
    document = Document(
        portfolio=portfolio,
        original_name=checked.safe_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        document_date=document_date,
        study_hours=study_hours,
        uploaded_by=actor,
        **lookup,
    )
    document.file.save(checked.safe_name, uploaded, save=False)
    # If the database write fails, the stored file must not linger.
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    _audit(
        portfolio,
        AuditAction.DOCUMENT_UPLOADED,
        actor=actor,
        target=document,
        summary=f"{target.code}: {checked.kind.upper()}, {checked.size} bytes",
        changes={
            "bestand": audit.change(None, document.original_name),
            "sha256": audit.change(None, checked.sha256),
        },
    )
    return document


def record_download(*, document: Document, actor) -> None:
    """Audit that `actor` opened an uploaded file (called after the access check)."""
    _audit(
        document.portfolio,
        AuditAction.DOCUMENT_DOWNLOADED,
        actor=actor,
        target=document,
        summary=document.content_type,
    )


@transaction.atomic
def delete_document(*, document: Document) -> None:
    """Remove an upload before submission (the file in storage too, after commit)."""
    target = document.requirement or document.question
    portfolio = _locked_draft(document.portfolio, _section_code(target))
    storage, name = document.file.storage, document.file.name
    _audit(
        portfolio,
        AuditAction.DOCUMENT_DELETED,
        actor=portfolio.candidate,
        target=document,
        summary=target.code,
        changes={"bestand": audit.change(document.original_name, None)},
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- declarations -------------------------------------------------------------------------------


@transaction.atomic
def sign_declaration(
    *,
    portfolio: Portfolio,
    declaration: Declaration,
    full_name: str,
    signed_on,
    confirmed: bool,
    years: int | None,
    hours: int | None,
    actor,
) -> Signature:
    """Sign a B1/E declaration with the typed full name; thresholds from the framework."""
    limits.FULL_NAME.check(full_name, error=PortfolioError)
    limits.YEARS.check(years, error=PortfolioError)
    limits.HOURS.check(hours, error=PortfolioError)
    portfolio = _locked_draft(portfolio, declaration.section.code)
    if declaration.framework_version.pk != portfolio.framework_version_id:
        raise PortfolioError(_("Deze verklaring hoort niet bij jouw portfolio."))
    problems = signing.signature_problems(
        declaration,
        actor=actor,
        full_name=full_name,
        signed_on=signed_on,
        confirmed=confirmed,
        years=years,
        hours=hours,
    )
    if problems:
        raise SignatureRefused(problems)
    signature, _created = Signature.objects.update_or_create(
        portfolio=portfolio,
        declaration=declaration,
        defaults={
            "statement": declaration.statement,
            "full_name": " ".join(full_name.split()),
            "signed_on": signed_on,
            "years": years if declaration.min_years is not None else None,
            "hours": hours if declaration.min_hours is not None else None,
            "signed_by": actor,
        },
    )
    _audit(
        portfolio,
        AuditAction.SIGNATURE_SIGNED,
        actor=actor,
        target=signature,
        summary=declaration.code,
        changes={
            "naam": audit.change(None, audit.masked(signature.full_name)),
            "datum": audit.change(None, signed_on.isoformat()),
            "jaren": audit.change(None, signature.years),
            "uren": audit.change(None, signature.hours),
        },
    )
    return signature


@transaction.atomic
def withdraw_signature(*, signature: Signature) -> None:
    portfolio = _locked_draft(signature.portfolio, signature.declaration.section.code)
    _audit(
        portfolio,
        AuditAction.SIGNATURE_WITHDRAWN,
        actor=portfolio.candidate,
        target=signature,
        summary=signature.declaration.code,
    )
    signature.delete()


# --- submission --------------------------------------------------------------------------------


class IncompletePortfolio(PortfolioError):
    def __init__(self, missing):
        super().__init__(_("Het portfolio is nog niet compleet."))
        self.missing = missing


class AlreadySubmitted(PortfolioError):
    pass


class PrivacyNotConfirmed(PortfolioError):
    """The texts hold possible personal data of clients and the candidate has not (or not
    for these warnings) confirmed that they identify no one."""

    def __init__(self, field_findings, *, changed: bool = False):
        count = sum(len(f.findings) for f in field_findings)
        fields = ", ".join(f.field for f in field_findings)
        if changed:
            message = _(
                "De privacywaarschuwingen zijn veranderd sinds je deze pagina opende "
                "(nu %(count)d in %(fields)s). Lees ze opnieuw en bevestig opnieuw."
            )
        else:
            message = _(
                "Je portfolio bevat mogelijk herleidbare gegevens van cliënten: %(count)d "
                "waarschuwing(en) in %(fields)s. Verwijder of anonimiseer die gegevens, of "
                "bevestig dat je de waarschuwingen hebt gelezen en dat de tekst geen "
                "herleidbare gegevens van cliënten bevat."
            )
        super().__init__(message % {"count": count, "fields": fields})
        self.field_findings = field_findings


def _file_sha256(document: Document) -> str:
    digest = hashlib.sha256()
    with document.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build_snapshot_content(content) -> dict:
    """The sealed record: every text, signature and file fingerprint of the portfolio."""
    portfolio, version = content.portfolio, content.version
    sections = []
    for section in version.sections.all():
        entries = []
        for requirement in section.education_requirements.all():
            entries.extend(eligibility.diploma_snapshot_entries(portfolio, requirement))
            for document in content.documents_by_requirement.get(requirement.pk, []):
                entries.append(_document_entry(requirement.code, document))
        for declaration in section.declarations.all():
            signature = content.signatures_by_declaration.get(declaration.pk)
            if signature:
                entries.append(
                    {
                        "kind": "signature",
                        "code": declaration.code,
                        "statement": signature.statement,
                        "full_name": signature.full_name,
                        "signed_on": signature.signed_on.isoformat(),
                        "signed_at": signature.signed_at.isoformat(),
                        "years": signature.years,
                        "hours": signature.hours,
                    }
                )
        for question in section.questions.all():
            for document in content.documents_by_question.get(question.pk, []):
                entries.append(_document_entry(question.code, document))
            answer = content.answers_by_question.get(question.pk)
            if answer and answer.is_filled:
                entries.append(
                    {
                        "kind": "answer",
                        "code": question.code,
                        "text": answer.text,
                        "date": answer.date_value.isoformat() if answer.date_value else None,
                    }
                )
        for criterion in section.criteria.all():
            answer = content.answers_by_criterion.get(criterion.pk)
            if answer and answer.is_filled:
                entries.append({"kind": "answer", "code": criterion.code, "text": answer.text})
            for question in criterion.product_questions.all():
                answer = content.answers_by_product_question.get(question.pk)
                if answer and answer.is_filled:
                    entries.append(
                        {
                            "kind": "answer",
                            "code": f"{criterion.code}.{question.number}",
                            "text": answer.text,
                        }
                    )
        sections.append({"code": section.code, "entries": entries})
    return {
        "portfolio": portfolio.pk,
        "candidate": {
            "name": portfolio.candidate.get_full_name(),
            "email": portfolio.candidate.email,
        },
        "framework": {"slug": version.framework.slug, "version": version.number},
        "routes": {
            "A1": portfolio.basic_route.code if portfolio.basic_route else None,
            "A2": portfolio.supplementary_route.code if portfolio.supplementary_route else None,
        },
        "sections": sections,
    }


def _document_entry(code: str, document: Document) -> dict:
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


def fingerprint(snapshot_content: dict) -> str:
    canonical = json.dumps(
        snapshot_content, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def submit_portfolio(
    *,
    portfolio: Portfolio,
    actor,
    privacy_confirmed: bool = False,
    privacy_digest: str | None = None,
) -> Snapshot:
    """Lock the portfolio and seal a snapshot with its SHA-256 fingerprint.

    When the privacy guard finds possible personal data of clients in the texts, the
    candidate must confirm (`privacy_confirmed`) that the text identifies no one, and the
    confirmation counts only with `privacy_digest` — the digest of exactly the warnings
    the submit page showed (`selectors.privacy_digest`). Otherwise `PrivacyNotConfirmed`.

    Side effects: state → submitted; a Snapshot row (with the overridden warnings: when,
    by whom, kinds per field — never the values); an audit entry for the override; e-mails
    to the office and the candidate after commit. A second submit (double click) raises
    `AlreadySubmitted`.
    """
    from portfolio.selectors import (  # noqa: PLC0415
        portfolio_content,
        portfolio_progress,
        privacy_findings,
    )

    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    refused = workflow.refusal(portfolio, PortfolioState.SUBMITTED, actor=actor)
    if refused:
        raise AlreadySubmitted(refused)
    content = portfolio_content(portfolio)
    progress = portfolio_progress(content)
    if not progress.complete:
        raise IncompletePortfolio(progress.missing)
    previous_state = portfolio.state
    field_findings = privacy_findings(content, fresh=True)
    findings = [f for field in field_findings for f in field.findings]
    if findings and not privacy_confirmed:
        raise PrivacyNotConfirmed(field_findings)
    if findings and privacy_digest != privacy.digest(findings):
        # The confirmation counts only for exactly the warnings the candidate was shown
        # (their digest comes with it); none, or another, is no confirmation of these.
        raise PrivacyNotConfirmed(field_findings, changed=True)
    sealed = build_snapshot_content(content)
    snapshot = Snapshot.objects.create(
        portfolio=portfolio,
        round=portfolio.snapshots.count() + 1,
        content=sealed,
        sha256=fingerprint(sealed),
    )
    if findings:
        _record_privacy_override(snapshot, field_findings, findings, actor=actor)
    portfolio.state = PortfolioState.SUBMITTED
    portfolio.submitted_at = timezone.now()
    portfolio.reopened_sections = []
    # The periods were checked on `measured_on` (today, the first time); from now on they
    # stay measured on this date (eligibility.measured_on says why).
    portfolio.first_submitted_on = eligibility.measured_on(portfolio)
    portfolio.save(
        update_fields=[
            "state",
            "submitted_at",
            "reopened_sections",
            "first_submitted_on",
            "updated_at",
        ]
    )
    _audit(
        portfolio,
        AuditAction.PORTFOLIO_SUBMITTED,
        actor=actor,
        target=snapshot,
        summary=f"ronde {snapshot.round}, SHA-256 {snapshot.sha256[:16]}…",
        changes={"status": audit.change(previous_state, PortfolioState.SUBMITTED)},
    )
    mail_context = {"portfolio": portfolio, "snapshot": snapshot, "site_url": settings.SITE_URL}
    queue_mail(
        template="portfolio/email/submitted_office",
        context=mail_context,
        to=[settings.OFFICE_EMAIL],
    )
    queue_mail(
        template="portfolio/email/submitted_candidate",
        context=mail_context,
        to=[portfolio.candidate.email],
    )
    return snapshot


def _record_privacy_override(snapshot: Snapshot, field_findings, findings, *, actor) -> None:
    """Keep on the snapshot, and in the audit trail, that the candidate submitted despite
    the privacy warnings: kinds and fields only, the values never leave the text."""
    portfolio = snapshot.portfolio
    snapshot.privacy_override_at = timezone.now()
    snapshot.privacy_override_by = actor
    snapshot.privacy_findings = privacy.summarise(findings)
    snapshot.save(update_fields=["privacy_override_at", "privacy_override_by", "privacy_findings"])
    audit.record(
        actor=actor,
        action=AuditAction.PRIVACY_WARNING_OVERRIDDEN,
        portfolio_id=portfolio.pk,
        subject_user_id=portfolio.candidate_id,
        target=portfolio,
        summary=_(
            "Ingediend (ronde %(round)d) ondanks %(count)d privacywaarschuwing(en) in "
            "%(fields)s; de kandidaat bevestigde dat de tekst geen herleidbare gegevens van "
            "cliënten bevat."
        )
        % {
            "round": snapshot.round,
            "count": len(findings),
            "fields": ", ".join(f.field for f in field_findings),
        },
        changes=privacy.counts_by_kind(findings),
    )


@transaction.atomic
def reopen_for_additions(
    *, portfolio: Portfolio, sections: list[str], deadline, actor=None
) -> Portfolio:
    """Reopen exactly the named sections of a submitted portfolio until `deadline`.

    Called by the review when additions are requested. Side effects: state → reopened;
    e-mail to the candidate after commit. Earlier snapshots stay as they were.
    """
    if problem := limits.date_problem(deadline, today=timezone.localdate(), future=True):
        raise PortfolioError(problem)
    portfolio = Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    refused = workflow.refusal(portfolio, PortfolioState.REOPENED, actor=actor)
    if refused:
        raise PortfolioError(refused)
    known = set(portfolio.framework_version.sections.values_list("code", flat=True))
    unknown = [code for code in sections if code not in known]
    if not sections or unknown:
        raise PortfolioError(_("Noem de onderdelen die aangevuld moeten worden."))
    if deadline <= timezone.localdate():
        raise PortfolioError(_("De termijn voor aanvullingen moet in de toekomst liggen."))
    _audit(
        portfolio,
        AuditAction.PORTFOLIO_REOPENED,
        actor=actor,
        summary=", ".join(sections) + f" tot {deadline.isoformat()}",
        changes={"status": audit.change(portfolio.state, PortfolioState.REOPENED)},
    )
    portfolio.state = PortfolioState.REOPENED
    portfolio.reopened_sections = list(sections)
    portfolio.additions_deadline = deadline
    portfolio.save(update_fields=["state", "reopened_sections", "additions_deadline", "updated_at"])
    queue_mail(
        template="portfolio/email/reopened",
        context={"portfolio": portfolio, "site_url": settings.SITE_URL},
        to=[portfolio.candidate.email],
    )
    return portfolio
