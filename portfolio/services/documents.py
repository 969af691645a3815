"""Uploading, opening and deleting a portfolio's documents."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from audit.enums import AuditAction
from portal import limits
from portfolio import eligibility, entries
from portfolio.errors import PortfolioError
from portfolio.models import Document, Portfolio
from portfolio.services.common import audit_entry, check_date, locked_draft
from portfolio.validators import check_upload, safe_filename
from profiles.enums import AnswerKind
from profiles.models import EducationRequirement, Question


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
    check_date(document_date)
    portfolio = locked_draft(portfolio, entries.section_code(target))
    lookup = _document_lookup(portfolio, target, uploaded, document_date, study_hours)
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
    audit_entry(
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


def _document_lookup(portfolio: Portfolio, target, uploaded, document_date, study_hours) -> dict:
    """The Document field `target` fills, once the target may take this document."""
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
    return lookup


def record_download(*, document: Document, actor) -> None:
    """Audit that `actor` opened an uploaded file (called after the access check)."""
    audit_entry(
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
    portfolio = locked_draft(document.portfolio, entries.section_code(target))
    storage, name = document.file.storage, document.file.name
    audit_entry(
        portfolio,
        AuditAction.DOCUMENT_DELETED,
        actor=portfolio.candidate,
        target=document,
        summary=target.code,
        changes={"bestand": audit.change(document.original_name, None)},
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
